package dev.procward.probes.spawn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The ProcessBuilder rows' parent: a child JVM started with a heap as large as the parent under
 * test ({@code -Xms=-Xmx}, {@code -XX:+AlwaysPreTouch}, so every heap page is touched) and one
 * {@code -Djdk.lang.Process.launchMechanism}. It serves {@link Protocol} on the given socket,
 * starting each target with inherited stdio (the orchestrator gave it /dev/null) and waiting for
 * it, the way a Java program runs a command.
 *
 * <p>Usage: {@code java [heap flags] -cp ... dev.procward.probes.spawn.ProcessBuilderAgent --socket PATH}
 */
public final class ProcessBuilderAgent {
    private static final int EXEC_FAILED = 127;

    private ProcessBuilderAgent() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[0].equals("--socket")) {
            System.err.println("usage: ProcessBuilderAgent --socket PATH");
            System.exit(2);
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(args[1]));
            BufferedReader in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), false);
            out.print(Protocol.READY + " pid=" + ProcessHandle.current().pid()
                    + " mechanism=" + System.getProperty("jdk.lang.Process.launchMechanism", "default") + "\n");
            out.flush();
            for (String line; (line = in.readLine()) != null; ) {
                out.print(answer(line) + "\n");
                out.flush();
            }
        }
    }

    static String answer(String line) {
        if (line.equals(Protocol.CHILDREN)) {
            return Protocol.CHILDREN + " " + ProcessHandle.current().children().count();
        }
        String[] words = line.split(" ", 3);
        if (words.length != 3 || !words[0].equals(Protocol.PROCESS_BUILDER)) return Protocol.ERROR + " bad command: " + line;
        int count;
        try {
            count = Integer.parseInt(words[1]);
        } catch (NumberFormatException e) {
            return Protocol.ERROR + " bad count: " + words[1];
        }
        StringBuilder answer = new StringBuilder(Protocol.OK);
        ProcessBuilder builder = new ProcessBuilder(words[2]).inheritIO();
        for (int i = 0; i < count; i++) {
            try {
                long start = System.nanoTime();
                Process p = builder.start();
                int status = p.waitFor();
                long elapsed = System.nanoTime() - start;
                if (status == EXEC_FAILED) return Protocol.ERROR + " " + words[2] + " exited 127 (exec failed?)";
                answer.append(' ').append(elapsed);
            } catch (IOException e) {
                return Protocol.ERROR + " " + e.getMessage().replace('\n', ' ');
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Protocol.ERROR + " interrupted";
            }
        }
        return answer.toString();
    }
}
