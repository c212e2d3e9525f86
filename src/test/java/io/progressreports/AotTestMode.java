package io.progressreports;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.util.Arrays;

/**
 * Under mvn test, the application starts the way the launcher starts it for users: from the bean definitions the
 * build's process-aot step generated (spring.aot.enabled), in about a third of the time; the ordinary mode is what
 * the process tests (*IT) run in their own JVM, and AotModeIT compares with their processes' AOT mode. The pom turns this on with {@value #SWITCH}, so a run from
 * an IDE, whose AOT classes may be older than the code, starts the ordinary way. Classes tested with Spring's
 * TestContext framework always start the ordinary way: in AOT mode it wants test contexts generated at build time
 * too, which the build does not make. Auto-detected, like {@link TestDatabase.DropAfterClass}.
 */
public final class AotTestMode implements BeforeAllCallback, AfterAllCallback {

    static final String SWITCH = "progress-reports.test.aot";
    private static final String AOT = "spring.aot.enabled";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (Boolean.getBoolean(SWITCH) && !usesSpringTestContext(context.getRequiredTestClass())) {
            System.setProperty(AOT, "true");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty(AOT);
    }

    private static boolean usesSpringTestContext(Class<?> testClass) {
        return AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class).stream()
                .anyMatch(extendWith -> Arrays.asList(extendWith.value()).contains(SpringExtension.class));
    }
}
