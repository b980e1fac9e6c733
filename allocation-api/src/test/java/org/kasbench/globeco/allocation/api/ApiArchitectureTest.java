package org.kasbench.globeco.allocation.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The web service's layers: the HTTP edge ({@code web}) serves every feature and knows
 * none of them; features reach storage only through the domain's repository interfaces;
 * the Trade Service client is not reached from the send side; no package cycles.
 */
@AnalyzeClasses(packages = "org.kasbench.globeco.allocation.api",
		importOptions = { ImportOption.DoNotIncludeTests.class, ApiArchitectureTest.DoNotIncludeSpringAot.class })
class ApiArchitectureTest {

	/**
	 * Spring AOT's generated bean definitions (left in target/classes by an earlier
	 * package) wire every layer to every other; they are the build's, not the design's.
	 */
	static final class DoNotIncludeSpringAot implements ImportOption {

		private static final Pattern GENERATED = Pattern.compile(".*(__[\\w$]+|\\$\\$SpringCGLIB\\$\\$\\d+)\\.class$");

		@Override
		public boolean includes(Location location) {
			return !location.matches(GENERATED);
		}

	}

	@ArchTest
	static final ArchRule theEdgeKnowsNoFeature = noClasses().that()
		.resideInAPackage("org.kasbench.globeco.allocation.api.web..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..api.execution..", "..api.send..", "..api.tradeservice..")
		.because("the error shape, strict JSON and request guards apply to every route alike");

	@ArchTest
	static final ArchRule persistenceOnlyThroughTheDomain = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("..persistence..")
		.because("the web service uses the repository interfaces of the domain");

	@ArchTest
	static final ArchRule sendingNeedsNoTradeService = noClasses().that()
		.resideInAPackage("..api.send..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..api.tradeservice..");

	@ArchTest
	static final ArchRule controllersLiveWithTheirFeature = classes().that()
		.areAnnotatedWith(RestController.class)
		.and()
		.resideOutsideOfPackage("..api.web..")
		.should()
		.haveSimpleNameEndingWith("Controller")
		.andShould()
		.resideInAnyPackage("..api.execution..", "..api.send..");

	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("org.kasbench.globeco.allocation.api.(*)..")
		.should()
		.beFreeOfCycles();

}
