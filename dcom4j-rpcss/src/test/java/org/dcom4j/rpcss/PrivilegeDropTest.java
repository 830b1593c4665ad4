package org.dcom4j.rpcss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dcom4j.config.LocalAccounts;
import org.junit.jupiter.api.Test;

/**
 * What can be checked without giving up root in this JVM (the drop itself, process-wide and for good,
 * is {@link PrivilegeDropEndToEndTest}'s, in a child JVM): resolving the user, the target's checks,
 * reading this process's ids, the per-thread view.
 */
class PrivilegeDropTest {
    static final LocalAccounts.Directory DIR = LocalAccounts.Directory.of(
            "root:x:0:0::/root:/bin/sh\nrpcss:x:120:130::/nonexistent:/usr/sbin/nologin\n",
            "root:x:0:\ndcom4j-rpcss:x:130:\nsockets:x:131:rpcss,other\nlogs:x:132:rpcss\nextra:x:133:other\n");

    @Test
    void resolvesTheUsersPrimaryGroupFirstThenTheGroupsListingIt() {
        PrivilegeDrop.Target t = PrivilegeDrop.resolve("rpcss", DIR);
        assertEquals(new PrivilegeDrop.Target("rpcss", 120, 130, List.of(130, 131, 132)), t);
        assertFalse(t.isRoot());
        assertTrue(PrivilegeDrop.resolve("root", DIR).isRoot());
    }

    @Test
    void refusesAMissingUserNamingTheOptionAndTheWayOut() {
        RpcssException e = assertThrows(RpcssException.class, () -> PrivilegeDrop.resolve("no-such-user", DIR));
        assertTrue(e.getMessage().startsWith("--user no-such-user: no such Unix user"), e.getMessage());
        assertTrue(e.getMessage().contains("useradd --system") && e.getMessage().contains("--stay-root"), e.getMessage());
        assertThrows(RpcssException.class, () -> PrivilegeDrop.resolve(" ", DIR));
    }

    @Test
    void refusesNegativeIdsAndDroppingToRoot() {
        assertThrows(IllegalArgumentException.class, () -> new PrivilegeDrop.Target("x", -1, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new PrivilegeDrop.Target("x", 1, -1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> PrivilegeDrop.apply(new PrivilegeDrop.Target("root", 0, 0, List.of(0))));
    }

    @Test
    void readsThisProcesssIdsAndSeesEveryThreadWithThem() {
        PrivilegeDrop.Ids ids = PrivilegeDrop.current();
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        long gid = new com.sun.security.auth.module.UnixSystem().getGid();
        assertEquals(new PrivilegeDrop.Ids((int) uid, (int) uid, (int) uid, (int) gid, (int) gid, (int) gid), ids);
        assertEquals(List.of(), PrivilegeDrop.threadsNotAs((int) uid, (int) gid));
        assertFalse(PrivilegeDrop.threadsNotAs((int) uid + 1, (int) gid).isEmpty(), "a thread with other ids is reported");
    }

    @Test
    void optionsTreatARootTargetAsStaying() {
        Rpcss.Options o = new Rpcss.Options(java.net.InetAddress.getLoopbackAddress(), 0, java.nio.file.Path.of("s"),
                java.nio.file.Path.of("r"));
        assertEquals(null, o.withUser(new PrivilegeDrop.Target("root", 0, 0, List.of(0))).user());
        PrivilegeDrop.Target t = PrivilegeDrop.resolve("rpcss", DIR);
        assertEquals(t, o.withUser(t).user());
    }
}
