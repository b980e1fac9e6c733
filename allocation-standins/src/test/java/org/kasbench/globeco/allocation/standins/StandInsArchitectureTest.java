package org.kasbench.globeco.allocation.standins;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The stand-ins are plain JDK programs: they start in milliseconds as separate processes,
 * and they behave as the real neighbours do, not as this service's code would have them
 * behave, so they use none of it.
 */
@AnalyzeClasses(packages = "org.kasbench.globeco.allocation.standins",
		importOptions = ImportOption.DoNotIncludeTests.class)
class StandInsArchitectureTest {

	@ArchTest
	static final ArchRule onlyTheJdk = classes().should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("java..", "javax..", "com.sun.net.httpserver..",
				"org.kasbench.globeco.allocation.standins..")
		.because("a stand-in must start without a framework and must not share the service's code");

}
