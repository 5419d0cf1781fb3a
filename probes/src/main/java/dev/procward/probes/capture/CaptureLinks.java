package dev.procward.probes.capture;

import dev.procward.probes.ProcParseException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The symbolic links of a capture ({@code .procward/symlinks}: NUL-separated path/target pairs).
 * A capture may come from anyone, so a link is accepted only where procfs itself has links
 * ({@code PID/cwd exe root ns/* fd/*}, the same under {@code PID/task/TID/}, and {@code self}
 * naming a pid): a link anywhere else would let a crafted capture make an inspector read a host
 * file in place of, say, {@code cmdline}. A target is data to show, never a path the inspectors
 * open: every accepted path is a leaf that is only ever read with readlink.
 */
public final class CaptureLinks {
    private CaptureLinks() {}

    /** One link: where it goes in the unpacked tree, and its target text. */
    public record Link(String path, String target) {}

    /** Linux's PATH_MAX less the NUL: longer targets cannot be created. */
    static final int MAX_TARGET_BYTES = 4095;

    private static final Pattern PROCESS_LINK =
            Pattern.compile("[0-9]{1,10}(/task/[0-9]{1,10})?/(cwd|exe|root|ns/[a-z_]{1,32}|fd/[0-9]{1,10})");
    private static final Pattern PID = Pattern.compile("[0-9]{1,10}");

    /** True for the paths where procfs has links. */
    public static boolean allowedAt(String path) {
        return PROCESS_LINK.matcher(path).matches() || path.equals("self");
    }

    /**
     * Parses and checks the list.
     *
     * @throws ProcParseException when it is not NUL-terminated pairs, or names a link procfs has not
     */
    public static List<Link> parse(byte[] data) {
        if (data.length == 0) return List.of();
        if (data[data.length - 1] != 0) throw new ProcParseException("symlinks", "not NUL-terminated");
        String[] parts = new String(data, 0, data.length - 1, StandardCharsets.UTF_8).split("\0", -1);
        if (parts.length % 2 != 0) throw new ProcParseException("symlinks", "a path without a target");
        List<Link> links = new ArrayList<>(parts.length / 2);
        var seen = new HashSet<String>();
        for (int i = 0; i < parts.length; i += 2) {
            String path = parts[i], target = parts[i + 1];
            if (!allowedAt(path)) throw new ProcParseException("symlinks", "no link belongs at " + quoted(path));
            if (path.equals("self") && !PID.matcher(target).matches()) {
                throw new ProcParseException("symlinks", "self must name a pid, not " + quoted(target));
            }
            if (target.isEmpty() || target.getBytes(StandardCharsets.UTF_8).length > MAX_TARGET_BYTES) {
                throw new ProcParseException("symlinks", "bad target for " + path);
            }
            if (!seen.add(path)) throw new ProcParseException("symlinks", "two links at " + path);
            links.add(new Link(path, target));
        }
        return links;
    }

    /**
     * Checks an archive entry's name: relative, and without {@code ..} components (zip-slip).
     *
     * @throws ProcParseException naming the entry
     */
    public static void checkEntryName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\0') >= 0) {
            throw new ProcParseException("capture", "entry escapes the capture: " + quoted(name));
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..")) throw new ProcParseException("capture", "entry escapes the capture: " + quoted(name));
        }
    }

    /** A name from an untrusted archive, cut short and with control characters escaped for a one-line message. */
    static String quoted(String s) {
        var sb = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 120; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb.append(s.length() > 120 ? "...\"" : "\"").toString();
    }
}
