package dev.procward.cli.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One scenario's container: the project's image with an {@link Anchor} as PID 1 in front of an
 * application. The scenario scripts are at /scenarios and Debian's tini at /usr/bin/tini in every
 * container, whichever anchor runs, so all anchors see the same filesystem.
 */
final class AppContainer implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

    private final GenericContainer<?> container;

    private AppContainer(GenericContainer<?> container) {
        this.container = container;
    }

    /** Starts the application under the anchor and waits until it has printed {@code readyLine}. */
    static AppContainer start(ProjectImage image, Anchor anchor, List<String> initFlags, String readyLine, String... app) {
        var started = new AppContainer(create(image, anchor, initFlags, List.of(app)));
        try {
            started.container.start();
            started.awaitLog(readyLine);
            return started;
        } catch (RuntimeException | Error e) {
            started.close();
            throw e;
        }
    }

    /** Runs the application under the anchor to its end. */
    static Exit run(ProjectImage image, Anchor anchor, List<String> initFlags, String... app) {
        return run(image.tag(), image, anchor, initFlags, Map.of(), app);
    }

    /** Runs the application to its end in {@code imageTag} (an image of this run) with the environment. */
    static Exit run(String imageTag, ProjectImage run, Anchor anchor, List<String> initFlags, Map<String, String> env,
                    String... app) {
        try (var finished = new AppContainer(create(imageTag, run, anchor, initFlags, List.of(app))
                .withEnv(env)
                .withStartupCheckStrategy(new UntilExited().withTimeout(START_TIMEOUT)))) {
            finished.container.start();
            return new Exit(finished.state().getExitCodeLong(), finished.logs());
        }
    }

    record Exit(long code, String logs) {}

    record Stopped(long exitCode, Duration took, String logs) {}

    private static GenericContainer<?> create(ProjectImage image, Anchor anchor, List<String> initFlags, List<String> app) {
        return create(image.tag(), image, anchor, initFlags, app);
    }

    private static GenericContainer<?> create(String imageTag, ProjectImage run, Anchor anchor, List<String> initFlags,
                                              List<String> app) {
        Anchor.Launch launch = anchor.launch(initFlags, app);
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(imageTag))
                .withLabels(Map.of(ProjectImage.LABEL, "container-it", ProjectImage.RUN_LABEL, run.runId()))
                .withCopyFileToContainer(MountableFile.forHostPath(ProjectLayout.scenarios()), "/scenarios")
                .withCopyFileToContainer(MountableFile.forHostPath(Requirements.TINI), Requirements.TINI.toString())
                .withStartupTimeout(START_TIMEOUT)
                .withCommand(launch.command().toArray(String[]::new));
        launch.entrypoint().ifPresent(entrypoint ->
                container.withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint(entrypoint)));
        return container;
    }

    /** {@code docker stop} with Docker's own timeout: TERM, then KILL when the timeout is over. */
    Stopped stop(Duration dockerTimeout) {
        long began = System.nanoTime();
        client().stopContainerCmd(id()).withTimeout((int) dockerTimeout.toSeconds()).exec();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        return new Stopped(state().getExitCodeLong(), took, logs());
    }

    /** {@code docker kill -s SIGNAL}: the engine signals PID 1 of the container. */
    void kill(String signal) {
        client().killContainerCmd(id()).withSignal(signal).exec();
    }

    /** Runs a command in the running container and returns its standard output. */
    String exec(String... command) {
        try {
            ExecResult result = container.execInContainer(command);
            assertEquals(0, result.getExitCode(), () -> String.join(" ", command) + " failed: " + result.getStderr());
            return result.getStdout();
        } catch (IOException e) {
            throw new IllegalStateException("docker exec " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in docker exec", e);
        }
    }

    /** Waits until the container printed the line; fails at once if it exits without doing so. */
    void awaitLog(String line) {
        String logs = Poll.until("the line '" + line + "' in the container's output", EVENT_TIMEOUT,
                this::logsOrExit, seen -> seen.lines().anyMatch(line::equals) || seen.startsWith(EXITED));
        assertTrue(logs.lines().anyMatch(line::equals), () -> "the container ended before printing '" + line + "': " + logs);
    }

    private static final String EXITED = "(exited) ";

    private String logsOrExit() {
        String logs = logs();
        return Boolean.TRUE.equals(state().getRunning()) ? logs : EXITED + "status " + state().getExitCodeLong() + ", output:\n" + logs;
    }

    String logs() {
        return container.getLogs();
    }

    private InspectContainerResponse.ContainerState state() {
        return client().inspectContainerCmd(id()).exec().getState();
    }

    private String id() {
        return container.getContainerId();
    }

    private static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public void close() {
        container.close();
    }

    /** A one-shot container has started successfully once it has exited, whatever its status. */
    private static final class UntilExited extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(DockerClient client, String containerId) {
            return "exited".equals(getCurrentState(client, containerId).getStatus())
                    ? StartupStatus.SUCCESSFUL : StartupStatus.NOT_YET_KNOWN;
        }
    }
}
