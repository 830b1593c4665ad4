package org.dcom4j.rpc;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Association groups of one server (C706 12.6.4.3 assoc_group_id; MS-RPCE 3.3.1.1.1): a bind with
 * assoc_group_id 0 creates a group, a bind naming a live group joins it, a group ends with its
 * last connection. Ids are random and non-zero so that a client cannot guess another's group.
 * Thread-safe.
 */
final class AssociationGroups {
    private final ConcurrentHashMap<Integer, Integer> members = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** A new group with one member. */
    int create() {
        while (true) {
            int id = random.nextInt() & 0x7FFFFFFF;
            if (id != 0 && members.putIfAbsent(id, 1) == null) {
                return id;
            }
        }
    }

    /** Joins group {@code id}; false when it does not exist (any more). */
    boolean join(int id) {
        return members.computeIfPresent(id, (k, n) -> n + 1) != null;
    }

    void leave(int id) {
        members.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
    }

    int size() {
        return members.size();
    }
}
