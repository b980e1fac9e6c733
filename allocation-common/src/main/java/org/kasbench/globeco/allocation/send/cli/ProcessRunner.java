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

	/** Nobody stops them: the runs of helper commands such as {@code docker rm}. */
	private static final CliRuns UNSTOPPABLE = new CliRuns();

	/** Runs a command to its end or its timeout; nothing else stops it. */
	static CliRun run(List<String> argv, Duration timeout) {
		return run(argv, timeout, UNSTOPPABLE);
	}

	/**
	 * Runs a command that {@code runs} can stop (a shutdown): then its whole process tree
	 * is killed and the run ends with the kill's exit code.
	 */
	static CliRun run(List<String> argv, Duration timeout, CliRuns runs) {
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
		try (CliRuns.Registration stoppable = runs.register(() -> destroyTree(process))) {
			boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!finished) {
				destroyTree(process);
				process.waitFor(10, TimeUnit.SECONDS);
			}
			reader.join(Duration.ofSeconds(5));
			return new CliRun(finished ? process.exitValue() : null, !finished, null, output.tail(), output.summary());
		}
		catch (InterruptedException e) {
			destroyTree(process);
			Thread.currentThread().interrupt();
			return new CliRun(null, true, null, "interrupted", CliSummary.Printed.none());
		}
	}

	/**
	 * Kills the command and everything it started: a CLI that is a wrapper script (or a
	 * {@code docker} client) leaves its children running when only it is killed. The
	 * descendants are listed first, while they are still this process's.
	 */
	private static void destroyTree(Process process) {
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
	}

}
