package dev.procward.cli.bench;

import dev.procward.probes.spawn.SpawnLab;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/** The progress bar on stderr while the laboratory runs, counted in spawns; stdout stays the report. */
final class SpawnProgress implements SpawnLab.Listener, AutoCloseable {
    private final PrintStream stream;
    private ProgressBar bar;

    SpawnProgress(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public void planned(long spawns) {
        bar = new ProgressBarBuilder()
                .setTaskName("spawns")
                .setInitialMax(spawns)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .build();
    }

    @Override
    public void advanced(long spawns, String doing) {
        if (bar == null) return;
        if (spawns > 0) bar.stepBy(spawns);
        // A fixed width keeps the bar from jumping as the message changes.
        bar.setExtraMessage(String.format("%-24.24s", doing));
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
