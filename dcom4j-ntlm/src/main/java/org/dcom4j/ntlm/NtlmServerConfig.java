package org.dcom4j.ntlm;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * The names a server announces in its CHALLENGE (MS-NLMP 2.2.1.2 TargetName, 2.2.2.1 AV pairs) and
 * accepts as the AUTHENTICATE domain, and the clock of MsvAvTimestamp. An empty
 * {@code dnsDomainName} is announced as the DNS computer name, as a standalone Windows does.
 */
public record NtlmServerConfig(String netbiosComputerName, String netbiosDomainName, String dnsComputerName,
        String dnsDomainName, Clock clock) {
    /** NetBIOS names are at most 15 characters (the 16th byte is the NetBIOS suffix). */
    public static final int NETBIOS_MAX = 15;

    public NtlmServerConfig {
        Objects.requireNonNull(netbiosComputerName, "netbiosComputerName");
        Objects.requireNonNull(netbiosDomainName, "netbiosDomainName");
        Objects.requireNonNull(dnsComputerName, "dnsComputerName");
        Objects.requireNonNull(dnsDomainName, "dnsDomainName");
        Objects.requireNonNull(clock, "clock");
        if (netbiosComputerName.isEmpty() || netbiosComputerName.length() > NETBIOS_MAX || netbiosDomainName.length() > NETBIOS_MAX) {
            throw new IllegalArgumentException("NetBIOS name length: computer=" + netbiosComputerName.length()
                    + ", domain=" + netbiosDomainName.length() + ", limit=" + NETBIOS_MAX);
        }
    }

    /**
     * Names from {@code InetAddress.getLocalHost()}: NetBIOS computer name = first label of the host
     * name, upper-cased, cut to 15; NetBIOS domain {@code WORKGROUP}; DNS computer name = the host name;
     * DNS domain = the rest of the host name after its first label, or the host name when it has none.
     */
    public static NtlmServerConfig forLocalHost() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return forHostName(host, Clock.systemUTC());
    }

    static NtlmServerConfig forHostName(String host, Clock clock) {
        if (host == null || host.isBlank()) {
            host = "localhost";
        }
        int dot = host.indexOf('.');
        String label = dot < 0 ? host : host.substring(0, dot);
        if (label.isEmpty()) {
            label = "localhost";
        }
        String netbios = label.toUpperCase(Locale.ROOT);
        if (netbios.length() > NETBIOS_MAX) {
            netbios = netbios.substring(0, NETBIOS_MAX);
        }
        String dnsDomain = dot < 0 || dot == host.length() - 1 ? host : host.substring(dot + 1);
        return new NtlmServerConfig(netbios, "WORKGROUP", host, dnsDomain, clock);
    }

    /** The DNS domain announced in MsvAvDnsDomainName. */
    String announcedDnsDomainName() {
        return dnsDomainName.isEmpty() ? dnsComputerName : dnsDomainName;
    }

    /** Whether an AUTHENTICATE's DomainName names this server: empty, ".", or one of our names. */
    boolean servesDomain(String domain) {
        return domain.isEmpty() || domain.equals(".") || domain.equalsIgnoreCase(netbiosComputerName)
                || domain.equalsIgnoreCase(netbiosDomainName) || domain.equalsIgnoreCase(dnsComputerName)
                || (!dnsDomainName.isEmpty() && domain.equalsIgnoreCase(dnsDomainName));
    }
}
