package org.dcom4j.com.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.dcom4j.com.Hresult;
import org.dcom4j.rpc.CallContext;
import org.dcom4j.rpc.transport.PeerCredentials;
import org.dcom4j.security.AccessCheck;
import org.dcom4j.security.AccessMask;
import org.dcom4j.security.ComAcl;
import org.dcom4j.security.ComApplication;
import org.dcom4j.security.DcomAccessPolicy;
import org.dcom4j.security.DescriptorValue;
import org.dcom4j.security.Operation;
import org.dcom4j.security.SecurityDescriptor;

/**
 * The Call check made before every ORPC call is dispatched (IRemUnknown included), in this order of
 * precedence:
 * <ol>
 * <li>{@code initializeSecurity(sd, level)} (CoInitializeSecurity): the call's authentication level
 *     must be at least {@code level} (ncalrpc counts as privacy), and AccessCheck of the caller's token
 *     against {@code sd} must grant COM_RIGHTS_EXECUTE — for a new-format ACL the distance-specific
 *     EXECUTE_LOCAL / EXECUTE_REMOTE ({@link ComAcl#desiredRight}); an invalid COM ACL denies. With a
 *     policy too, {@code sd} is the application's programmatic descriptor in {@link DcomAccessPolicy#decide},
 *     intersected with the machine-wide limits as Windows does since XP SP2: EnableDCOM=N refuses
 *     remote calls and MachineAccessRestriction must grant as well (denials logged by the policy);</li>
 * <li>else {@link DcomAccessPolicy#decide} with {@link Operation#CALL} for the application;</li>
 * <li>else deny on doubt: only this process's own Unix user (an ncalrpc caller whose kernel uid is
 *     ours), root, and tokens holding BUILTIN\Administrators are served.</li>
 * </ol>
 * Immutable, thread-safe.
 */
public final class CallGuard {
    private final SecurityDescriptor accessPermission;
    private final int desiredLocal;
    private final int desiredRemote;
    private final boolean validAcl;
    private final int minimumAuthLevel;
    private final DcomAccessPolicy policy;
    private final ComApplication app;
    private final int ownUid;

    public CallGuard(SecurityDescriptor accessPermission, int minimumAuthLevel, DcomAccessPolicy policy, ComApplication app) {
        this.accessPermission = accessPermission;
        this.minimumAuthLevel = minimumAuthLevel;
        this.policy = policy;
        this.app = accessPermission != null && policy != null ? withProgrammaticAccess(app, accessPermission) : app;
        if (accessPermission != null) {
            ComAcl.Validity v = ComAcl.validate(accessPermission);
            this.validAcl = v.valid();
            this.desiredLocal = v.valid() ? ComAcl.desiredRight(v.format(), Operation.CALL, org.dcom4j.security.Distance.LOCAL) : 0;
            this.desiredRemote = v.valid() ? ComAcl.desiredRight(v.format(), Operation.CALL, org.dcom4j.security.Distance.REMOTE) : 0;
        } else {
            this.validAcl = false;
            this.desiredLocal = 0;
            this.desiredRemote = 0;
        }
        this.ownUid = ownUid();
    }

    /** S_OK, or E_ACCESSDENIED. */
    public int check(CallContext ctx) {
        if (accessPermission != null) {
            if (ctx.authLevel() < minimumAuthLevel) {
                return Hresult.E_ACCESSDENIED;
            }
            if (policy != null) {
                return policy.decide(ctx.token(), Operation.CALL, ctx.distance(), app).allowed() ? Hresult.S_OK : Hresult.E_ACCESSDENIED;
            }
            if (!validAcl) {
                return Hresult.E_ACCESSDENIED;
            }
            int desired = ctx.distance() == org.dcom4j.security.Distance.LOCAL ? desiredLocal : desiredRemote;
            return AccessCheck.check(accessPermission, ctx.token(), desired, AccessMask.COM_MAPPING).allowed()
                    ? Hresult.S_OK : Hresult.E_ACCESSDENIED;
        }
        if (policy != null) {
            return policy.decide(ctx.token(), Operation.CALL, ctx.distance(), app).allowed() ? Hresult.S_OK : Hresult.E_ACCESSDENIED;
        }
        if (ctx.token() != null && ctx.token().isAdministrator()) {
            return Hresult.S_OK;
        }
        PeerCredentials p = ctx.peer();
        return p != null && (p.uid() == 0 || ownUid >= 0 && p.uid() == ownUid) ? Hresult.S_OK : Hresult.E_ACCESSDENIED;
    }

    /** This process's uid (Linux: the owner of /proc/self), or -1 when unknown (then only root and administrators pass). */
    static int ownUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (Exception e) {
            return -1;
        }
    }

    /** {@code app} (null: this server, without an AppID) with {@code sd} as the descriptor the server set programmatically. */
    private static ComApplication withProgrammaticAccess(ComApplication app, SecurityDescriptor sd) {
        DescriptorValue programmatic = DescriptorValue.ofBinary("CoInitializeSecurity", sd.toBytes());
        return app == null
                ? new ComApplication(new UUID(0, 0), "this server (no AppID)", null, null, programmatic, null)
                : app.withProgrammaticAccess(programmatic);
    }

    /** The uid owning {@code file}, or -1. */
    public static int ownerUid(Path file) {
        try {
            return (Integer) Files.getAttribute(file, "unix:uid");
        } catch (Exception e) {
            return -1;
        }
    }
}
