package edu.ucla.dgsom.escrow.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place that decides a request's client address and whether it reached us over TLS. Forwarding headers
 * ({@code Forwarded}, else {@code X-Forwarded-For} and {@code X-Forwarded-Proto}) are believed only when the direct
 * peer is a trusted proxy; the client is then the right-most forwarded address that is not itself a trusted proxy.
 * Anyone else's forwarding headers are ignored, so nobody can choose the address that is audited and throttled.
 */
public final class ClientOrigin {

    /** The result: an address literal and whether the client's connection used TLS. */
    public record Origin(String address, boolean secure) {
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Network> trusted;

    /** {@code trustedProxies}: addresses and CIDR blocks, e.g. {@code 10.0.0.0/8}, {@code 2001:db8::/32}. */
    public ClientOrigin(List<String> trustedProxies) {
        List<Network> networks = new ArrayList<>();
        for (String entry : trustedProxies) {
            if (!entry.isBlank()) {
                networks.add(Network.parse(entry.trim()));
            }
        }
        this.trusted = List.copyOf(networks);
    }

    /**
     * @param peer the direct peer's address
     * @param peerSecure whether the connection from the peer uses TLS
     * @param forwarded the values of every {@code Forwarded} header, in order
     * @param forwardedFor the values of every {@code X-Forwarded-For} header, in order
     * @param forwardedProto the values of every {@code X-Forwarded-Proto} header, in order
     */
    public Origin resolve(String peer, boolean peerSecure, List<String> forwarded, List<String> forwardedFor,
            List<String> forwardedProto) {
        if (!isTrusted(peer)) {
            return new Origin(peer, peerSecure);
        }
        boolean rfc7239 = !forwarded.isEmpty();
        List<String> hops = new ArrayList<>();
        List<String> protos = new ArrayList<>();
        if (rfc7239) {
            for (String element : elements(forwarded)) {
                hops.add(parameter(element, "for"));
                protos.add(parameter(element, "proto"));
            }
        } else {
            hops.addAll(elements(forwardedFor));
        }
        String client = peer;
        int clientHop = -1;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = address(hops.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
            clientHop = i;
            if (!isTrusted(hop)) {
                break;
            }
        }
        // Forwarded: the scheme the client's own hop used. X-Forwarded-Proto: what the nearest proxy says.
        List<String> xProtos = elements(forwardedProto);
        String proto = rfc7239 ? (clientHop >= 0 ? protos.get(clientHop) : null)
                : xProtos.isEmpty() ? null : xProtos.get(xProtos.size() - 1);
        boolean secure = peerSecure || "https".equalsIgnoreCase(proto);
        return new Origin(client, secure);
    }

    boolean isTrusted(String address) {
        byte[] bytes = bytes(address);
        return bytes != null && trusted.stream().anyMatch(network -> network.contains(bytes));
    }

    private static List<String> elements(List<String> headers) {
        List<String> elements = new ArrayList<>();
        for (String header : headers) {
            for (String element : header.split(",")) {
                if (!element.isBlank()) {
                    elements.add(element.trim());
                }
            }
        }
        return elements;
    }

    /** A parameter of one {@code Forwarded} element ({@code for=...;proto=...}), unquoted; null if absent. */
    private static String parameter(String element, String name) {
        for (String pair : element.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals(name)) {
                String value = pair.substring(equals + 1).trim();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    /** The address literal of a hop ({@code 192.0.2.1}, {@code 192.0.2.1:8080}, {@code [2001:db8::1]:80}), or null. */
    private static String address(String hop) {
        if (hop == null) {
            return null;
        }
        String value = hop;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            value = end > 0 ? value.substring(1, end) : value;
        } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            value = value.substring(0, value.indexOf(':'));
        }
        return bytes(value) == null ? null : value;
    }

    /** The bytes of an IP address literal; null for anything else (never a name lookup). */
    private static byte[] bytes(String literal) {
        if (literal == null || !(IPV4.matcher(literal).matches() || IPV6.matcher(literal).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address block: the first {@code prefix} bits of {@code base}. */
    private record Network(byte[] base, int prefix) {

        static Network parse(String entry) {
            int slash = entry.indexOf('/');
            byte[] base = bytes(slash < 0 ? entry : entry.substring(0, slash));
            if (base == null) {
                throw new IllegalArgumentException("escrow.http.trusted-proxies: not an address or CIDR block: "
                        + entry);
            }
            int prefix = slash < 0 ? base.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            if (prefix < 0 || prefix > base.length * 8) {
                throw new IllegalArgumentException("escrow.http.trusted-proxies: bad prefix length in " + entry);
            }
            return new Network(base, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != base.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (base[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
