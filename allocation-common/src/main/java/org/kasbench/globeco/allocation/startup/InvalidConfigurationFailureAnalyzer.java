package org.kasbench.globeco.allocation.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed start-up check into Spring Boot's start-up failure report: the reason,
 * then what to do.
 */
class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
		return new FailureAnalysis("Invalid configuration: " + cause.getMessage(),
				"Fix the settings named above (docs/configuration.md lists each one).", cause);
	}

}
