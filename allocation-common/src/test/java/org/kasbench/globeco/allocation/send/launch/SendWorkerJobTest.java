package org.kasbench.globeco.allocation.send.launch;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.kubernetes.KubernetesJobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The send-worker Job as {@link SendWorkerJob} builds it from the worker's settings,
 * without a cluster.
 */
class SendWorkerJobTest {

	private static final SendProperties.Worker WORKER = new SendProperties.Worker("send-job:1.0.0", "service-config",
			"service-secret", "globeco-allocation-service", Duration.ofMinutes(45), Duration.ofMinutes(5), "Always",
			"250m", "512Mi", "1", "1Gi", "ignored-here", "worker-files", 20002, 1, Duration.ofMinutes(30), 5);

	private final Job job = SendWorkerJob.of(WORKER, "globeco", Path.of("/srv/files"), 42);

	@Test
	void theWorkerRunsTheHandedOverBatchWithTheServicesEnvironment() {
		assertThat(job.getMetadata().getName()).isEqualTo(SendWorkerJob.name(42)).isEqualTo("allocation-send-42-1");
		assertThat(job.getMetadata().getNamespace()).isEqualTo("globeco");
		Container container = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
		assertThat(container.getName()).isEqualTo("send-worker");
		assertThat(container.getImage()).isEqualTo("send-job:1.0.0");
		assertThat(container.getImagePullPolicy()).isEqualTo("Always");
		assertThat(container.getCommand()).isEmpty();
		assertThat(container.getArgs()).isEmpty();
		assertThat(container.getEnv()).containsExactly(new EnvVar("ALLOCATION_SEND_BATCHID", "42", null));
		assertThat(container.getEnvFrom()).hasSize(2);
		assertThat(container.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo("service-config");
		assertThat(container.getEnvFrom().get(0).getConfigMapRef().getOptional()).isTrue();
		assertThat(container.getEnvFrom().get(1).getSecretRef().getName()).isEqualTo("service-secret");
		assertThat(container.getEnvFrom().get(1).getSecretRef().getOptional()).isTrue();
		assertThat(container.getResources().getRequests())
			.isEqualTo(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("512Mi")));
		assertThat(container.getResources().getLimits())
			.isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")));
	}

	@Test
	void theWorkersClaimIsMountedAtItsFilesDirectoryBesideATmp() {
		PodSpec pod = job.getSpec().getTemplate().getSpec();

		assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("shared-files", "tmp");
		assertThat(pod.getVolumes().getFirst().getPersistentVolumeClaim().getClaimName()).isEqualTo("worker-files");
		assertThat(pod.getVolumes().getLast().getEmptyDir()).isNotNull();
		assertThat(pod.getContainers().getFirst().getVolumeMounts())
			.extracting(VolumeMount::getName, VolumeMount::getMountPath)
			.containsExactly(tuple("shared-files", "/srv/files"), tuple("tmp", "/tmp"));
	}

	@Test
	void theJobIsBoundedByTheWorkersSettingsAndRunsNonRootOnAReadOnlyRoot() {
		Map<String, String> labels = Map.of(KubernetesJobs.APP_LABEL, "globeco-allocation-service",
				KubernetesJobs.COMPONENT_LABEL, "send-worker", KubernetesJobs.BATCH_LABEL, "42");
		assertThat(job.getMetadata().getLabels()).isEqualTo(labels);
		assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(labels);
		assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
		assertThat(job.getSpec().getActiveDeadlineSeconds()).as("the worker timeout").isEqualTo(2700);
		assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(1800);
		PodSpec pod = job.getSpec().getTemplate().getSpec();
		assertThat(pod.getRestartPolicy()).isEqualTo("Never");
		assertThat(pod.getServiceAccountName()).isEqualTo("globeco-allocation-service");
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(20002L);
		assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(20002L);
		assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(20002L);
		var security = pod.getContainers().getFirst().getSecurityContext();
		assertThat(security.getReadOnlyRootFilesystem()).isTrue();
		assertThat(security.getAllowPrivilegeEscalation()).isFalse();
		assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
	}

}
