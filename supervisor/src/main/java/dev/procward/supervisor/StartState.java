package dev.procward.supervisor;

import dev.procward.libc.SignalSet;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What procward was started with and hands on to its child unchanged: the signal mask, the
 * ignored signals, the descriptors it inherited, and the environment (without procward's own
 * launch markers).
 */
public record StartState(SignalSet mask, SignalSet ignored, Set<Integer> inheritedFds, List<String> environment) {

    public StartState {
        inheritedFds = Set.copyOf(new TreeSet<>(inheritedFds));
        environment = List.copyOf(environment);
    }

    /** Encodes the part that must survive the re-exec: "mask=hex;ign=hex;fds=0,1,2". */
    String encode() {
        StringBuilder fds = new StringBuilder();
        for (int fd : new TreeSet<>(inheritedFds)) fds.append(fds.isEmpty() ? "" : ",").append(fd);
        return "mask=" + Long.toHexString(mask.bits()) + ";ign=" + Long.toHexString(ignored.bits()) + ";fds=" + fds;
    }

    static StartState decode(String text, List<String> environment) {
        long mask = 0;
        long ign = 0;
        Set<Integer> fds = new TreeSet<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            switch (key) {
                case "mask" -> mask = Long.parseUnsignedLong(value, 16);
                case "ign" -> ign = Long.parseUnsignedLong(value, 16);
                case "fds" -> {
                    for (String f : value.split(",")) if (!f.isBlank()) fds.add(Integer.parseInt(f.strip()));
                }
                default -> { }
            }
        }
        return new StartState(new SignalSet(mask), new SignalSet(ign), fds, environment);
    }
}
