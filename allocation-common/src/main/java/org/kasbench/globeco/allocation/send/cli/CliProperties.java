package org.kasbench.globeco.allocation.send.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.kasbench.globeco.allocation.settings.KubernetesNamespace;
import org.kasbench.globeco.allocation.settings.SettingViolations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.springframework.validation.annotation.Validated;

import java.io.File;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the Portfolio Accounting CLI is invoked ({@code allocation.cli.*}).
 *
 * @param mode {@code docker}, {@code kubernetes} or {@code exec}
 * @param command exec mode: the command line, with {@code {file}} and {@code {dir}};
 * split on whitespace and run without a shell
 * @param timeout a CLI run (or CLI Job) taking longer fails the batch (504)
 * @param docker docker mode (development)
 * @param kubernetes kubernetes mode (production): a {@code batch/v1} Job per run
 */
@ConfigurationProperties("allocation.cli")
@Validated
@CliProperties.ModeRequirements
public record CliProperties(@DefaultValue("docker") Mode mode, String command,
		@DefaultValue("10m") @DurationMin(millis = 1) Duration timeout, @DefaultValue Docker docker,
		@DefaultValue @Valid Kubernetes kubernetes) {

	public enum Mode {

		DOCKER, KUBERNETES, EXEC;

		public String label() {
			return name().toLowerCase();
		}

	}

	/**
	 * Docker mode: {@code docker run --rm} of the CLI image with the files directory
	 * mounted.
	 *
	 * @param executable the docker client
	 * @param image the CLI image
	 * @param hostDir the files directory as the Docker host sees it (default:
	 * {@code allocation.files.dir})
	 * @param mountPath where the container sees it
	 * @param network {@code --network} (empty: none given)
	 * @param env {@code -e NAME=value} of the container, e.g.
	 * {@code GLOBECO_PA_SERVER_HOST} (names are upper-cased, dots and dashes become
	 * underscores)
	 * @param extraArgs more {@code docker run} options, comma-separated
	 */
	public record Docker(@DefaultValue("docker") String executable,
			@DefaultValue("kasbench/globeco-portfolio-accounting-service-cli:latest") String image, Path hostDir,
			@DefaultValue("/data") String mountPath, @DefaultValue("host") String network,
			@DefaultValue Map<String, String> env, @DefaultValue List<String> extraArgs) {
	}

	/**
	 * Kubernetes mode: the CLI Job's pod spec.
	 *
	 * @param namespace where Jobs are created (default: the pod's namespace)
	 * @param image the CLI image
	 * @param imagePullPolicy pull policy of the CLI Jobs
	 * @param pvcName the shared ReadWriteMany claim of the files directory
	 * @param mountPath where Jobs mount it (the same as {@code allocation.files.dir} in
	 * the pods)
	 * @param configMap the CLI's config map, mounted and passed as {@code --config}
	 * (empty: none)
	 * @param configMountPath where the config map is mounted
	 * @param configFile the config map's key
	 * @param serviceAccount service account of the Jobs' pods (empty: the namespace's
	 * default)
	 * @param env environment of the CLI container, e.g. {@code GLOBECO_PA_SERVER_HOST}
	 * @param backoffLimit Job retries (the batch retry is ours)
	 * @param ttlAfterFinished how long a finished Job is kept
	 * @param cpuRequest CPU request of the CLI container
	 * @param memoryRequest memory request of the CLI container
	 * @param cpuLimit CPU limit of the CLI container
	 * @param memoryLimit memory limit of the CLI container
	 * @param runAsUser non-root uid (and group, fsGroup) of the Jobs' pods
	 * @param apiRetries attempts on transient Kubernetes API errors
	 */
	public record Kubernetes(String namespace,
			@DefaultValue("kasbench/globeco-portfolio-accounting-service-cli:latest") String image,
			@DefaultValue("IfNotPresent") String imagePullPolicy,
			@DefaultValue("globeco-allocation-files") String pvcName,
			@DefaultValue("/usr/local/share/files") String mountPath, @DefaultValue("") String configMap,
			@DefaultValue("/etc/globeco-cli") String configMountPath, @DefaultValue("config.yaml") String configFile,
			@DefaultValue("") String serviceAccount, @DefaultValue Map<String, String> env,
			@DefaultValue("0") @PositiveOrZero int backoffLimit,
			@DefaultValue("1h") @DurationMin(millis = 0) Duration ttlAfterFinished,
			@DefaultValue("100m") String cpuRequest, @DefaultValue("128Mi") String memoryRequest,
			@DefaultValue("1") String cpuLimit, @DefaultValue("512Mi") String memoryLimit,
			@DefaultValue("10001") @Positive long runAsUser, @DefaultValue("5") @Positive int apiRetries) {
	}

	/**
	 * What the chosen mode needs: exec, a command whose program exists; docker, a docker
	 * client that exists and an image; kubernetes, an image, a claim and a namespace
	 * (set, or the pod's own). A program exists when it names an executable file, or is
	 * one on the {@code PATH} (as the process that runs it would find it).
	 */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@Constraint(validatedBy = ModeRequirementsValidator.class)
	public @interface ModeRequirements {

		String message() default "the CLI mode lacks what it needs";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

	}

	static final class ModeRequirementsValidator implements ConstraintValidator<ModeRequirements, CliProperties> {

		private final Environment environment;

		private final ObjectProvider<KubernetesClient> kubernetes;

		ModeRequirementsValidator(Environment environment, ObjectProvider<KubernetesClient> kubernetes) {
			this.environment = environment;
			this.kubernetes = kubernetes;
		}

		@Override
		public boolean isValid(CliProperties cli, ConstraintValidatorContext context) {
			SettingViolations violations = new SettingViolations(context);
			switch (cli.mode()) {
				case EXEC -> {
					if (blank(cli.command())) {
						required(violations, "command", "exec");
					}
					else if (!runnable(program(cli.command()))) {
						violations.reject("command",
								"names a program '{program}' that is not an executable file or on the PATH",
								Map.of("program", program(cli.command())));
					}
				}
				case DOCKER -> {
					if (!runnable(cli.docker().executable())) {
						violations.reject("docker.executable",
								"is not an executable file or on the PATH (in Kubernetes, set allocation.cli.mode=kubernetes)");
					}
					if (blank(cli.docker().image())) {
						required(violations, "docker.image", "docker");
					}
				}
				case KUBERNETES -> {
					if (blank(cli.kubernetes().image())) {
						required(violations, "kubernetes.image", "kubernetes");
					}
					if (blank(cli.kubernetes().pvcName())) {
						required(violations, "kubernetes.pvcName", "kubernetes");
					}
					if (!KubernetesNamespace.known(cli.kubernetes().namespace(), kubernetes)) {
						violations.reject("kubernetes.namespace",
								"must be set when not running in a pod: the Jobs of allocation.cli.mode=kubernetes need a namespace");
					}
				}
			}
			return violations.none();
		}

		private static void required(SettingViolations violations, String property, String mode) {
			violations.reject(property, "must be set with allocation.cli.mode={mode}", Map.of("mode", mode));
		}

		private static String program(String command) {
			return command.trim().split("\\s+")[0];
		}

		/**
		 * An executable file when a path is given, otherwise a name found on the PATH, as
		 * ProcessBuilder would.
		 */
		private boolean runnable(String program) {
			if (blank(program)) {
				return false;
			}
			if (program.contains(File.separator)) {
				return Files.isRegularFile(Path.of(program)) && Files.isExecutable(Path.of(program));
			}
			for (String dir : environment.getProperty("PATH", "").split(File.pathSeparator)) {
				if (!dir.isEmpty()) {
					Path candidate = Path.of(dir, program);
					if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
						return true;
					}
				}
			}
			return false;
		}

		private static boolean blank(String value) {
			return value == null || value.isBlank();
		}

	}

}
