package org.dcom4j.com;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CausalityIdTest {
    @Test
    void isAFreshVersion4UuidOnEveryCall() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            UUID id = ComClient.causalityId();
            assertEquals(4, id.version(), id::toString);
            assertEquals(2, id.variant(), id::toString); // IETF (RFC 9562) variant
            seen.add(id);
        }
        assertEquals(1000, seen.size());
    }
}
