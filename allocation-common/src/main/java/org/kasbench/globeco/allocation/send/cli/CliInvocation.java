package org.kasbench.globeco.allocation.send.cli;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One run of the CLI over one batch file. {@code attempt} tells reruns of the same batch
 * apart.
 */
public record CliInvocation(int batchId, Path file, long attempt, Duration timeout) {

	public Path dir() {
		return file.getParent();
	}

	public String fileName() {
		return file.getFileName().toString();
	}
}
