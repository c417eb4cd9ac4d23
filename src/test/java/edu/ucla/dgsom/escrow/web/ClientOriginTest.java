package edu.ucla.dgsom.escrow.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientOriginTest {

    private final ClientOrigin origins = new ClientOrigin(List.of("127.0.0.1", "10.0.0.0/8", "2001:db8::/32"));

    @Test
    void forwarding_headers_from_an_untrusted_peer_are_ignored() {
        assertEquals(new ClientOrigin.Origin("198.51.100.9", false), origins.resolve("198.51.100.9", false,
                List.of("for=203.0.113.7;proto=https"), List.of("203.0.113.7"), List.of("https")));
    }

    @Test
    void with_no_trusted_proxies_configured_nothing_forwarded_is_believed() {
        ClientOrigin none = new ClientOrigin(List.of());
        assertEquals(new ClientOrigin.Origin("127.0.0.1", false),
                none.resolve("127.0.0.1", false, List.of(), List.of("203.0.113.7"), List.of("https")));
    }

    @Test
    void a_trusted_proxy_names_the_client_and_its_scheme() {
        assertEquals(new ClientOrigin.Origin("203.0.113.7", true),
                origins.resolve("127.0.0.1", false, List.of(), List.of("203.0.113.7"), List.of("https")));
        assertEquals(new ClientOrigin.Origin("203.0.113.7", false),
                origins.resolve("10.1.2.3", false, List.of(), List.of("203.0.113.7"), List.of("http")));
    }

    @Test
    void the_client_is_the_right_most_address_that_is_not_a_trusted_proxy() {
        // The client forged the first entry; the load balancer appended what it saw, then an inner proxy.
        assertEquals("203.0.113.7", origins.resolve("10.0.0.2", false, List.of(),
                List.of("192.0.2.66, 203.0.113.7", "10.0.0.1"), List.of()).address());
    }

    @Test
    void rfc7239_forwarded_is_read_with_quotes_ports_and_ipv6() {
        assertEquals(new ClientOrigin.Origin("2001:db9::7", true), origins.resolve("127.0.0.1", false,
                List.of("for=192.0.2.66;proto=http, for=\"[2001:db9::7]:4711\";proto=https", "for=10.0.0.1"),
                List.of("198.51.100.1"), List.of("http")));
        assertEquals("203.0.113.7", origins.resolve("127.0.0.1", false,
                List.of("For=\"203.0.113.7:8080\""), List.of(), List.of()).address());
    }

    @Test
    void an_unreadable_hop_ends_the_walk_at_the_last_trusted_one() {
        assertEquals("10.0.0.1", origins.resolve("127.0.0.1", false,
                List.of("for=unknown, for=10.0.0.1"), List.of(), List.of()).address());
        assertEquals("127.0.0.1", origins.resolve("127.0.0.1", false, List.of(),
                List.of("not-an-address.example"), List.of()).address(), "never a name lookup, never a name");
    }

    @Test
    void a_direct_tls_connection_stays_secure() {
        assertEquals(new ClientOrigin.Origin("198.51.100.9", true),
                origins.resolve("198.51.100.9", true, List.of(), List.of(), List.of()));
    }

    @Test
    void a_malformed_trusted_proxy_setting_is_refused_at_start() {
        assertThrows(IllegalArgumentException.class, () -> new ClientOrigin(List.of("proxy.example")));
        assertThrows(IllegalArgumentException.class, () -> new ClientOrigin(List.of("10.0.0.0/33")));
    }
}
