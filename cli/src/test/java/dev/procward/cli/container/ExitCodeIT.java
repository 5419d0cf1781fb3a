package dev.procward.cli.container;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The container's exit status is the application's, as tini reports it. */
@ContainerTest
class ExitCodeIT {

    static Stream<Arguments> applications() {
        List<Arguments> cases = List.of(
                Arguments.of("exits 0", List.of("sh", "-c", "exit 0"), 0),
                Arguments.of("exits 3", List.of("sh", "-c", "exit 3"), 3),
                Arguments.of("exits 255", List.of("sh", "-c", "exit 255"), 255),
                Arguments.of("dies of KILL", List.of("sh", "-c", "kill -KILL $$"), 128 + 9),
                Arguments.of("dies of TERM", List.of("sh", "-c", "kill -TERM $$"), 128 + 15),
                Arguments.of("cannot be found", List.of("/no/such/program"), 127),
                Arguments.of("is not executable", List.of("/etc/passwd"), 126));
        return Anchor.inits().flatMap(anchor -> cases.stream().map(c -> {
            Object[] a = c.get();
            return Arguments.of(anchor, a[0], a[1], a[2]);
        }));
    }

    @ParameterizedTest(name = "{0}: an application that {1} gives {3}")
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("applications")
    void theApplicationsStatusIsTheContainers(Anchor anchor, String what, List<String> app, int expected, ProjectImage image) {
        AppContainer.Exit exit = AppContainer.run(image, anchor, List.of(), app.toArray(String[]::new));

        assertEquals(expected, exit.code(), exit::logs);
    }
}
