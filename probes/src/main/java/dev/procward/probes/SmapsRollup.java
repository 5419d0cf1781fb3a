package dev.procward.probes;

/**
 * Memory totals from {@code /proc/PID/smaps_rollup}, in kB. The same parser sums
 * {@code /proc/PID/smaps} on kernels without smaps_rollup (before 4.14): every "Key: N kB" line is
 * added up, and the per-VMA header lines are skipped.
 */
public record SmapsRollup(long rss, long pss, long pssAnon, long pssFile, long pssShmem,
                          long sharedClean, long sharedDirty, long privateClean, long privateDirty,
                          long anonymous, long swap, long swapPss, long locked) {

    /** Unique set size: memory no other process maps. */
    public long uss() {
        return privateClean + privateDirty;
    }

    public static SmapsRollup parse(String text) {
        if (text == null) throw new ProcParseException("smaps_rollup", "no text");
        long rss = 0, pss = 0, pssAnon = 0, pssFile = 0, pssShmem = 0, sharedClean = 0, sharedDirty = 0,
                privateClean = 0, privateDirty = 0, anonymous = 0, swap = 0, swapPss = 0, locked = 0;
        boolean any = false;
        int pos = 0, len = text.length();
        while (pos < len) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = len;
            int colon = text.indexOf(':', pos);
            // Value lines are "Key:   123 kB"; VMA headers contain ':' only inside "dev" fields and
            // have no " kB" ending, and VmFlags lines carry no number.
            if (colon > pos && colon < eol && text.startsWith(" kB", eol - 3) && eol - 3 > colon) {
                String key = text.substring(pos, colon);
                if (key.indexOf(' ') >= 0) { pos = eol + 1; continue; }
                long v = Numbers.parseLong(text.substring(colon + 1, eol - 3), "smaps " + key);
                any = true;
                switch (key) {
                    case "Rss" -> rss += v;
                    case "Pss" -> pss += v;
                    case "Pss_Anon" -> pssAnon += v;
                    case "Pss_File" -> pssFile += v;
                    case "Pss_Shmem" -> pssShmem += v;
                    case "Shared_Clean" -> sharedClean += v;
                    case "Shared_Dirty" -> sharedDirty += v;
                    case "Private_Clean" -> privateClean += v;
                    case "Private_Dirty" -> privateDirty += v;
                    case "Anonymous" -> anonymous += v;
                    case "Swap" -> swap += v;
                    case "SwapPss" -> swapPss += v;
                    case "Locked" -> locked += v;
                    default -> { }
                }
            }
            pos = eol + 1;
        }
        if (!any && !text.isBlank()) throw new ProcParseException("smaps_rollup", "no values");
        return new SmapsRollup(rss, pss, pssAnon, pssFile, pssShmem, sharedClean, sharedDirty, privateClean,
                privateDirty, anonymous, swap, swapPss, locked);
    }
}
