package dev.procward.cli.exporter;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the exporter listens: a literal address and a port. Host names are refused on purpose:
 * a name that resolves differently tomorrow must not silently widen what the exporter exposes.
 */
public record ListenAddress(InetAddress address, int port) {

    public static final int DEFAULT_PORT = 9798;
    public static final String DEFAULT = "127.0.0.1:" + DEFAULT_PORT;

    public ListenAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
    }

    /** Parses {@code 127.0.0.1:9798}, {@code [::1]:9798} or {@code :9798} (loopback). */
    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not ADDR:PORT");
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + portText + "' in '" + text + "' is not a port number");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': write an IPv6 address in brackets, e.g. [::1]:" + portText);
        }
        if (host.isEmpty()) {
            return new ListenAddress(InetAddress.getLoopbackAddress(), port);
        }
        if (!isLiteral(host)) {
            throw new IllegalArgumentException("'" + host + "' is not an IP address (host names are not accepted)");
        }
        try {
            return new ListenAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + host + "' is not an IP address");
        }
    }

    private static boolean isLiteral(String host) {
        return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%')
                && (host.contains(".") || host.contains(":"));
    }

    /** True when only this host can reach the address. */
    public boolean isLoopback() {
        return address.isLoopbackAddress();
    }

    @Override
    public String toString() {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
