package io.progressreports.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feature packages depend on each other in one direction only: a package in a cycle cannot be understood,
 * tested or changed on its own. ARCHITECTURE.md draws the layers.
 */
@AnalyzeClasses(packages = "io.progressreports",
        importOptions = {ImportOption.DoNotIncludeTests.class, PackageCyclesTest.WrittenByHand.class})
class PackageCyclesTest {

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.progressreports.(*)..").should().beFreeOfCycles();

    /**
     * Leaves out what Spring generates at build time (AOT bean definitions, CGLIB proxies): it sits in the package
     * of the bean's class and names the types of the bean's declaration, wherever they live.
     */
    static final class WrittenByHand implements ImportOption {

        @Override
        public boolean includes(Location location) {
            return !location.contains("__") && !location.contains("$$SpringCGLIB$$");
        }
    }
}
