import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The Java floor for {@code ps -o pid,ppid,stat,rss,comm} (bench/inspect/floors.sh): the least a
 * JVM must do for that listing. It lists /proc, reads {@code stat} and {@code status} of every
 * process on every CPU through FileInputStream into reused buffers, takes the five columns with
 * the least parsing that gives procps's STAT letters (VmLck for {@code L}), and prints them. No
 * gaps, no options, no sorting, no JSON: everything procward does beyond this is its own cost.
 *
 * <p>{@code FloorPs --picocli ARGS...} first builds and parses procward's own command line for
 * ARGS (the procward jar on the class path), the start-up a picocli command cannot avoid.
 */
public final class FloorPs {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--picocli")) {
            String[] line = Arrays.copyOfRange(args, 1, args.length);
            dev.procward.cli.ProcwardCommand.commandLine(line).parseArgs(line);
        }
        String[] names = new java.io.File("/proc").list();
        int[] pids = Arrays.stream(names).filter(n -> n.charAt(0) >= '1' && n.charAt(0) <= '9')
                .mapToInt(Integer::parseInt).sorted().toArray();
        String[] rows = new String[pids.length];
        int cpus = Runtime.getRuntime().availableProcessors();
        Thread[] workers = new Thread[cpus];
        for (int t = 0; t < cpus; t++) {
            int from = pids.length * t / cpus, to = pids.length * (t + 1) / cpus;
            workers[t] = new Thread(() -> {
                byte[] stat = new byte[4096], status = new byte[8192];
                for (int i = from; i < to; i++) {
                    int n = read("/proc/" + pids[i] + "/stat", stat);
                    int m = n > 0 ? read("/proc/" + pids[i] + "/status", status) : -1;
                    if (m > 0) rows[i] = row(pids[i], stat, n, status, m);
                }
            });
            workers[t].start();
        }
        for (Thread t : workers) t.join();
        StringBuilder out = new StringBuilder(pids.length * 40).append("    PID    PPID STAT    RSS COMMAND\n");
        for (String r : rows) if (r != null) out.append(r).append('\n');
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        stdout.print(out);
        stdout.flush();
    }

    private static int read(String path, byte[] buf) {
        try (FileInputStream in = new FileInputStream(path)) {
            return in.read(buf);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String row(int pid, byte[] b, int n, byte[] s, int m) {
        int open = 0;
        while (b[open] != '(') open++;
        int close = n - 1;
        while (b[close] != ')') close--;
        String comm = new String(b, open + 1, close - open - 1);
        char state = (char) b[close + 2];
        long[] f = new long[22]; // the fields after the state: ppid ... rss
        int i = close + 4;
        for (int k = 0; k < f.length && i < n; k++, i++) {
            boolean negative = b[i] == '-';
            if (negative) i++;
            long v = 0;
            while (i < n && b[i] != ' ') v = v * 10 + (b[i++] - '0');
            f[k] = negative ? -v : v;
        }
        long ppid = f[0], pgid = f[1], sid = f[2], tpgid = f[5], nice = f[15], threads = f[16], rss = f[21];
        StringBuilder st = new StringBuilder(6).append(state);
        if (nice < 0) st.append('<');
        else if (nice > 0) st.append('N');
        if (locked(s, m)) st.append('L');
        if (sid == pid) st.append('s');
        if (threads > 1) st.append('l');
        if (tpgid == pgid) st.append('+');
        StringBuilder r = new StringBuilder(48);
        pad(r, Integer.toString(pid), 7).append(' ');
        pad(r, Long.toString(ppid), 7).append(' ').append(st);
        for (int z = st.length(); z < 4; z++) r.append(' ');
        r.append(' ');
        return pad(r, Long.toString(rss * 4), 6).append(' ').append(comm).toString();
    }

    /** Whether status says VmLck is not 0. */
    private static boolean locked(byte[] s, int m) {
        for (int j = 0; j + 6 < m; j++) {
            if (s[j] == 'V' && s[j + 1] == 'm' && s[j + 2] == 'L' && s[j + 3] == 'c' && s[j + 4] == 'k') {
                int q = j + 6;
                while (q < m && (s[q] == ' ' || s[q] == '\t')) q++;
                return q < m && s[q] != '0';
            }
        }
        return false;
    }

    private static StringBuilder pad(StringBuilder r, String v, int width) {
        for (int z = v.length(); z < width; z++) r.append(' ');
        return r.append(v);
    }
}
