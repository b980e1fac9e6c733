package org.kasbench.globeco.allocation.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the built deployables running as a real JVM, its output in a log file.
 * {@link #kill()} is a SIGKILL: no shutdown hook, no graceful stop, exactly what a node
 * failure or an OOM kill does; {@link #terminate()} is the SIGTERM of a rolling update.
 */
final class ServiceProcess {

	private final String name;

	private final Process process;

	private final Path log;

	/**
	 * The CLI runs it started, alive or not: a SIGKILL of this JVM leaves them running,
	 * as in production.
	 */
	private final List<ProcessHandle> children = new ArrayList<>();

	private ServiceProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ServiceProcess start(String name, Path jar, Path logDir, List<String> jvmOptions, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(arguments);
		try {
			Files.createDirectories(logDir);
			Path log = logDir.resolve(name + "-" + System.nanoTime() + ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new ServiceProcess(name, process, log);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot start " + name, e);
		}
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/**
	 * SIGKILL. Its CLI children are remembered, so a test can wait for them or end them.
	 */
	void kill() {
		children.addAll(process.descendants().toList());
		process.destroyForcibly();
		waitFor(Duration.ofSeconds(10));
	}

	/**
	 * SIGTERM, as Kubernetes sends on a rolling update: the JVM shuts down gracefully.
	 * Returns what this process had started and still ran at that moment.
	 */
	List<ProcessHandle> terminate() {
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroy();
		return descendants;
	}

	/** What this process started that still runs. */
	List<ProcessHandle> descendants() {
		return process.descendants().toList();
	}

	int waitFor(Duration timeout) {
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError(name + " did not end within " + timeout + "; see " + log);
			}
			return process.exitValue();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Ends whatever this process started that still runs (an orphaned CLI). */
	void endOrphans() {
		children.forEach(ProcessHandle::destroyForcibly);
		children.forEach(c -> c.onExit().join());
		children.clear();
	}

	List<ProcessHandle> orphans() {
		return children.stream().filter(ProcessHandle::isAlive).toList();
	}

	Path log() {
		return log;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
