package dev.procward.cli.container;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that runs real containers of the project's image: skipped without Docker (failed
 * under CI), and given the one {@link ProjectImage} built for the whole run as a parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("container")
@ExtendWith(ContainerTest.ImageExtension.class)
@interface ContainerTest {

    final class ImageExtension implements BeforeEachCallback, ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ImageExtension.class);

        /** Per test, not per class, so that a skip is reported for every test it skips. */
        @Override
        public void beforeEach(ExtensionContext context) {
            Requirements.requireDocker();
            Requirements.requireTini();
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ProjectImage.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            Requirements.requireDocker();
            return image(context);
        }

        /** Built on first use and closed (removed) when the whole test run ends. */
        private static ProjectImage image(ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(ProjectImage.class, key -> ProjectImage.build(), ProjectImage.class);
        }
    }
}
