package dev.procward.probes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code /proc/PID/environ}: NUL-separated NAME=value entries, in the order the process got them.
 * An entry without '=' is kept with an empty name and the whole text as its value.
 */
public record Environ(List<Entry> entries) {
    public static final String REDACTED = "<redacted>";
    /** Names that usually carry credentials: PASSWORD, TOKEN, SECRET, KEY, CREDENTIAL … */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "PASS(WORD|WD|PHRASE)?|TOKEN|SECRET|(^|_)KEY$|KEY(_|$)|APIKEY|CREDENTIAL|AUTH|PRIVATE|COOKIE|DSN|CONN(ECTION)?_?STR");
    /** Values that embed credentials whatever their name: user:password@host URLs. */
    private static final Pattern SECRET_VALUE = Pattern.compile("^[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@");

    public record Entry(String name, String value) {
        public boolean looksSecret() {
            return SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).find()
                    || SECRET_VALUE.matcher(value).find();
        }
    }

    public Environ {
        entries = List.copyOf(entries);
    }

    /** The same entries with every secret-looking value replaced by {@link #REDACTED}. */
    public Environ redacted() {
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) out.add(e.looksSecret() ? new Entry(e.name(), REDACTED) : e);
        return new Environ(out);
    }

    /** Back to the kernel's NUL-separated form. */
    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            if (!e.name().isEmpty()) sb.append(e.name()).append('=');
            sb.append(e.value()).append('\0');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static Environ parse(byte[] buf, int len) {
        if (buf == null || len < 0 || len > buf.length) throw new ProcParseException("environ", "bad buffer");
        List<Entry> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= len; i++) {
            if (i == len || buf[i] == 0) {
                if (i > start) {
                    String s = new String(buf, start, i - start, StandardCharsets.UTF_8);
                    int eq = s.indexOf('=');
                    out.add(eq > 0 ? new Entry(s.substring(0, eq), s.substring(eq + 1)) : new Entry("", s));
                }
                start = i + 1;
            }
        }
        return new Environ(out);
    }
}
