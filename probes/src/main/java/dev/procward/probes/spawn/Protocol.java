package dev.procward.probes.spawn;

import java.util.Arrays;

/**
 * The line protocol between the orchestrator and a remote {@link SpawnHost} (the C harness, or
 * {@link ProcessBuilderAgent} in a child JVM), over a Unix stream socket the orchestrator listens on:
 *
 * <pre>
 *   host: ready pid=PID [key=value ...]
 *   orch: METHOD COUNT TARGET      host: ok NS NS ...   |  error MESSAGE
 *   orch: children                 host: children N
 *   orch: (closes the socket)      host: exits 0
 * </pre>
 */
final class Protocol {
    static final String READY = "ready";
    static final String OK = "ok";
    static final String ERROR = "error";
    static final String CHILDREN = "children";
    /** The METHOD word a child JVM host accepts: its launch mechanism is fixed at JVM start. */
    static final String PROCESS_BUILDER = "processbuilder";

    private Protocol() {}

    static String spawnRequest(String method, int count, String target) {
        if (target.indexOf('\n') >= 0) throw new IllegalArgumentException("target path contains a newline");
        return method + " " + count + " " + target;
    }

    /** Parses an "ok NS NS ..." answer holding exactly {@code expected} samples. */
    static long[] samples(String answer, int expected, String host) {
        if (answer == null) throw new SpawnLabException(host + " closed the connection");
        if (answer.startsWith(ERROR + " ")) throw new SpawnLabException(host + ": " + answer.substring(ERROR.length() + 1));
        String[] words = answer.split(" ");
        if (!words[0].equals(OK) || words.length != expected + 1) {
            throw new SpawnLabException(host + " answered '" + answer + "', expected " + expected + " samples");
        }
        long[] ns = Arrays.stream(words, 1, words.length).mapToLong(Long::parseLong).toArray();
        for (long n : ns) if (n <= 0) throw new SpawnLabException(host + " reported a latency of " + n + " ns");
        return ns;
    }

    static int children(String answer, String host) {
        if (answer == null || !answer.startsWith(CHILDREN + " ")) {
            throw new SpawnLabException(host + " answered '" + answer + "' to a children query");
        }
        return Integer.parseInt(answer.substring(CHILDREN.length() + 1).strip());
    }

    /** The value of {@code key=} in a ready line, or null. */
    static String readyValue(String ready, String key) {
        for (String word : ready.split(" ")) {
            if (word.startsWith(key + "=")) return word.substring(key.length() + 1);
        }
        return null;
    }
}
