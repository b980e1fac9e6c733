package org.kasbench.globeco.allocation.sendjob;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The send worker is a non-web process that runs the shared send job: it knows nothing of
 * HTTP or the web service, and reaches storage only through the domain's repository
 * interfaces.
 */
@AnalyzeClasses(packages = "org.kasbench.globeco.allocation.sendjob",
		importOptions = ImportOption.DoNotIncludeTests.class)
class SendJobArchitectureTest {

	@ArchTest
	static final ArchRule noWeb = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
				"org.kasbench.globeco.allocation.api..")
		.because("the worker runs as a Job with no server; its answer is its exit code");

	@ArchTest
	static final ArchRule persistenceOnlyThroughTheDomain = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("..persistence..");

}
