package org.dcom4j.rpcss;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rpcss's switch to its unprivileged user, around {@link PrivilegeDrop#apply}: first its socket
 * files (and the runtime directory when rpcss created it) become the user's — COM servers take
 * rpcss's uid from the owner of {@code ncalrpc:[dcom4j-scm]}, and rpcss removes its socket files when
 * it stops —, then the drop, then {@code afterCheck} as the user: rpcss reopens {@code registry.db}
 * read-only and checks that the account store is still readable through the connection it opened
 * as root (the state directory must stay searchable).
 */
final class RunAsUser {
    private static final Logger LOG = LoggerFactory.getLogger(RunAsUser.class);

    private RunAsUser() {
    }

    /**
     * @param owned      files and directories to give to the user (missing ones are skipped)
     * @param afterCheck run as the user; a failure is reported as the config store being unreadable
     * @throws RpcssException a file cannot be given away, the drop failed, or {@code afterCheck} failed
     */
    static void become(PrivilegeDrop.Target user, List<Path> owned, Runnable afterCheck) {
        for (Path p : owned) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.setAttribute(p, "unix:gid", user.gid(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:uid", user.uid(), LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | RuntimeException e) {
                throw new RpcssException("cannot give " + p + " to user " + user.name() + ": " + e.getMessage(), e);
            }
        }
        PrivilegeDrop.apply(user);
        try {
            afterCheck.run();
        } catch (RuntimeException e) {
            throw new RpcssException("as user " + user.name() + " rpcss cannot read the config store: " + e.getMessage()
                    + " (the state directory and its parents must be searchable by " + user.name() + ")", e);
        }
        LOG.info("rpcss now runs as user {} (uid {}, gid {}, groups {}); the launcher keeps root", user.name(), user.uid(),
                user.gid(), user.groups());
    }
}
