package org.kasbench.globeco.allocation.send.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command without a shell (so no argument is ever interpreted), with a timeout,
 * reading its output as it streams ({@link CliOutput}).
 */
final class ProcessRunner {

	private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);

	private ProcessRunner() {
	}

	static CliRun run(List<String> argv, Duration timeout) {
		Process process;
		try {
			process = new ProcessBuilder(argv).redirectErrorStream(true).start();
		}
		catch (IOException e) {
			log.error("Cannot start {}: {}", argv.getFirst(), e.getMessage());
			return new CliRun(null, false, null, "cannot start " + argv.getFirst() + ": " + e.getMessage(),
					CliSummary.Printed.none());
		}
		CliOutput output = new CliOutput();
		Thread reader = Thread.ofVirtual()
			.name("cli-output")
			.start(() -> output.readAll(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
		try {
			boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!finished) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
			reader.join(Duration.ofSeconds(5));
			return new CliRun(finished ? process.exitValue() : null, !finished, null, output.tail(), output.summary());
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			return new CliRun(null, true, null, "interrupted", CliSummary.Printed.none());
		}
	}

}
