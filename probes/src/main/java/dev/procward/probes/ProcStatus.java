package dev.procward.probes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /proc/PID/status}. Memory values are in kB and are -1 where the kernel writes no line
 * (kernel threads and zombies have no Vm* lines). Signal and capability sets are the raw 64-bit
 * masks; {@link Signals} and {@link Capabilities} decode them to names.
 *
 * @param nsTgid  NStgid: the thread-group id in each nested PID namespace, outermost first
 * @param nsPid   NSpid: the pid in each nested PID namespace, outermost first
 * @param nsPgid  NSpgid
 * @param nsSid   NSsid
 * @param vmLck   locked memory (drives the 'L' in ps's STAT)
 * @param threads Threads: number of threads in the group
 */
public record ProcStatus(String name, String umask, char state, int tgid, int pid, int ppid, int tracerPid,
                         Ids uids, Ids gids, int fdSize, List<Integer> groups,
                         List<Integer> nsTgid, List<Integer> nsPid, List<Integer> nsPgid, List<Integer> nsSid,
                         long vmPeak, long vmSize, long vmLck, long vmPin, long vmHwm, long vmRss,
                         long rssAnon, long rssFile, long rssShmem, long vmData, long vmStk, long vmExe,
                         long vmLib, long vmPte, long vmSwap, int threads,
                         long sigPnd, long shdPnd, long sigBlk, long sigIgn, long sigCgt,
                         long capInh, long capPrm, long capEff, long capBnd, long capAmb,
                         int noNewPrivs, int seccomp, long voluntaryCtxtSwitches, long nonvoluntaryCtxtSwitches) {

    /** Real, effective, saved-set and filesystem ids, in the order the kernel writes them. */
    public record Ids(int real, int effective, int saved, int fs) {}

    public static ProcStatus parse(String text) {
        if (text == null) throw new ProcParseException("status", "no text");
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parse(b, b.length);
    }

    /**
     * The file as read, {@code b[0, length)}. Parsed in place, without a String per line: a status
     * file has ~55 lines and {@code ps} reads one per process, so at 10k processes the String
     * version of this parser was the larger part of ps's own CPU time.
     */
    public static ProcStatus parse(byte[] b, int length) {
        var builder = new Builder();
        int pos = 0;
        boolean any = false;
        while (pos < length) {
            int eol = indexOf(b, (byte) '\n', pos, length);
            if (eol < 0) eol = length;
            int colon = indexOf(b, (byte) ':', pos, eol);
            if (colon > pos) {
                int from = colon + 1, to = eol;
                while (from < to && isSpace(b[from])) from++;
                while (to > from && isSpace(b[to - 1])) to--;
                Key key = Key.of(b, pos, colon);
                if (key != null) builder.accept(key, b, from, to);
                any = true;
            }
            pos = eol + 1;
        }
        if (!any) throw new ProcParseException("status", "no fields");
        return builder.build();
    }

    /** The index of {@code c} in {@code b[from, to)}, or -1. */
    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] == c) return i;
        return -1;
    }

    /** {@link Character#isWhitespace} for the ASCII range. */
    static boolean isSpace(byte c) {
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x1F);
    }

    /** The lines this version reads; {@link #of} finds one by its bytes without allocating. */
    private enum Key {
        NAME("Name"), UMASK("Umask"), STATE("State"), TGID("Tgid"), PID("Pid"), PPID("PPid"),
        TRACER_PID("TracerPid"), UID("Uid"), GID("Gid"), FD_SIZE("FDSize"), GROUPS("Groups"),
        NS_TGID("NStgid"), NS_PID("NSpid"), NS_PGID("NSpgid"), NS_SID("NSsid"),
        VM_PEAK("VmPeak"), VM_SIZE("VmSize"), VM_LCK("VmLck"), VM_PIN("VmPin"), VM_HWM("VmHWM"),
        VM_RSS("VmRSS"), RSS_ANON("RssAnon"), RSS_FILE("RssFile"), RSS_SHMEM("RssShmem"),
        VM_DATA("VmData"), VM_STK("VmStk"), VM_EXE("VmExe"), VM_LIB("VmLib"), VM_PTE("VmPTE"),
        VM_SWAP("VmSwap"), THREADS("Threads"), SIG_PND("SigPnd"), SHD_PND("ShdPnd"), SIG_BLK("SigBlk"),
        SIG_IGN("SigIgn"), SIG_CGT("SigCgt"), CAP_INH("CapInh"), CAP_PRM("CapPrm"), CAP_EFF("CapEff"),
        CAP_BND("CapBnd"), CAP_AMB("CapAmb"), NO_NEW_PRIVS("NoNewPrivs"), SECCOMP("Seccomp"),
        VOLUNTARY("voluntary_ctxt_switches"), NONVOLUNTARY("nonvoluntary_ctxt_switches");

        private static final Key[] TABLE = new Key[256];
        private final byte[] name;
        /** What a parse error names: "status VmRSS". */
        final String what;

        Key(String name) {
            this.name = name.getBytes(StandardCharsets.US_ASCII);
            this.what = "status " + name;
        }

        static {
            for (Key k : values()) {
                int i = hash(k.name, 0, k.name.length);
                while (TABLE[i] != null) i = (i + 1) & (TABLE.length - 1);
                TABLE[i] = k;
            }
        }

        private static int hash(byte[] b, int from, int to) {
            int h = to - from;
            for (int i = from; i < to; i++) h = h * 31 + b[i];
            return (h ^ (h >>> 8)) & (TABLE.length - 1);
        }

        /** The key spelled by {@code b[from, to)}, or null for a line this version does not use. */
        static Key of(byte[] b, int from, int to) {
            for (int i = hash(b, from, to); TABLE[i] != null; i = (i + 1) & (TABLE.length - 1)) {
                if (Arrays.equals(TABLE[i].name, 0, TABLE[i].name.length, b, from, to)) return TABLE[i];
            }
            return null;
        }
    }

    private static final class Builder {
        String name = "", umask = "";
        char state = '?';
        int tgid = -1, pid = -1, ppid = -1, tracerPid = 0, fdSize = -1, threads = -1, noNewPrivs = 0, seccomp = 0;
        Ids uids = new Ids(-1, -1, -1, -1), gids = new Ids(-1, -1, -1, -1);
        List<Integer> groups = List.of(), nsTgid = List.of(), nsPid = List.of(), nsPgid = List.of(), nsSid = List.of();
        long vmPeak = -1, vmSize = -1, vmLck = -1, vmPin = -1, vmHwm = -1, vmRss = -1, rssAnon = -1, rssFile = -1,
                rssShmem = -1, vmData = -1, vmStk = -1, vmExe = -1, vmLib = -1, vmPte = -1, vmSwap = -1;
        long sigPnd, shdPnd, sigBlk, sigIgn, sigCgt, capInh, capPrm, capEff, capBnd, capAmb;
        long voluntary = -1, nonvoluntary = -1;

        void accept(Key key, byte[] t, int from, int to) {
            String what = key.what;
            switch (key) {
                case NAME -> name = new String(t, from, to - from, StandardCharsets.UTF_8);
                case UMASK -> umask = new String(t, from, to - from, StandardCharsets.ISO_8859_1);
                case STATE -> state = from == to ? '?' : (char) (t[from] & 0xff);
                case TGID -> tgid = (int) Numbers.parseLong(t, from, to, what);
                case PID -> pid = (int) Numbers.parseLong(t, from, to, what);
                case PPID -> ppid = (int) Numbers.parseLong(t, from, to, what);
                case TRACER_PID -> tracerPid = (int) Numbers.parseLong(t, from, to, what);
                case UID -> uids = ids(t, from, to, what);
                case GID -> gids = ids(t, from, to, what);
                case FD_SIZE -> fdSize = (int) Numbers.parseLong(t, from, to, what);
                case GROUPS -> groups = intList(t, from, to, what);
                case NS_TGID -> nsTgid = intList(t, from, to, what);
                case NS_PID -> nsPid = intList(t, from, to, what);
                case NS_PGID -> nsPgid = intList(t, from, to, what);
                case NS_SID -> nsSid = intList(t, from, to, what);
                case VM_PEAK -> vmPeak = Numbers.parseKb(t, from, to, what);
                case VM_SIZE -> vmSize = Numbers.parseKb(t, from, to, what);
                case VM_LCK -> vmLck = Numbers.parseKb(t, from, to, what);
                case VM_PIN -> vmPin = Numbers.parseKb(t, from, to, what);
                case VM_HWM -> vmHwm = Numbers.parseKb(t, from, to, what);
                case VM_RSS -> vmRss = Numbers.parseKb(t, from, to, what);
                case RSS_ANON -> rssAnon = Numbers.parseKb(t, from, to, what);
                case RSS_FILE -> rssFile = Numbers.parseKb(t, from, to, what);
                case RSS_SHMEM -> rssShmem = Numbers.parseKb(t, from, to, what);
                case VM_DATA -> vmData = Numbers.parseKb(t, from, to, what);
                case VM_STK -> vmStk = Numbers.parseKb(t, from, to, what);
                case VM_EXE -> vmExe = Numbers.parseKb(t, from, to, what);
                case VM_LIB -> vmLib = Numbers.parseKb(t, from, to, what);
                case VM_PTE -> vmPte = Numbers.parseKb(t, from, to, what);
                case VM_SWAP -> vmSwap = Numbers.parseKb(t, from, to, what);
                case THREADS -> threads = (int) Numbers.parseLong(t, from, to, what);
                case SIG_PND -> sigPnd = Numbers.parseHex(t, from, to, what);
                case SHD_PND -> shdPnd = Numbers.parseHex(t, from, to, what);
                case SIG_BLK -> sigBlk = Numbers.parseHex(t, from, to, what);
                case SIG_IGN -> sigIgn = Numbers.parseHex(t, from, to, what);
                case SIG_CGT -> sigCgt = Numbers.parseHex(t, from, to, what);
                case CAP_INH -> capInh = Numbers.parseHex(t, from, to, what);
                case CAP_PRM -> capPrm = Numbers.parseHex(t, from, to, what);
                case CAP_EFF -> capEff = Numbers.parseHex(t, from, to, what);
                case CAP_BND -> capBnd = Numbers.parseHex(t, from, to, what);
                case CAP_AMB -> capAmb = Numbers.parseHex(t, from, to, what);
                case NO_NEW_PRIVS -> noNewPrivs = (int) Numbers.parseLong(t, from, to, what);
                case SECCOMP -> seccomp = (int) Numbers.parseLong(t, from, to, what);
                case VOLUNTARY -> voluntary = Numbers.parseLong(t, from, to, what);
                case NONVOLUNTARY -> nonvoluntary = Numbers.parseLong(t, from, to, what);
            }
        }

        ProcStatus build() {
            return new ProcStatus(name, umask, state, tgid, pid, ppid, tracerPid, uids, gids, fdSize, groups,
                    nsTgid, nsPid, nsPgid, nsSid, vmPeak, vmSize, vmLck, vmPin, vmHwm, vmRss, rssAnon, rssFile,
                    rssShmem, vmData, vmStk, vmExe, vmLib, vmPte, vmSwap, threads, sigPnd, shdPnd, sigBlk,
                    sigIgn, sigCgt, capInh, capPrm, capEff, capBnd, capAmb, noNewPrivs, seccomp,
                    voluntary, nonvoluntary);
        }

        private static Ids ids(byte[] v, int from, int to, String what) {
            List<Integer> l = intList(v, from, to, what);
            if (l.size() != 4) throw new ProcParseException(what, "expected 4 ids");
            return new Ids(l.get(0), l.get(1), l.get(2), l.get(3));
        }

        private static List<Integer> intList(byte[] v, int from, int to, String what) {
            if (from == to) return List.of();
            List<Integer> out = new ArrayList<>(4);
            int i = from, n = to;
            while (i < n) {
                while (i < n && isSpace(v[i])) i++;
                int s = i;
                while (i < n && !isSpace(v[i])) i++;
                if (i > s) out.add((int) Numbers.parseLong(v, s, i, what));
            }
            return List.copyOf(out);
        }
    }
}
