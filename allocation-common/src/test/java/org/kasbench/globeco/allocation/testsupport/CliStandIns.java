package org.kasbench.globeco.allocation.testsupport;

import org.kasbench.globeco.allocation.standins.PortfolioAccountingCliStandIn;
import org.kasbench.globeco.allocation.standins.PortfolioAccountingServiceStandIn;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How tests run the Portfolio Accounting CLI stand-in: as a separate JVM, exactly as exec
 * mode runs a CLI, either offline (its ledger file in the output directory) or against a
 * {@link PortfolioAccountingServiceStandIn}. Modes are described on
 * {@link PortfolioAccountingCliStandIn}.
 */
public final class CliStandIns {

	public static final String OK = "ok";

	public static final String FAIL = "fail";

	public static final String HANG = "hang";

	public static final String UNREACHABLE = "unreachable";

	public static final String UNREACHABLE_WITHOUT_ERRORS_FILE = "unreachable-without-errors-file";

	public static final String DIE_AFTER_DELIVERY = "die-after-delivery";

	public static final String KILL_PARENT_AFTER_DELIVERY = "kill-parent-after-delivery";

	public static final String HOLD = "hold";

	private CliStandIns() {
	}

	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public static String classpath() {
		try {
			return Path
				.of(PortfolioAccountingCliStandIn.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toString();
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The settings of a Spring test that sends in exec mode with the stand-in: files in
	 * {@code files}, a CLI timeout, and no automatic retry during the test.
	 */
	public static void sendInExecMode(DynamicPropertyRegistry registry, Path files, String cliTimeout) {
		registry.add("allocation.files.dir", files::toString);
		registry.add("allocation.cli.mode", () -> "exec");
		registry.add("allocation.cli.command", CliStandIns::execCommand);
		registry.add("allocation.cli.timeout", () -> cliTimeout);
		registry.add("allocation.send.retry-backoff", () -> "1h");
		registry.add("allocation.send.retry-backoff-max", () -> "1h");
	}

	/** A new temporary directory for a test class's CLI files. */
	public static Path newFilesDirectory() {
		try {
			return Files.createTempDirectory("allocation-cli-files");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The exec-mode command line that runs the stand-in offline, batch size 1,000. */
	public static String execCommand() {
		return java() + " " + StandInAotCache.flag() + " -XX:TieredStopAtLevel=1 -cp " + classpath() + " "
				+ PortfolioAccountingCliStandIn.class.getName() + " process --file {file} --output-dir {dir}";
	}

	/** The exec-mode command line, offline, posting chunks of {@code batchSize}. */
	public static String execCommand(int batchSize) {
		return execCommand() + " --batch-size " + batchSize;
	}

	/**
	 * The exec-mode command line posting to {@code service} over HTTP (exec mode cannot
	 * set an environment).
	 */
	public static String execCommand(PortfolioAccountingServiceStandIn service) {
		return execCommand() + " --server-host " + service.host() + " --server-port " + service.port();
	}

	/**
	 * The exec-mode command line posting to {@code service} in chunks of
	 * {@code batchSize}.
	 */
	public static String execCommand(PortfolioAccountingServiceStandIn service, int batchSize) {
		return execCommand(service) + " --batch-size " + batchSize;
	}

	/** A service stand-in on a free loopback port; stop it (or close it) when done. */
	public static PortfolioAccountingServiceStandIn startService() {
		try {
			return PortfolioAccountingServiceStandIn.start(0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Switches the stand-in's behaviour for every later run that writes into {@code dir}.
	 */
	public static void mode(Path dir, String mode) {
		modes(dir, mode);
	}

	/**
	 * One mode per later run that writes into {@code dir}, in order; the last one stays
	 * for all runs after that, e.g. {@code modes(dir, DIE_AFTER_DELIVERY, OK)}.
	 */
	public static void modes(Path dir, String... modes) {
		try {
			Files.createDirectories(dir);
			Files.writeString(dir.resolve(".cli-standin-mode"), String.join("\n", modes) + "\n");
			Files.deleteIfExists(dir.resolve(".cli-standin-release"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * The modes that later runs writing into {@code dir} have still to take, in order (a
	 * run takes its mode first thing, so a run that was killed before that left its mode
	 * to the next run); empty while a run rewrites the list.
	 */
	private static List<String> modesLeft(Path dir) {
		try {
			return Files.readAllLines(dir.resolve(".cli-standin-mode"), StandardCharsets.UTF_8)
				.stream()
				.filter(line -> !line.isBlank())
				.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Whether one of {@code processes} is a stand-in run that has taken its mode, leaving
	 * exactly {@code modesLeft} to later runs writing into {@code dir}: a run seen before
	 * it took its mode and stopped then would leave that mode to the next run.
	 */
	public static boolean tookItsMode(List<ProcessHandle> processes, Path dir, String... modesLeft) {
		return modesLeft(dir).equals(List.of(modesLeft)) && processes.stream()
			.anyMatch(p -> p.info()
				.commandLine()
				.orElse("")
				.contains(PortfolioAccountingCliStandIn.class.getSimpleName()));
	}

	/** The mode that makes a run sleep {@code delay} before it starts: a slow CLI. */
	public static String delay(Duration delay) {
		return "delay:" + delay.toMillis();
	}

	/**
	 * Lets runs in {@link #HOLD} mode writing into {@code dir} go on (and any later ones
	 * pass straight through).
	 */
	public static void release(Path dir) {
		try {
			Files.writeString(dir.resolve(".cli-standin-release"), "");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Source id -> times accepted by the offline stand-in writing into {@code dir} (its
	 * ledger file).
	 */
	public static Map<String, Integer> offlineLedger(Path dir) {
		Map<String, Integer> counts = new TreeMap<>();
		Path ledger = dir.resolve(".portfolio-accounting-ledger");
		try {
			if (Files.exists(ledger)) {
				Files.readAllLines(ledger, StandardCharsets.UTF_8)
					.stream()
					.filter(l -> !l.isBlank())
					.forEach(id -> counts.merge(id, 1, Integer::sum));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return counts;
	}

}
