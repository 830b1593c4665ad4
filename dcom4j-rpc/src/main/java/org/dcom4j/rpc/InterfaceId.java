package org.dcom4j.rpc;

import java.util.Objects;
import java.util.UUID;

/**
 * An RPC interface identifier: UUID and major.minor version (C706 2.3 "interface UUID and version").
 * A server interface {@code major.minor} serves a client asking for the same major and a minor no
 * greater than its own (C706 6.2.2.2 compatibility rule).
 */
public record InterfaceId(UUID uuid, int major, int minor) {
    public InterfaceId {
        Objects.requireNonNull(uuid, "uuid");
        if ((major & ~0xFFFF) != 0 || (minor & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("version out of range: major=" + major + ", minor=" + minor + ", limit=65535");
        }
    }

    /** Whether a server offering this interface serves a client asking for {@code requested}. */
    public boolean serves(InterfaceId requested) {
        return uuid.equals(requested.uuid) && major == requested.major && requested.minor <= minor;
    }

    @Override
    public String toString() {
        return uuid + " v" + major + "." + minor;
    }
}
