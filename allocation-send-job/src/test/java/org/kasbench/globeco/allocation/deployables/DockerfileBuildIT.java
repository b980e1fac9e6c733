package org.kasbench.globeco.allocation.deployables;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each Dockerfile's build stage, run without a Docker engine: its build context is
 * assembled from exactly what its {@code COPY} lines copy (minus what
 * {@code .dockerignore} leaves out), and its Maven command runs there (offline, against
 * the local repository this build has just filled). A Dockerfile that forgets a file
 * fails here, in {@code ./mvnw verify}, not in a release. The jar must then split into
 * the layers the runtime stage copies, and must not contain the stand-ins.
 *
 * <p>
 * It lives in the last deployable's module and runs in the integration-test phase
 * (failsafe), after both jars are packaged, so every plugin the image build uses has been
 * resolved by then. It is a build of the images' Maven stage, not a test of the code: it
 * is timed apart from the unit and integration tests ({@code -DskipITs} skips it).
 */
class DockerfileBuildIT {

	/**
	 * Surefire runs in the module directory; the Dockerfiles are at the repository root.
	 */
	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern MAVEN = Pattern.compile("(\\./mvnw\\s[^&;]*?)\\s*(?:&&|$)");

	private static final Pattern JAR_COPY = Pattern.compile("cp\\s+(\\S+\\.jar)\\s+app\\.jar");

	private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies",
			"application");

	@ParameterizedTest
	@ValueSource(strings = { "Dockerfile.api", "Dockerfile.job" })
	void buildsFromExactlyWhatItCopies(String dockerfile, @TempDir Path context) throws Exception {
		List<String> build = buildStage(Files.readAllLines(ROOT.resolve(dockerfile)));
		List<PathMatcher> ignored = dockerignore();
		for (String instruction : build) {
			if (instruction.startsWith("COPY ") && !instruction.contains("--from")) {
				List<String> words = List.of(instruction.substring(5).trim().split("\\s+"));
				String destination = words.getLast();
				for (String source : words.subList(0, words.size() - 1)) {
					copy(ROOT.resolve(source),
							context.resolve(destination.endsWith("/") ? destination + fileName(source) : destination),
							ignored);
				}
			}
		}
		String run = build.stream().filter(i -> i.startsWith("RUN ") && i.contains("./mvnw")).findFirst().orElseThrow();
		Matcher maven = MAVEN.matcher(run);
		assertThat(maven.find()).as("the Maven command of %s", dockerfile).isTrue();
		List<String> command = new ArrayList<>(List.of(maven.group(1).trim().split("\\s+")));
		command.add(1, "-o");
		command.add(2, "-q");

		ProcessBuilder builder = new ProcessBuilder(command).directory(context.toFile())
			.redirectErrorStream(true)
			.redirectOutput(context.resolve("maven.log").toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		// An image build has no docker client, whatever this machine has: anything in the
		// build
		// that judges the machine (Spring AOT's processing refreshes the application's
		// context)
		// must not depend on one.
		builder.environment().put("ALLOCATION_CLI_DOCKER_EXECUTABLE", "/nonexistent/docker");
		Process process = builder.start();
		process.getOutputStream().close();
		boolean finished = process.waitFor(15, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		String log = Files.readString(context.resolve("maven.log"));
		assertThat(finished).as("%s: Maven finished", dockerfile).isTrue();
		assertThat(process.exitValue())
			.as("%s: %s in the context its COPY lines make\n%s", dockerfile, command, tail(log))
			.isZero();

		Matcher jarCopy = JAR_COPY.matcher(run);
		assertThat(jarCopy.find()).as("the jar %s copies", dockerfile).isTrue();
		Path jar = single(context, jarCopy.group(1));
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			assertThat(zip.stream().map(e -> e.getName())).as("%s: the production jar holds no stand-ins", dockerfile)
				.noneMatch(name -> name.contains("allocation-standins") || name.contains("/standins/"))
				.anyMatch(name -> name.matches("BOOT-INF/lib/allocation-common-.*\\.jar"));
		}

		// The layers stage: the runtime stage copies these four directories.
		Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers",
				"--destination", context.resolve("extracted").toString())
			.redirectErrorStream(true)
			.redirectOutput(context.resolve("extract.log").toFile())
			.start();
		assertThat(extract.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(extract.exitValue()).as(Files.readString(context.resolve("extract.log"))).isZero();
		for (String layer : LAYERS) {
			assertThat(context.resolve("extracted").resolve(layer)).isDirectory();
		}
		try (Stream<Path> app = Files.list(context.resolve("extracted/application"))) {
			assertThat(app).anyMatch(p -> p.getFileName().toString().equals(jar.getFileName().toString()));
		}
	}

	/**
	 * The instructions of the first stage, with line continuations joined and comments
	 * dropped.
	 */
	private static List<String> buildStage(List<String> lines) {
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : lines) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
			}
			else {
				instructions.add(current.append(trimmed).toString().strip());
				current.setLength(0);
			}
		}
		List<String> stage = new ArrayList<>();
		boolean inFirstStage = false;
		for (String instruction : instructions) {
			if (instruction.startsWith("FROM ")) {
				if (inFirstStage) {
					break;
				}
				inFirstStage = true;
			}
			else if (inFirstStage) {
				stage.add(instruction);
			}
		}
		return stage;
	}

	private static List<PathMatcher> dockerignore() throws IOException {
		List<PathMatcher> matchers = new ArrayList<>();
		for (String line : Files.readAllLines(ROOT.resolve(".dockerignore"))) {
			String pattern = line.strip();
			if (pattern.isEmpty() || pattern.startsWith("#")) {
				continue;
			}
			pattern = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
			matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
			if (pattern.startsWith("**/")) {
				matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3)));
			}
		}
		return matchers;
	}

	private static void copy(Path source, Path target, List<PathMatcher> ignored) throws IOException {
		assertThat(source).as("COPY source").exists();
		try (Stream<Path> tree = Files.walk(source)) {
			for (Path path : tree.toList()) {
				Path relative = ROOT.relativize(path);
				if (isIgnored(relative, ignored)) {
					continue;
				}
				Path destination = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(destination);
				}
				else {
					Files.createDirectories(destination.getParent());
					Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES,
							StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	/**
	 * Ignored when the path or one of its parents matches, as Docker does for
	 * directories.
	 */
	private static boolean isIgnored(Path relative, List<PathMatcher> ignored) {
		for (Path p = relative; p != null; p = p.getParent()) {
			Path candidate = p;
			if (ignored.stream().anyMatch(m -> m.matches(candidate))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A directory's contents go into the destination directory; a file keeps its name
	 * there.
	 */
	private static String fileName(String source) {
		return Files.isDirectory(ROOT.resolve(source)) ? "" : Path.of(source).getFileName().toString();
	}

	private static Path single(Path context, String glob) throws IOException {
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
		try (Stream<Path> files = Files.walk(context)) {
			List<Path> found = files.filter(p -> matcher.matches(context.relativize(p))).toList();
			assertThat(found).as(glob).hasSize(1);
			return found.getFirst();
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String tail(String log) {
		return log.length() <= 4000 ? log : log.substring(log.length() - 4000);
	}

}
