package org.kasbench.globeco.allocation.testsupport;

import org.kasbench.globeco.allocation.standins.PortfolioAccountingCliStandIn;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An AOT cache (JDK 25, JEP 514) of the CLI stand-in's jar, so that each of the hundred
 * or so stand-in runs of a build starts with its classes already loaded and linked: 114
 * instead of 156 ms a run on a 2-core machine (20 offline runs each). Made once per build
 * of the jar, by a training run of the stand-in beside the jar; the JVM itself ignores a
 * cache whose jar changed since. Where the stand-in runs from a class directory (a build
 * that stopped before {@code package}), on an older JDK, or when the training run fails,
 * the runs go without it: slower, the same otherwise.
 */
final class StandInAotCache {

	private static final String FLAG = create();

	private StandInAotCache() {
	}

	/**
	 * {@code -XX:AOTCache=<file>}, or {@code -Xshare:auto} (the JDK's own archive) when
	 * there is no cache to use: the JVM takes one of the two.
	 */
	static String flag() {
		return FLAG;
	}

	private static String create() {
		Path jar = Path.of(CliStandIns.classpath());
		if (Runtime.version().feature() < 25 || !jar.toString().endsWith(".jar")) {
			return "-Xshare:auto";
		}
		// One cache per JDK: a JVM cannot use a cache another JDK made.
		Path cache = jar.resolveSibling(jar.getFileName() + "." + Runtime.version() + "-"
				+ Integer.toHexString(System.getProperty("java.home").hashCode()) + ".aot");
		try {
			if (!Files.exists(cache)
					|| Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) < 0) {
				train(jar, cache);
			}
			return "-XX:AOTCache=" + cache;
		}
		catch (IOException | RuntimeException e) {
			System.err.println("The CLI stand-in runs without an AOT cache: " + e);
			return "-Xshare:auto";
		}
	}

	/**
	 * One offline run on a small file with a refused row, written to a file of its own
	 * beside the jar and moved into place whole, so that a JVM never maps a cache still
	 * being written.
	 */
	private static void train(Path jar, Path cache) throws IOException {
		Path dir = Files.createTempDirectory(jar.getParent(), "cli-standin-aot");
		try {
			train(jar, cache, dir);
		}
		finally {
			FileSystemUtils.deleteRecursively(dir);
		}
	}

	private static void train(Path jar, Path cache, Path dir) throws IOException {
		Path file = dir.resolve("training.csv");
		Files.writeString(file, """
				portfolio_id,security_id,source_id,transaction_type,quantity,price,transaction_date
				684f125ac19ad4fb89bc14ba,68336002fe95851f0a2aeda9,AC1,BUY,1000,190.4096,20250527
				684f125ac19ad4fb89bc14ba,68336002fe95851f0a2aeda9,AC2,SELL,12.5,10,20250527
				SHORT,68336002fe95851f0a2aeda9,AC3,BUY,1,1,20250527
				""");
		Path written = dir.resolve("standin.aot");
		Process training = new ProcessBuilder(List.of(CliStandIns.java(), "-XX:AOTCacheOutput=" + written,
				"-XX:TieredStopAtLevel=1", "-cp", jar.toString(), PortfolioAccountingCliStandIn.class.getName(),
				"process", "--file", file.toString(), "--output-dir", dir.toString()))
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("training.log").toFile())
			.start();
		try {
			if (!training.waitFor(60, TimeUnit.SECONDS)) {
				training.destroyForcibly();
				throw new IOException("the training run did not end within 60 s");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			training.destroyForcibly();
			throw new IOException("interrupted", e);
		}
		if (training.exitValue() != 0 || !Files.exists(written)) {
			throw new IOException("the training run exited " + training.exitValue() + ": "
					+ Files.readString(dir.resolve("training.log")));
		}
		Files.move(written, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
