package dev.procward.cli.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The docker command line, for what users run themselves: {@code docker build} of the project's
 * Dockerfile (with its .dockerignore, exactly as documented) and image removal.
 */
final class DockerCli {
    private DockerCli() {}

    record Result(int exitCode, String output) {
        Result orFail(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException(what + " failed with exit code " + exitCode + ":\n" + tail(output));
            }
            return this;
        }
    }

    static boolean installed() {
        try {
            return run(Duration.ofSeconds(30), null, "--version").exitCode() == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    static boolean imageExists(String image) {
        return run(Duration.ofSeconds(30), null, "image", "inspect", "--format", "{{.Id}}", image).exitCode() == 0;
    }

    /** Runs docker with the arguments; the output is also written to {@code log} when given. */
    static Result run(Duration timeout, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Path out = log != null ? log : Files.createTempFile("procward-docker", ".log");
            Files.createDirectories(out.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            process.getOutputStream().close();
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly();
                throw new IllegalStateException("docker " + String.join(" ", args) + " took over " + timeout);
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (log == null) {
                Files.delete(out);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run docker: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running docker", e);
        }
    }

    static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
