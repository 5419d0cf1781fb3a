package dev.procward.cli.exporter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ListenAddressTest {

    @Test
    void theDefaultIsLoopback() {
        ListenAddress a = ListenAddress.parse(ListenAddress.DEFAULT);
        assertTrue(a.isLoopback());
        assertEquals(ListenAddress.DEFAULT_PORT, a.port());
    }

    @Test
    void parsesIpv4Ipv6AndBarePort() {
        assertEquals("10.1.2.3:9100", ListenAddress.parse("10.1.2.3:9100").toString());
        assertFalse(ListenAddress.parse("0.0.0.0:1").isLoopback());
        ListenAddress v6 = ListenAddress.parse("[::1]:9798");
        assertTrue(v6.isLoopback());
        assertEquals(9798, v6.port());
        assertFalse(ListenAddress.parse("[::]:9798").isLoopback());
        assertTrue(ListenAddress.parse(":9798").isLoopback(), "no host means loopback, not every interface");
    }

    @Test
    void refusesHostNamesAndMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("example.com:80"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("localhost:80"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("9798"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("127.0.0.1:http"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("127.0.0.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse("::1:80"));
    }
}
