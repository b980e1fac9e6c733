package org.kasbench.globeco.allocation.send.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.send.cli.CliInvocation;
import org.kasbench.globeco.allocation.send.cli.CliProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The CLI's Job as {@link KubernetesCli#job} builds it, without a cluster. */
class CliJobTest {

	private static final CliProperties.Kubernetes SETTINGS = new CliProperties.Kubernetes("ignored-here", "cli:1.0.0",
			"IfNotPresent", "files-claim", "/srv/files/", "cli-config", "/etc/globeco-cli", "config.yaml",
			"globeco-allocation-cli", Map.of("globeco.pa.server.port", "8087", "GLOBECO_PA_SERVER_HOST", "pa"), 2,
			Duration.ofMinutes(90), "100m", "128Mi", "1", "512Mi", 10001, 3);

	private static final CliInvocation INVOCATION = new CliInvocation(7,
			Path.of("/srv/files/allocation-batch-000007-11.csv"), 11, Duration.ofMinutes(10));

	@Test
	void theJobRunsTheCliOnTheBatchFileWithItsConfigAndEnvironment() {
		Job job = KubernetesCli.job(SETTINGS, "globeco", INVOCATION);

		assertThat(job.getMetadata().getName()).isEqualTo("allocation-cli-7-11");
		assertThat(job.getMetadata().getNamespace()).isEqualTo("globeco");
		Container container = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
		assertThat(container.getName()).isEqualTo("portfolio-accounting-cli");
		assertThat(container.getImage()).isEqualTo("cli:1.0.0");
		assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
		assertThat(container.getCommand()).as("the image's entry point").isEmpty();
		assertThat(container.getArgs()).containsExactly("--config", "/etc/globeco-cli/config.yaml", "process", "--file",
				"/srv/files/allocation-batch-000007-11.csv", "--output-dir", "/srv/files");
		assertThat(container.getEnv()).containsExactly(new EnvVar("GLOBECO_PA_SERVER_HOST", "pa", null),
				new EnvVar("GLOBECO_PA_SERVER_PORT", "8087", null));
		assertThat(container.getEnvFrom()).isEmpty();
		assertThat(container.getResources().getRequests())
			.isEqualTo(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")));
		assertThat(container.getResources().getLimits())
			.isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("512Mi")));
	}

	@Test
	void theClaimTheConfigMapAndATmpAreMounted() {
		PodSpec pod = KubernetesCli.job(SETTINGS, "globeco", INVOCATION).getSpec().getTemplate().getSpec();

		assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("shared-files", "cli-config", "tmp");
		assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("files-claim");
		assertThat(pod.getVolumes().get(1).getConfigMap().getName()).isEqualTo("cli-config");
		assertThat(pod.getVolumes().get(2).getEmptyDir()).isNotNull();
		assertThat(pod.getContainers().getFirst().getVolumeMounts())
			.extracting(VolumeMount::getName, VolumeMount::getMountPath, VolumeMount::getReadOnly)
			.containsExactly(tuple("shared-files", "/srv/files/", null), tuple("cli-config", "/etc/globeco-cli", true),
					tuple("tmp", "/tmp", null));
	}

	@Test
	void withoutAConfigMapThereIsNoConfigVolumeAndNoConfigArgument() {
		CliProperties.Kubernetes noConfig = new CliProperties.Kubernetes(null, "cli:1.0.0", "Never", "files-claim",
				"/srv/files", "", "/etc/globeco-cli", "config.yaml", "", Map.of(), 0, Duration.ofHours(1), "100m",
				"128Mi", "1", "512Mi", 10001, 3);

		Job job = KubernetesCli.job(noConfig, "globeco", INVOCATION);

		PodSpec pod = job.getSpec().getTemplate().getSpec();
		assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("shared-files", "tmp");
		assertThat(pod.getContainers().getFirst().getArgs()).containsExactly("process", "--file",
				"/srv/files/allocation-batch-000007-11.csv", "--output-dir", "/srv/files");
		assertThat(pod.getContainers().getFirst().getImagePullPolicy()).isEqualTo("Never");
		assertThat(pod.getServiceAccountName()).as("the namespace's default").isNull();
	}

	@Test
	void theJobIsBoundedAndLabelledAndItsPodRunsNonRootOnAReadOnlyRoot() {
		Job job = KubernetesCli.job(SETTINGS, "globeco", INVOCATION);

		Map<String, String> labels = Map.of(KubernetesJobs.APP_LABEL, "globeco-allocation-service",
				KubernetesJobs.COMPONENT_LABEL, "portfolio-accounting-cli", KubernetesJobs.BATCH_LABEL, "7");
		assertThat(job.getMetadata().getLabels()).isEqualTo(labels);
		assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(labels);
		assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
		assertThat(job.getSpec().getActiveDeadlineSeconds()).as("the invocation's timeout").isEqualTo(600);
		assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(5400);
		PodSpec pod = job.getSpec().getTemplate().getSpec();
		assertThat(pod.getRestartPolicy()).isEqualTo("Never");
		assertThat(pod.getServiceAccountName()).isEqualTo("globeco-allocation-cli");
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
		assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(10001L);
		assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(10001L);
		var security = pod.getContainers().getFirst().getSecurityContext();
		assertThat(security.getReadOnlyRootFilesystem()).isTrue();
		assertThat(security.getAllowPrivilegeEscalation()).isFalse();
		assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
	}

	@Test
	void theDeadlineIsNeverShorterThanTheTimeout() {
		assertThat(deadline(Duration.ofMillis(500))).as("not 0: a Job past its deadline at once").isEqualTo(1);
		assertThat(deadline(Duration.ofMillis(1500))).isEqualTo(2);
		assertThat(deadline(Duration.ofSeconds(30))).isEqualTo(30);
	}

	private static long deadline(Duration timeout) {
		CliInvocation invocation = new CliInvocation(7, INVOCATION.file(), 1, timeout);
		return KubernetesCli.job(SETTINGS, "globeco", invocation).getSpec().getActiveDeadlineSeconds();
	}

}
