package dev.procward.probes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * uid → user name and gid → group name, from the passwd or group file that belongs to the root:
 * a capture carries its own ({@code .procward/passwd}), otherwise {@code /etc/passwd}. Read once;
 * an id without a name prints as its number, as procps does.
 */
public final class IdNames {
    private final Map<Integer, String> names;
    private final Map<String, Integer> ids;

    private IdNames(Map<Integer, String> names, Map<String, Integer> ids) {
        this.names = names;
        this.ids = ids;
    }

    public static IdNames users(Path procRoot) {
        return load(procRoot, "passwd");
    }

    public static IdNames groups(Path procRoot) {
        return load(procRoot, "group");
    }

    /** Parses passwd or group text: {@code name:x:id:...} per line. Malformed lines are skipped. */
    public static IdNames parse(String text) {
        Map<Integer, String> names = new HashMap<>();
        Map<String, Integer> ids = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", 4);
            if (f.length < 3 || f[0].isEmpty()) continue;
            try {
                int id = Integer.parseInt(f[2].strip());
                names.putIfAbsent(id, f[0]);
                ids.putIfAbsent(f[0], id);
            } catch (NumberFormatException e) {
                // a comment or a NIS "+" line: not an id
            }
        }
        return new IdNames(Map.copyOf(names), Map.copyOf(ids));
    }

    public String name(int id) {
        String n = names.get(id);
        return n != null ? n : Integer.toString(id);
    }

    /** The id for a name, or for a number given as text. */
    public OptionalInt id(String nameOrNumber) {
        Integer id = ids.get(nameOrNumber);
        if (id != null) return OptionalInt.of(id);
        try {
            return OptionalInt.of(Integer.parseInt(nameOrNumber));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static IdNames load(Path procRoot, String file) {
        Path captured = procRoot.resolve(SystemInfo.CAPTURE_META_DIR).resolve(file);
        Path source = Files.isRegularFile(captured) ? captured : Path.of("/etc", file);
        try {
            return parse(Files.readString(source, StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            return new IdNames(Map.of(), Map.of());
        }
    }
}
