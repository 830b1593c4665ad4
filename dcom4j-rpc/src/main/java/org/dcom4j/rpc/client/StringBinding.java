package org.dcom4j.rpc.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A string binding (C706 appendix G / 3.1 "String Bindings"; MS-RPCE 2.1 and the format of
 * {@code RpcStringBindingCompose}):
 *
 * <pre>
 * [object_uuid@]protseq:[network_address][[endpoint][,option=value]...]
 *
 * 3baeb06b-ae30-4a06-932c-4ec77578e619@ncacn_ip_tcp:10.0.0.5[49152]
 * ncacn_ip_tcp:server                  no endpoint: resolved through the endpoint mapper
 * ncalrpc:[epmapper]                   the AF_UNIX socket {@code runtimeDir/epmapper}
 * ncacn_ip_tcp:host[endpoint=135,opt=x] endpoint given as an option, as C706 also allows
 * </pre>
 *
 * The DCE escape character ({@code \}) is not supported: no protocol sequence this runtime speaks
 * needs the special characters in an address or endpoint. Parsing never throws anything but
 * {@link StringBindingException}, which carries the offending position. Immutable.
 *
 * @param object             the object UUID, or null
 * @param protocolSequence   {@code ncacn_ip_tcp}, {@code ncalrpc}, … (lower case letters, digits, '_')
 * @param networkAddress     host name or address; empty for ncalrpc or the local host
 * @param endpoint           TCP port or ncalrpc name, or null when the endpoint mapper must resolve it
 * @param options            network options after the endpoint, in order
 */
public record StringBinding(UUID object, String protocolSequence, String networkAddress, String endpoint,
                            SequencedMap<String, String> options) {
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PROTSEQ = Pattern.compile("[a-z][a-z0-9_]*");
    private static final String RESERVED = "@:[],=\\ \t\r\n\"";

    public StringBinding {
        Objects.requireNonNull(protocolSequence, "protocolSequence");
        networkAddress = networkAddress == null ? "" : networkAddress;
        if (!PROTSEQ.matcher(protocolSequence).matches()) {
            throw new IllegalArgumentException("bad protocol sequence: protseq=" + protocolSequence + ", limit=[a-z][a-z0-9_]*");
        }
        check("network address", networkAddress, true);
        if (endpoint != null) {
            check("endpoint", endpoint, false);
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        if (options != null) {
            options.forEach((k, v) -> {
                check("option name", k, false);
                check("option value", v, true);
                copy.put(k, v);
            });
        }
        options = Collections.unmodifiableSequencedMap(copy);
    }

    /** A binding without object UUID or options. */
    public static StringBinding of(String protocolSequence, String networkAddress, String endpoint) {
        return new StringBinding(null, protocolSequence, networkAddress, endpoint, null);
    }

    private static void check(String what, String value, boolean mayBeEmpty) {
        if (value.isEmpty() && !mayBeEmpty) {
            throw new IllegalArgumentException(what + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (RESERVED.indexOf(value.charAt(i)) >= 0 || value.charAt(i) < 0x20) {
                throw new IllegalArgumentException(what + " contains a reserved character: " + what + "=" + value + ", position=" + i);
            }
        }
    }

    /** This binding with {@code endpoint} (a resolved endpoint replaces none). */
    public StringBinding withEndpoint(String newEndpoint) {
        return new StringBinding(object, protocolSequence, networkAddress, newEndpoint, options);
    }

    /** This binding with {@code newObject} (null removes it). */
    public StringBinding withObject(UUID newObject) {
        return new StringBinding(newObject, protocolSequence, networkAddress, endpoint, options);
    }

    public boolean hasEndpoint() {
        return endpoint != null;
    }

    /**
     * Parses {@code text}.
     *
     * @throws StringBindingException naming what was expected and where
     */
    public static StringBinding parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        int at = text.indexOf('@');
        UUID object = null;
        int start = 0;
        if (at >= 0 && (colon < 0 || at < colon)) {
            String u = text.substring(0, at);
            if (!UUID_TEXT.matcher(u).matches()) {
                throw new StringBindingException(text, 0, "object UUID must be 8-4-4-4-12 hex digits before '@'");
            }
            object = UUID.fromString(u);
            start = at + 1;
        }
        if (colon < 0) {
            throw new StringBindingException(text, text.length(), "expected ':' after the protocol sequence");
        }
        String protseq = text.substring(start, colon);
        if (!PROTSEQ.matcher(protseq).matches()) {
            throw new StringBindingException(text, start, "expected a protocol sequence such as ncacn_ip_tcp or ncalrpc");
        }
        int open = text.indexOf('[', colon + 1);
        int addrEnd = open < 0 ? text.length() : open;
        String address = text.substring(colon + 1, addrEnd);
        reject(text, colon + 1, address, "in the network address");
        String endpoint = null;
        LinkedHashMap<String, String> options = new LinkedHashMap<>();
        if (open >= 0) {
            int close = text.indexOf(']', open + 1);
            if (close < 0) {
                throw new StringBindingException(text, text.length(), "expected ']' to close the endpoint");
            }
            if (close != text.length() - 1) {
                throw new StringBindingException(text, close + 1, "unexpected text after ']'");
            }
            int pos = open + 1;
            boolean first = true;
            for (String part : text.substring(open + 1, close).split(",", -1)) {
                int eq = part.indexOf('=');
                if (first && eq < 0) {
                    reject(text, pos, part, "in the endpoint");
                    endpoint = part.isEmpty() ? null : part;
                } else if (eq <= 0) {
                    throw new StringBindingException(text, pos, "expected option=value");
                } else {
                    String name = part.substring(0, eq);
                    String value = part.substring(eq + 1);
                    reject(text, pos, name, "in an option name");
                    reject(text, pos + eq + 1, value, "in an option value");
                    if (name.equalsIgnoreCase("endpoint") && endpoint == null && !value.isEmpty()) {
                        endpoint = value; // C706: "endpoint=" may name the endpoint among the options
                    } else if (options.putIfAbsent(name, value) != null) {
                        throw new StringBindingException(text, pos, "option given twice: " + name);
                    }
                }
                first = false;
                pos += part.length() + 1;
            }
        }
        return new StringBinding(object, protseq, address, endpoint, options);
    }

    private static void reject(String text, int offset, String part, String where) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (RESERVED.indexOf(c) >= 0 || c < 0x20) {
                throw new StringBindingException(text, offset + i, "unexpected character '" + c + "' " + where);
            }
        }
    }

    /** The C706 form: {@code [object@]protseq:address[endpoint,name=value]}; parses back to an equal binding. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (object != null) {
            sb.append(object).append('@');
        }
        sb.append(protocolSequence).append(':').append(networkAddress);
        if (endpoint != null || !options.isEmpty()) {
            sb.append('[').append(endpoint == null ? "" : endpoint);
            options.forEach((k, v) -> sb.append(',').append(k).append('=').append(v));
            sb.append(']');
        }
        return sb.toString();
    }
}
