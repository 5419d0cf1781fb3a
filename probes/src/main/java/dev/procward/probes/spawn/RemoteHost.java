package dev.procward.probes.spawn;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A parent in its own process, driven over {@link Protocol}: the C reference harness, or a child
 * JVM running {@link ProcessBuilderAgent}. It is started with /dev/null as stdin and stdout, so the
 * targets it spawns inherit those, and its stderr goes to a log that failures quote.
 *
 * <p>Starting these helpers is the laboratory's plumbing, not a measured path, so it uses the
 * JDK's own process API; none of the measured spawns happen in this JVM.
 */
public final class RemoteHost implements SpawnHost {
    private static final Duration EXIT_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final SocketChannel channel;
    private final BufferedReader in;
    private final PrintWriter out;
    private final Path log;
    private final String ready;

    private RemoteHost(String name, Process process, SocketChannel channel, Path log, String ready, BufferedReader in) {
        this.name = name;
        this.process = process;
        this.channel = channel;
        this.log = log;
        this.ready = ready;
        this.in = in;
        this.out = new PrintWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), false);
    }

    /**
     * Starts {@code command} with {@code --socket PATH} appended and waits until it has grown its
     * memory and said ready.
     */
    public static RemoteHost launch(String name, List<String> command, Path workDir, Duration readyTimeout) {
        Path socket = workDir.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".sock");
        Path log = workDir.resolve(socket.getFileName() + ".log");
        Process process = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            Files.deleteIfExists(socket);
            server.bind(UnixDomainSocketAddress.of(socket));
            var full = new java.util.ArrayList<>(command);
            full.add("--socket");
            full.add(socket.toString());
            process = new ProcessBuilder(full)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            volunteerForOomKiller(process.pid());
            SocketChannel channel = accept(server, process, readyTimeout, name, log);
            BufferedReader in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
            String ready = in.readLine();
            if (ready == null || !ready.startsWith(Protocol.READY)) {
                channel.close();
                throw new SpawnLabException(name + " did not say ready (said '" + ready + "')" + logTail(log));
            }
            return new RemoteHost(name, process, channel, log, ready, in);
        } catch (IOException e) {
            if (process != null) process.destroyForcibly();
            throw new SpawnLabException("cannot start " + name + ": " + e.getMessage() + logTail(log), e);
        } catch (RuntimeException e) {
            if (process != null) {
                process.destroyForcibly();
                awaitQuietly(process);
            }
            throw e;
        } finally {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException ignored) {
                // the run's work directory is removed at the end anyway
            }
        }
    }

    /**
     * A parent of several GiB is the most expendable process on the machine: if memory runs out
     * while it grows, the OOM killer should take it rather than someone's work. Raising one's own
     * child's score needs no privilege; failing to is not worth failing the run.
     */
    private static void volunteerForOomKiller(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "oom_score_adj"), "1000");
        } catch (IOException | RuntimeException ignored) {
            // the host grows without the volunteer mark; MemoryPlan still keeps a reserve
        }
    }

    private static SocketChannel accept(ServerSocketChannel server, Process process, Duration timeout,
                                        String name, Path log) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        server.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true) {
                // Wake up now and then to notice a host that died while growing its memory.
                if (selector.select(200) > 0) {
                    SocketChannel channel = server.accept();
                    if (channel != null) {
                        channel.configureBlocking(true);
                        return channel;
                    }
                    selector.selectedKeys().clear();
                }
                if (!process.isAlive()) {
                    throw new SpawnLabException(name + " exited with status " + process.exitValue()
                            + " before it was ready" + logTail(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new SpawnLabException(name + " was not ready after " + timeout.toSeconds() + " s" + logTail(log));
                }
            }
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** The ready line's value for {@code key} (e.g. glibc), or null. */
    public String fact(String key) {
        return Protocol.readyValue(ready, key);
    }

    @Override
    public long[] spawn(Method method, Target target, int count) {
        String word = method.host().childJvm() ? Protocol.PROCESS_BUILDER : cHarnessWord(method);
        String path = target == null ? "-" : target.path().toString();
        return Protocol.samples(ask(Protocol.spawnRequest(word, count, path)), count, name);
    }

    private static String cHarnessWord(Method method) {
        return switch (method) {
            case C_FORK_EXEC -> "fork";
            case C_VFORK_EXEC -> "vfork";
            case C_POSIX_SPAWN -> "posix_spawn";
            case C_CLONE_FLOOR -> "clone";
            default -> throw new IllegalArgumentException(method + " does not run in the C harness");
        };
    }

    @Override
    public int unreapedChildren() {
        return Protocol.children(ask(Protocol.CHILDREN), name);
    }

    private String ask(String line) {
        try {
            out.print(line);
            out.print('\n');
            out.flush();
            if (out.checkError()) throw new SpawnLabException(name + " stopped listening" + logTail(log));
            String answer = in.readLine();
            if (answer == null) throw new SpawnLabException(name + " closed the connection" + exitNote() + logTail(log));
            return answer;
        } catch (IOException e) {
            throw new SpawnLabException(name + ": " + e.getMessage() + logTail(log), e);
        }
    }

    private String exitNote() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? " (exit status " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Closes the socket, which tells the host to exit, and reaps it. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the host notices EOF either way
        }
        try {
            if (!process.waitFor(EXIT_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(Process p) {
        try {
            p.waitFor(EXIT_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String logTail(Path log) {
        try {
            if (!Files.exists(log)) return "";
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return tail.isEmpty() ? "" : " [stderr: " + String.join(" | ", tail) + "]";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
