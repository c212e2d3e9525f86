package io.progressreports.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feature packages depend on each other in one direction only: a package in a cycle cannot be understood,
 * tested or changed on its own. ARCHITECTURE.md draws the layers.
 */
@AnalyzeClasses(packages = PackageCyclesTest.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, PackageCyclesTest.WrittenByHand.class})
class PackageCyclesTest {

    static final String ROOT = "io.progressreports";

    @ArchTest
    static final ArchRule noCycles = slices().assignedFrom(new FeaturePackages()).should().beFreeOfCycles();

    /**
     * A slice per package below the root, with its subpackages ({@code store.migration} is {@code store}), and
     * one for the root package itself (the Spring application), which a pattern like {@code ROOT.(*)..} leaves out.
     */
    static final class FeaturePackages implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(ROOT)) {
                return SliceIdentifier.of(ROOT);
            }
            if (!name.startsWith(ROOT + ".")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(name.substring(ROOT.length() + 1).split("\\.")[0]);
        }

        @Override
        public String getDescription() {
            return "the packages of " + ROOT + " and the root package itself";
        }
    }

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
