package dev.procward.probes;

import java.util.ArrayList;
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
        var b = new Builder();
        int pos = 0;
        int len = text.length();
        boolean any = false;
        while (pos < len) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = len;
            int colon = text.indexOf(':', pos);
            if (colon > pos && colon < eol) {
                // Values are parsed in place: a status file has ~55 lines and a listing reads thousands.
                int from = colon + 1, to = eol;
                while (from < to && Character.isWhitespace(text.charAt(from))) from++;
                while (to > from && Character.isWhitespace(text.charAt(to - 1))) to--;
                b.accept(text.substring(pos, colon), text, from, to);
                any = true;
            }
            pos = eol + 1;
        }
        if (!any) throw new ProcParseException("status", "no fields");
        return b.build();
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

        void accept(String key, String t, int from, int to) {
            switch (key) {
                case "Name" -> name = t.substring(from, to);
                case "Umask" -> umask = t.substring(from, to);
                case "State" -> state = from == to ? '?' : t.charAt(from);
                case "Tgid" -> tgid = (int) Numbers.parseLong(t, from, to, "status Tgid");
                case "Pid" -> pid = (int) Numbers.parseLong(t, from, to, "status Pid");
                case "PPid" -> ppid = (int) Numbers.parseLong(t, from, to, "status PPid");
                case "TracerPid" -> tracerPid = (int) Numbers.parseLong(t, from, to, "status TracerPid");
                case "Uid" -> uids = ids(t, from, to, "status Uid");
                case "Gid" -> gids = ids(t, from, to, "status Gid");
                case "FDSize" -> fdSize = (int) Numbers.parseLong(t, from, to, "status FDSize");
                case "Groups" -> groups = intList(t, from, to, "status Groups");
                case "NStgid" -> nsTgid = intList(t, from, to, "status NStgid");
                case "NSpid" -> nsPid = intList(t, from, to, "status NSpid");
                case "NSpgid" -> nsPgid = intList(t, from, to, "status NSpgid");
                case "NSsid" -> nsSid = intList(t, from, to, "status NSsid");
                case "VmPeak" -> vmPeak = Numbers.parseKb(t, from, to, key);
                case "VmSize" -> vmSize = Numbers.parseKb(t, from, to, key);
                case "VmLck" -> vmLck = Numbers.parseKb(t, from, to, key);
                case "VmPin" -> vmPin = Numbers.parseKb(t, from, to, key);
                case "VmHWM" -> vmHwm = Numbers.parseKb(t, from, to, key);
                case "VmRSS" -> vmRss = Numbers.parseKb(t, from, to, key);
                case "RssAnon" -> rssAnon = Numbers.parseKb(t, from, to, key);
                case "RssFile" -> rssFile = Numbers.parseKb(t, from, to, key);
                case "RssShmem" -> rssShmem = Numbers.parseKb(t, from, to, key);
                case "VmData" -> vmData = Numbers.parseKb(t, from, to, key);
                case "VmStk" -> vmStk = Numbers.parseKb(t, from, to, key);
                case "VmExe" -> vmExe = Numbers.parseKb(t, from, to, key);
                case "VmLib" -> vmLib = Numbers.parseKb(t, from, to, key);
                case "VmPTE" -> vmPte = Numbers.parseKb(t, from, to, key);
                case "VmSwap" -> vmSwap = Numbers.parseKb(t, from, to, key);
                case "Threads" -> threads = (int) Numbers.parseLong(t, from, to, "status Threads");
                case "SigPnd" -> sigPnd = Numbers.parseHex(t, from, to, key);
                case "ShdPnd" -> shdPnd = Numbers.parseHex(t, from, to, key);
                case "SigBlk" -> sigBlk = Numbers.parseHex(t, from, to, key);
                case "SigIgn" -> sigIgn = Numbers.parseHex(t, from, to, key);
                case "SigCgt" -> sigCgt = Numbers.parseHex(t, from, to, key);
                case "CapInh" -> capInh = Numbers.parseHex(t, from, to, key);
                case "CapPrm" -> capPrm = Numbers.parseHex(t, from, to, key);
                case "CapEff" -> capEff = Numbers.parseHex(t, from, to, key);
                case "CapBnd" -> capBnd = Numbers.parseHex(t, from, to, key);
                case "CapAmb" -> capAmb = Numbers.parseHex(t, from, to, key);
                case "NoNewPrivs" -> noNewPrivs = (int) Numbers.parseLong(t, from, to, key);
                case "Seccomp" -> seccomp = (int) Numbers.parseLong(t, from, to, key);
                case "voluntary_ctxt_switches" -> voluntary = Numbers.parseLong(t, from, to, key);
                case "nonvoluntary_ctxt_switches" -> nonvoluntary = Numbers.parseLong(t, from, to, key);
                default -> { } // lines this version does not use (Cpus_allowed, Speculation_…)
            }
        }

        ProcStatus build() {
            return new ProcStatus(name, umask, state, tgid, pid, ppid, tracerPid, uids, gids, fdSize, groups,
                    nsTgid, nsPid, nsPgid, nsSid, vmPeak, vmSize, vmLck, vmPin, vmHwm, vmRss, rssAnon, rssFile,
                    rssShmem, vmData, vmStk, vmExe, vmLib, vmPte, vmSwap, threads, sigPnd, shdPnd, sigBlk,
                    sigIgn, sigCgt, capInh, capPrm, capEff, capBnd, capAmb, noNewPrivs, seccomp,
                    voluntary, nonvoluntary);
        }

        private static Ids ids(String v, int from, int to, String what) {
            List<Integer> l = intList(v, from, to, what);
            if (l.size() != 4) throw new ProcParseException(what, "expected 4 ids");
            return new Ids(l.get(0), l.get(1), l.get(2), l.get(3));
        }

        private static List<Integer> intList(String v, int from, int to, String what) {
            if (from == to) return List.of();
            List<Integer> out = new ArrayList<>(4);
            int i = from, n = to;
            while (i < n) {
                while (i < n && Character.isWhitespace(v.charAt(i))) i++;
                int s = i;
                while (i < n && !Character.isWhitespace(v.charAt(i))) i++;
                if (i > s) out.add((int) Numbers.parseLong(v, s, i, what));
            }
            return List.copyOf(out);
        }
    }
}
