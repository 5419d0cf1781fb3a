package dev.procward.cli.oshi;

import dev.procward.simulator.ProcRenderer;
import dev.procward.simulator.ProcState;
import dev.procward.simulator.ProcessView;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The real process list of any host OSHI supports (macOS, Windows, the BSDs, Linux), written as a
 * /proc tree so that ps, tree and inspect read it through the same parsers. OSHI knows pid, parent,
 * name, state, threads, memory, start and CPU times, command line and user; what it does not know
 * (process group, session, signal masks, wchan) is rendered as 0, and inspect marks the rest as gaps.
 */
public final class OshiHost {
    private static Path rendered;

    private OshiHost() {}

    public static synchronized Path procRoot() {
        if (rendered == null) rendered = render(new SystemInfo());
        return rendered;
    }

    static Path render(SystemInfo si) {
        return render(si, si.getOperatingSystem().getProcesses());
    }

    /** Renders just {@code processes}, as OSHI describes them. */
    public static Path render(SystemInfo si, List<OSProcess> processes) {
        OperatingSystem os = si.getOperatingSystem();
        long bootEpochSeconds = os.getSystemBootTime();
        long uptimeSeconds = os.getSystemUptime();
        List<ProcessView> views = new ArrayList<>();
        int lastPid = 0;
        for (OSProcess p : processes) {
            views.add(view(p, bootEpochSeconds));
            lastPid = Math.max(lastPid, p.getProcessID());
        }
        views.sort(Comparator.comparingInt(ProcessView::pid));
        var machine = new ProcRenderer.Machine(uptimeSeconds * 1_000_000_000L, 4_194_304, lastPid, views.size(), views);
        var hw = si.getHardware();
        // Not OSHI's getHostName(): it resolves through DNS and can take tens of seconds.
        String hostname = System.getenv().getOrDefault("HOSTNAME", System.getenv().getOrDefault("COMPUTERNAME", "localhost"));
        var host = new ProcRenderer.Host(hostname,
                hw.getProcessor().getLogicalProcessorCount(), hw.getMemory().getTotal() / 1024, bootEpochSeconds,
                os.getVersionInfo().getVersion());
        return new ProcRenderer(host, false).renderToMemory(machine);
    }

    static ProcessView view(OSProcess p, long bootEpochSeconds) {
        long startNanos = Math.max(0, p.getStartTime() - bootEpochSeconds * 1000) * 1_000_000L;
        long cpuTicks = (p.getUserTime() + p.getKernelTime()) / 10;
        List<String> argv = p.getArguments();
        if (argv == null || argv.isEmpty()) argv = List.of(p.getName());
        int uid;
        try {
            uid = Integer.parseInt(p.getUserID());
        } catch (NumberFormatException e) {
            uid = -1;
        }
        String comm = p.getName().length() > 15 ? p.getName().substring(0, 15) : p.getName();
        return new ProcessView(p.getProcessID(), p.getParentProcessID(), 0, 0, comm, argv, state(p.getState()), 0,
                Math.max(1, p.getThreadCount()), List.of(), 0, 0, 0, 0, false, startNanos, "0",
                p.getResidentSetSize() / 1024, p.getVirtualSize() / 1024, cpuTicks, uid);
    }

    static ProcState state(OSProcess.State s) {
        return switch (s) {
            case RUNNING -> ProcState.RUNNING;
            case WAITING -> ProcState.DISK_SLEEP;
            case ZOMBIE -> ProcState.ZOMBIE;
            case STOPPED, SUSPENDED -> ProcState.STOPPED;
            default -> ProcState.SLEEPING;
        };
    }
}
