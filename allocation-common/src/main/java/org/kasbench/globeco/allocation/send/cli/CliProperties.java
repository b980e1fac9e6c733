package org.kasbench.globeco.allocation.send.cli;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
public record CliProperties(@DefaultValue("docker") Mode mode, String command, @DefaultValue("10m") Duration timeout,
		@DefaultValue Docker docker, @DefaultValue Kubernetes kubernetes) {

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
			@DefaultValue("0") int backoffLimit, @DefaultValue("1h") Duration ttlAfterFinished,
			@DefaultValue("100m") String cpuRequest, @DefaultValue("128Mi") String memoryRequest,
			@DefaultValue("1") String cpuLimit, @DefaultValue("512Mi") String memoryLimit,
			@DefaultValue("10001") long runAsUser, @DefaultValue("5") int apiRetries) {
	}
}
