package org.dcom4j.security;

import java.util.Objects;
import java.util.UUID;

/**
 * A registered COM application ({@code HKLM\SOFTWARE\Classes\AppID\{appid}}) as the access
 * decision sees it. Immutable.
 *
 * @param appId              the AppID
 * @param name               its display name (the key's default value), for messages
 * @param launchPermission   LaunchPermission, or null to use DefaultLaunchPermission
 * @param accessPermission   AccessPermission, or null to use DefaultAccessPermission
 * @param programmaticAccess the descriptor the running server set itself (the CoInitializeSecurity
 *                           equivalent), or null; it takes precedence over AccessPermission for calls
 * @param serverIdentity     the identity the server runs as, substituted for PRINCIPAL SELF (PS) in
 *                           access checks; null when unknown (PS then matches nobody)
 */
public record ComApplication(UUID appId, String name, DescriptorValue launchPermission,
                             DescriptorValue accessPermission, DescriptorValue programmaticAccess,
                             Sid serverIdentity) {
    public ComApplication {
        Objects.requireNonNull(appId, "appId");
        name = name == null ? "" : name;
    }

    /** {@code {appid} "name"} as used in reason chains. */
    public String label() {
        String id = "{" + appId.toString().toUpperCase(java.util.Locale.ROOT) + "}";
        return name.isEmpty() ? id : id + " \"" + name + "\"";
    }

    /** This application with the descriptor its running server set programmatically. */
    public ComApplication withProgrammaticAccess(DescriptorValue descriptor) {
        return new ComApplication(appId, name, launchPermission, accessPermission, descriptor, serverIdentity);
    }
}
