package dev.procward.cli;

import dev.procward.cli.inspect.PsColumn;
import dev.procward.cli.inspect.PsListing;
import dev.procward.cli.inspect.PsRow;
import dev.procward.cli.render.Json;
import dev.procward.cli.render.OutputOption;
import dev.procward.cli.render.Table;
import dev.procward.probes.IdNames;
import dev.procward.probes.ProcessFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "List processes, procps-compatible where the two overlap.",
        footerHeading = "%n",
        // Each footer line fits the 80-column help width, or picocli rewraps it mid-list.
        footer = {"Columns: pid ppid pgid sid tty tpgid user uid stat s nlwp lwp ni %%cpu %%mem vsz",
                "  rss pss start time wchan comm args",
                "  (procps aliases such as pcpu, cmd, ucmd, tt are accepted).",
                "A '-' cell is a gap: the process exited or its file was not readable.",
                "", ExitCodes.HELP_SECTION})
public final class PsCommand implements Callable<Integer> {
    static final String DEFAULT_COLUMNS = "pid,ppid,user,stat,%cpu,%mem,vsz,rss,tty,start,time,args";
    static final String DEFAULT_THREAD_COLUMNS = "pid,lwp,user,stat,nlwp,%cpu,time,wchan,comm";

    @Spec CommandSpec spec;
    @Mixin ProcRootOption procRoot;
    @Mixin OutputOption output;

    @Option(names = {"-o", "--format"}, paramLabel = "COLS", description = "Columns, comma-separated (repeatable).")
    List<String> format = new ArrayList<>();

    @Option(names = "--sort", paramLabel = "KEYS", preprocessor = TakeNextArgument.class,
            description = "Sort keys, e.g. -rss,+pid ('-' descending).")
    String sort;

    @Option(names = "--interval", paramLabel = "SECONDS",
            description = "Measure %%cpu over this interval, as top does (default: lifetime average).")
    Double intervalSeconds;

    @Option(names = {"-u", "--user"}, split = ",", paramLabel = "USER", description = "Only these effective users (names or uids).")
    List<String> users = new ArrayList<>();

    @Option(names = "--state", split = ",", paramLabel = "S", description = "Only these states, e.g. D,Z.")
    List<String> states = new ArrayList<>();

    @Option(names = {"-m", "--match"}, paramLabel = "REGEX", description = "Only processes whose comm matches (pgrep-style).")
    String match;

    @Option(names = {"-f", "--full"}, description = "Match --match against the full command line (pgrep -f).")
    boolean full;

    @Option(names = {"-p", "--pid"}, split = ",", paramLabel = "PID", description = "Only these pids.")
    List<Integer> pids = new ArrayList<>();

    @Option(names = {"-L", "--threads"}, description = "One line per thread.")
    boolean threads;

    @Option(names = "--no-headers", description = "Print no header line.")
    boolean noHeaders;

    /**
     * "--sort -pss" and "--sort=-pss": the value starts with '-' like an option (-p), yet it is the
     * value. Picocli puts the value on top of the stack in both forms (it pushes back the part after
     * '='), then refuses it because it resembles an option; taking it here accepts it either way.
     */
    static final class TakeNextArgument implements picocli.CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(java.util.Stack<String> args, CommandSpec cmd, picocli.CommandLine.Model.ArgSpec arg,
                                  Map<String, Object> info) {
            if (args.isEmpty()) return false;
            arg.setValue(args.pop());
            return true;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        List<String> unknown = new ArrayList<>();
        List<PsColumn> columns = PsColumn.parseList(
                format.isEmpty() ? List.of(threads ? DEFAULT_THREAD_COLUMNS : DEFAULT_COLUMNS) : format, unknown);
        List<PsListing.SortKey> sortKeys = PsListing.parseSort(sort, unknown);
        if (!unknown.isEmpty()) throw new UserError("unknown column: " + String.join(", ", unknown), ExitCodes.USAGE);
        if (columns.isEmpty()) throw new UserError("no columns selected", ExitCodes.USAGE);
        if (intervalSeconds != null && !(intervalSeconds > 0 && intervalSeconds <= 3600)) {
            throw new UserError("--interval must be between 0 and 3600 seconds", ExitCodes.USAGE);
        }
        Path root = procRoot.resolve();
        var filter = new ProcessFilter(Set.copyOf(pids), euids(root), stateSet(), pattern(), full);
        Duration interval = intervalSeconds == null ? null : Duration.ofNanos((long) (intervalSeconds * 1e9));
        var result = PsListing.run(new PsListing.Request(root, columns, filter, sortKeys, threads, interval));
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) Json.write(out, json(result));
        else table(result, out);
        return ExitCodes.OK;
    }

    private void table(PsListing.Result r, PrintWriter out) {
        List<Table.Column> cols = new ArrayList<>();
        for (PsColumn c : r.columns()) cols.add(c.numeric() ? Table.Column.right(c.header()) : Table.Column.left(c.header()));
        var t = new Table(cols);
        int n = r.columns().size();
        for (PsRow row : r.rows()) {
            String[] cells = new String[n];
            for (int i = 0; i < n; i++) cells[i] = r.columns().get(i).text(r.context(), row);
            t.row(cells);
        }
        if (!noHeaders) {
            t.print(out);
            return;
        }
        var buf = new java.io.StringWriter();
        t.print(new PrintWriter(buf));
        String text = buf.toString();
        out.print(text.substring(text.indexOf('\n') + 1));
        out.flush();
    }

    private static Map<String, Object> json(PsListing.Result r) {
        List<Map<String, Object>> rows = new ArrayList<>(r.rows().size());
        for (PsRow row : r.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (PsColumn c : r.columns()) m.put(c.jsonKey(), c.value(r.context(), row));
            List<String> gaps = new ArrayList<>();
            row.process().gaps().forEach(g -> gaps.add(g.toString()));
            if (row.thread() != null) row.thread().gaps().forEach(g -> gaps.add("task/" + row.thread().tid() + "/" + g));
            m.put("gaps", gaps);
            rows.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("columns", r.columns().stream().map(PsColumn::jsonKey).toList());
        doc.put("processes", rows);
        doc.put("vanished", r.vanished());
        return doc;
    }

    private Set<Integer> euids(Path root) {
        if (users.isEmpty()) return Set.of();
        IdNames names = IdNames.users(root);
        Set<Integer> out = new HashSet<>();
        for (String u : users) {
            out.add(names.id(u.strip()).orElseThrow(() -> new UserError("unknown user: " + u, ExitCodes.USAGE)));
        }
        return out;
    }

    private Set<Character> stateSet() {
        Set<Character> out = new HashSet<>();
        for (String s : states) {
            String t = s.strip();
            if (t.length() != 1) throw new UserError("--state takes one-letter states such as D,Z,R,S,T", ExitCodes.USAGE);
            out.add(t.charAt(0));
        }
        return out;
    }

    private Pattern pattern() {
        if (match == null) return null;
        try {
            return Pattern.compile(match);
        } catch (PatternSyntaxException e) {
            throw new UserError("--match: bad regular expression: " + e.getDescription(), ExitCodes.USAGE);
        }
    }
}
