package dev.procward.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves {@code USER[:GROUP]} as gosu and su-exec do: names through {@code /etc/passwd} and
 * {@code /etc/group} (files only, no NSS), numbers as they are. Supplementary groups are the
 * groups that list the user; an explicit GROUP replaces the primary group only.
 */
public final class Accounts {
    private final Path etc;

    public Accounts(Path etc) {
        this.etc = etc;
    }

    public static Accounts system() {
        return new Accounts(Path.of("/etc"));
    }

    /** @throws IllegalArgumentException with a one-line message when a name is unknown */
    public Kernel.Credentials resolve(String spec) {
        String[] parts = spec.split(":", 2);
        String user = parts[0];
        Optional<String[]> pw = find("passwd", user, 2);
        int uid;
        int gid;
        String userName;
        if (pw.isPresent()) {
            uid = Integer.parseInt(pw.get()[2]);
            gid = Integer.parseInt(pw.get()[3]);
            userName = pw.get()[0];
        } else if (isNumber(user)) {
            uid = Integer.parseInt(user);
            gid = uid;
            userName = null;
        } else {
            throw new IllegalArgumentException("unknown user '" + user + "' (not in " + etc.resolve("passwd") + ")");
        }
        if (parts.length > 1 && !parts[1].isEmpty()) {
            String group = parts[1];
            Optional<String[]> gr = find("group", group, 2);
            if (gr.isPresent()) gid = Integer.parseInt(gr.get()[2]);
            else if (isNumber(group)) gid = Integer.parseInt(group);
            else throw new IllegalArgumentException("unknown group '" + group + "' (not in " + etc.resolve("group") + ")");
        }
        List<Integer> groups = new ArrayList<>();
        groups.add(gid);
        if (userName != null) {
            for (String[] g : lines("group")) {
                if (g.length < 4) continue;
                for (String member : g[3].split(",")) {
                    if (member.equals(userName)) {
                        int id = Integer.parseInt(g[2]);
                        if (!groups.contains(id)) groups.add(id);
                    }
                }
            }
        }
        return new Kernel.Credentials(uid, gid, groups);
    }

    private Optional<String[]> find(String file, String nameOrId, int idField) {
        for (String[] f : lines(file)) {
            if (f.length > idField && f[0].equals(nameOrId)) return Optional.of(f);
        }
        if (isNumber(nameOrId)) {
            for (String[] f : lines(file)) if (f.length > idField && f[idField].equals(nameOrId)) return Optional.of(f);
        }
        return Optional.empty();
    }

    private List<String[]> lines(String file) {
        try {
            return Files.readAllLines(etc.resolve(file)).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split(":", -1)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }
}
