package dev.procward.probes.diag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Tiny C programs under src/test/resources/native, compiled with cc on demand. */
public final class NativeHelpers {
    private NativeHelpers() {}

    public static boolean ccAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "cc"))) return true;
        }
        return false;
    }

    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Compiles {@code native/NAME.c} into {@code dir} and returns the executable. */
    public static Path compile(String name, Path dir) throws IOException, InterruptedException {
        RealProcesses.require(ccAvailable(), "a C compiler (cc)");
        Path src = dir.resolve(name + ".c");
        try (InputStream in = NativeHelpers.class.getResourceAsStream("/native/" + name + ".c")) {
            Files.copy(in, src);
        }
        Path exe = dir.resolve(name);
        Process cc = new ProcessBuilder("cc", "-O", "-pthread", "-o", exe.toString(), src.toString()).inheritIO().start();
        if (!cc.waitFor(120, TimeUnit.SECONDS) || cc.exitValue() != 0) throw new IOException("cc failed for " + name);
        return exe;
    }
}
