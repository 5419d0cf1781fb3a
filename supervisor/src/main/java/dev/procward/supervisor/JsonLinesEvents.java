package dev.procward.supervisor;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code --events}: one JSON object per line, flushed as written. Hand-written rather than
 * Jackson so that the init path loads nothing it does not need. Schema in docs/init.md.
 */
public final class JsonLinesEvents implements EventSink {
    private final PrintStream out;
    private final boolean closeOnClose;
    private final LongSupplier clock;

    public JsonLinesEvents(OutputStream out, boolean closeOnClose) {
        this(out, closeOnClose, System::currentTimeMillis);
    }

    JsonLinesEvents(OutputStream out, boolean closeOnClose, LongSupplier epochMillis) {
        this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
        this.closeOnClose = closeOnClose;
        this.clock = epochMillis;
    }

    @Override
    public void spawned(int pid, List<String> argv, int attempt) {
        emit("spawn", "\"pid\":" + pid + ",\"argv\":" + array(argv) + ",\"attempt\":" + attempt);
    }

    @Override
    public void spawnFailed(List<String> argv, String errnoName, int exitCode) {
        emit("spawn_failed", "\"argv\":" + array(argv) + ",\"errno\":" + string(errnoName) + ",\"exit_code\":" + exitCode);
    }

    @Override
    public void forwarded(int received, int sent, String target, int pid) {
        emit("signal", "\"received\":" + string(SignalNames.name(received)) + ",\"sent\":" + string(SignalNames.name(sent))
                + ",\"target\":" + string(target) + ",\"pid\":" + pid);
    }

    @Override
    public void dropped(int received, String reason) {
        emit("signal_dropped", "\"received\":" + string(SignalNames.name(received)) + ",\"reason\":" + string(reason));
    }

    @Override
    public void reaped(Kernel.Reaped reaped, boolean mainChild) {
        Kernel.ChildExit e = reaped.exit();
        emit("reap", "\"pid\":" + e.pid() + ",\"comm\":" + string(reaped.comm()) + ",\"main\":" + mainChild
                + (e.killed() ? ",\"signal\":" + string(SignalNames.name(e.codeOrSignal())) + ",\"core_dumped\":" + e.coreDumped()
                              : ",\"exit_code\":" + e.codeOrSignal())
                + ",\"status\":" + e.shellStatus()
                + ",\"zombie_ms\":" + reaped.zombieFor().map(d -> Double.toString(d.toNanos() / 1e6)).orElse("null"));
    }

    @Override
    public void restarting(int attempt, Duration delay, int lastStatus) {
        emit("restart", "\"attempt\":" + attempt + ",\"delay_ms\":" + delay.toMillis() + ",\"last_status\":" + lastStatus);
    }

    @Override
    public void graceExpired(Duration grace) {
        emit("grace_expired", "\"grace_ms\":" + grace.toMillis());
    }

    @Override
    public void exited(int exitCode) {
        emit("exit", "\"exit_code\":" + exitCode);
    }

    @Override
    public void close() {
        out.flush();
        if (closeOnClose) out.close();
    }

    private void emit(String event, String fields) {
        out.print("{\"ts\":" + string(Instant.ofEpochMilli(clock.getAsLong()).toString()) + ",\"event\":" + string(event)
                + "," + fields + "}\n");
        out.flush();
    }

    private static String array(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) b.append(i == 0 ? "" : ",").append(string(items.get(i)));
        return b.append(']').toString();
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
