package dev.procward.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The syscall numbers of both architectures against the kernel headers (linux-libc-dev, which
 * comes with gcc): x86_64's unistd_64.h and asm-generic/unistd.h, which aarch64 uses.
 */
class SysTest {

    private static final Pattern DEFINE = Pattern.compile("#define __NR(?:3264)?_(\\w+)\\s+(\\d+)");

    static Map<String, Integer> numbers(Path header) throws Exception {
        Map<String, Integer> m = new HashMap<>();
        Matcher matcher = DEFINE.matcher(Files.readString(header));
        while (matcher.find()) m.putIfAbsent(matcher.group(1), Integer.parseInt(matcher.group(2)));
        return m;
    }

    private static Path header(String path) {
        Path p = Path.of(path);
        if (Files.isReadable(p)) return p;
        if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI needs kernel headers: " + path);
        Assumptions.abort("no " + path + " (install linux-libc-dev)");
        return null;
    }

    private static void check(Arch arch, Path header) throws Exception {
        Map<String, Integer> kernel = numbers(header);
        Map<String, String> wrong = new TreeMap<>();
        for (Sys s : Sys.values()) {
            Integer expected = kernel.get(s.kernelName());
            if (expected == null || expected != s.number(arch)) wrong.put(s.kernelName(), s.number(arch) + " vs header " + expected);
        }
        assertEquals(Map.of(), wrong, arch + " syscall numbers");
    }

    @Test
    void x86_64NumbersMatchTheKernelHeader() throws Exception {
        Path h = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
        if (!Files.isReadable(h)) h = Path.of("/usr/include/asm/unistd_64.h");
        check(Arch.X86_64, header(h.toString()));
    }

    @Test
    void aarch64NumbersMatchTheGenericKernelHeader() throws Exception {
        check(Arch.AARCH64, header("/usr/include/asm-generic/unistd.h"));
    }

    @Test
    void theRunningArchitectureIsDetected() {
        assertEquals(System.getProperty("os.arch").equals("amd64") ? Arch.X86_64 : Arch.AARCH64, Arch.current());
    }
}
