package dev.procward.cli.exporter;

import dev.procward.cli.Prerequisite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Paths in the repository, and the external tools the deployment tests drive. */
final class RepoFiles {
    private RepoFiles() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("Dockerfile")) || !Files.isDirectory(dir.resolve("deploy"))) {
            dir = dir.getParent();
            assertNotNull(dir, "no repository root with a Dockerfile and deploy/ above the working directory");
        }
        return dir;
    }

    static Path kubernetes() {
        return root().resolve("deploy/kubernetes");
    }

    /** A tool from Debian's prometheus package: required under CI=true, otherwise the test is skipped. */
    static Path tool(String name) {
        Optional<Path> found = Optional.empty();
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin").split(":")) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                found = Optional.of(p);
                break;
            }
        }
        Prerequisite.require(found.isPresent(), name + " is not installed (apt-get install prometheus)");
        return found.get();
    }
}
