package org.kasbench.globeco.allocation.startup;

import org.springframework.boot.ExitCodeGenerator;

/**
 * The deployable cannot work with its settings; the message is the one-line reason. Exit
 * code 2.
 */
public class InvalidConfigurationException extends RuntimeException implements ExitCodeGenerator {

	public static final int EXIT_CODE = 2;

	public InvalidConfigurationException(String reason) {
		super(reason);
	}

	@Override
	public int getExitCode() {
		return EXIT_CODE;
	}

}
