package dev.procward.probes.kernel;

import dev.procward.probes.ProcParseException;

import java.nio.file.Path;

/**
 * {@code /proc/PID/oom_score} (the kernel's current badness, 0..2000: the highest is killed
 * first) and {@code /proc/PID/oom_score_adj} (-1000 never kill .. 1000 kill first).
 */
public record OomScore(int score, int adj) {

    public static int parseScore(String text) {
        int v = Parse.parseInt("oom_score", text.strip());
        if (v < 0) throw new ProcParseException("oom_score", "negative " + v);
        return v;
    }

    public static int parseAdj(String text) {
        int v = Parse.parseInt("oom_score_adj", text.strip());
        if (v < -1000 || v > 1000) throw new ProcParseException("oom_score_adj", "out of range " + v);
        return v;
    }

    public static Readout<OomScore> read(Path procRoot, int pid) {
        Path dir = procRoot.resolve(Integer.toString(pid));
        var score = ProcFiles.readString(dir.resolve("oom_score")).map(OomScore::parseScore);
        var adj = ProcFiles.readString(dir.resolve("oom_score_adj")).map(OomScore::parseAdj);
        if (!score.present()) return Readout.gap(score.gapReason());
        if (!adj.present()) return Readout.gap(adj.gapReason());
        return Readout.of(new OomScore(score.orElse(0), adj.orElse(0)));
    }
}
