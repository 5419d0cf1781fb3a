package dev.procward.cli.container;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is, from wherever the test JVM was started (the cli module, usually). */
final class ProjectLayout {
    private ProjectLayout() {}

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Dockerfile")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no Dockerfile next to mvnw above " + Path.of("").toAbsolutePath());
    }

    static Path scenarios() {
        return root().resolve("cli/src/test/container/scenarios");
    }
}
