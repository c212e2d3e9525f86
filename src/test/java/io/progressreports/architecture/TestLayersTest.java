package io.progressreports.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.progressreports.EmbeddedStores;

import java.util.List;

import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * mvn test runs the tests that stay in their JVM, quickly; a test that starts a process (progress-reports in a JVM of
 * its own, psql, mount) is a failsafe *IT class, run by mvn verify.
 */
@AnalyzeClasses(packages = "io.progressreports", importOptions = ImportOption.OnlyIncludeTests.class)
class TestLayersTest {

    @ArchTest
    static final ArchRule testsStartNoProcesses = noClasses().that().haveSimpleNameEndingWith("Test")
            // By name: a class object here would be this class's own dependency.
            .should().dependOnClassesThat(nameMatching("io\\.progressreports\\.CliProcess|java\\.lang\\.(ProcessBuilder|Runtime)"))
            .orShould().callMethod(EmbeddedStores.class, "run", List.class)
            .orShould().callMethod(EmbeddedStores.class, "psqlAsNobody", String.class)
            .orShould().callMethod(EmbeddedStores.class, "listeners", long.class)
            .because("a test that starts a process is named *IT and runs in mvn verify (maven-failsafe-plugin)");
}
