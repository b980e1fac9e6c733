package org.kasbench.globeco.allocation.send.kubernetes;

import org.kasbench.globeco.allocation.send.cli.CliInvocation;
import org.kasbench.globeco.allocation.send.cli.CliRun;
import org.kasbench.globeco.allocation.send.cli.CliRuns;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kasbench.globeco.allocation.send.cli.CliProperties;
import org.kasbench.globeco.allocation.testsupport.MockKubernetesApi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kubernetes mode against fabric8's mock API server in CRUD mode; the test plays the Job
 * controller. One server for the class, emptied before each test.
 */
class KubernetesCliTest {

	@RegisterExtension
	static final MockKubernetesApi API = MockKubernetesApi.start();

	static final KubernetesClient client = API.client();

	static final CliProperties.Kubernetes SETTINGS = new CliProperties.Kubernetes("globeco",
			"kasbench/globeco-portfolio-accounting-service-cli:latest", "IfNotPresent", "globeco-allocation-files",
			"/usr/local/share/files", "globeco-portfolio-accounting-cli-config", "/etc/globeco-cli", "config.yaml",
			"globeco-allocation-cli",
			Map.of("globeco.pa.server.host", "globeco-portfolio-accounting-service", "GLOBECO_PA_SERVER_PORT", "8087"),
			0, Duration.ofHours(1), "100m", "128Mi", "1", "512Mi", 10001, 3);

	@Test
	void createsAWellFormedJobAndReportsItsCompletion() {
		KubernetesCli cli = new KubernetesCli(new KubernetesJobs(client, SETTINGS.namespace(), SETTINGS.apiRetries()),
				SETTINGS, new CliRuns());

		CompletableFuture<CliRun> run = CompletableFuture
			.supplyAsync(() -> cli.run(invocation(7, 11, Duration.ofSeconds(30))));
		Job job = awaitJob("allocation-cli-7-11");

		assertThat(job.getMetadata().getLabels()).containsEntry(KubernetesJobs.BATCH_LABEL, "7")
			.containsEntry(KubernetesJobs.COMPONENT_LABEL, "portfolio-accounting-cli");
		assertThat(job.getSpec().getBackoffLimit()).isZero();
		assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(30);
		assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(3600);
		PodSpec pod = job.getSpec().getTemplate().getSpec();
		assertThat(pod.getRestartPolicy()).isEqualTo("Never");
		assertThat(pod.getServiceAccountName()).isEqualTo("globeco-allocation-cli");
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
		assertThat(pod.getVolumes()).anySatisfy(
				v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("globeco-allocation-files"));
		assertThat(pod.getVolumes())
			.anySatisfy(v -> assertThat(v.getConfigMap() == null ? null : v.getConfigMap().getName())
				.isEqualTo("globeco-portfolio-accounting-cli-config"));
		Container container = pod.getContainers().getFirst();
		assertThat(container.getImage()).isEqualTo("kasbench/globeco-portfolio-accounting-service-cli:latest");
		assertThat(container.getArgs()).containsExactly("--config", "/etc/globeco-cli/config.yaml", "process", "--file",
				"/usr/local/share/files/allocation-batch-000007-11.csv", "--output-dir", "/usr/local/share/files");
		assertThat(container.getVolumeMounts())
			.anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/usr/local/share/files"));
		assertThat(container.getEnv()).extracting(e -> e.getName())
			.as("names as the container expects them, however Spring bound them")
			.containsExactly("GLOBECO_PA_SERVER_HOST", "GLOBECO_PA_SERVER_PORT");
		assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
		assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();

		finish(job, "Complete");

		CliRun result = run.join();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.jobName()).isEqualTo("allocation-cli-7-11");
	}

	@Test
	void aFailedJobIsAFailedRunWithTheReason() {
		KubernetesCli cli = new KubernetesCli(new KubernetesJobs(client, SETTINGS.namespace(), SETTINGS.apiRetries()),
				SETTINGS, new CliRuns());

		CompletableFuture<CliRun> run = CompletableFuture
			.supplyAsync(() -> cli.run(invocation(8, 12, Duration.ofSeconds(30))));
		finish(awaitJob("allocation-cli-8-12"), "Failed");

		CliRun result = run.join();
		assertThat(result.succeeded()).isFalse();
		assertThat(result.timedOut()).isFalse();
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.outputTail()).contains("BackoffLimitExceeded");
	}

	@Test
	void aJobThatDoesNotFinishInTimeIsATimeout() {
		KubernetesCli cli = new KubernetesCli(new KubernetesJobs(client, SETTINGS.namespace(), SETTINGS.apiRetries()),
				SETTINGS, new CliRuns());

		CliRun result = cli.run(invocation(9, 13, Duration.ofMillis(300)));

		assertThat(result.timedOut()).isTrue();
		assertThat(result.succeeded()).isFalse();
	}

	@Test
	void aJobLeftRunningByAnEarlierAttemptIsDeletedBeforeTheNextRuns() {
		KubernetesCli cli = new KubernetesCli(new KubernetesJobs(client, SETTINGS.namespace(), SETTINGS.apiRetries()),
				SETTINGS, new CliRuns());
		assertThat(cli.run(invocation(10, 1, Duration.ofMillis(300))).timedOut()).isTrue();
		assertThat(client.batch().v1().jobs().inNamespace("globeco").withName("allocation-cli-10-1").get()).isNotNull();

		CompletableFuture<CliRun> next = CompletableFuture
			.supplyAsync(() -> cli.run(invocation(10, 2, Duration.ofSeconds(30))));
		finish(awaitJob("allocation-cli-10-2"), "Complete");

		assertThat(next.join().succeeded()).isTrue();
		assertThat(client.batch().v1().jobs().inNamespace("globeco").withName("allocation-cli-10-1").get()).isNull();
	}

	@Test
	void aShutdownDeletesTheJobItAwaits() {
		CliRuns runs = new CliRuns();
		KubernetesCli cli = new KubernetesCli(new KubernetesJobs(client, SETTINGS.namespace(), SETTINGS.apiRetries()),
				SETTINGS, runs);
		CompletableFuture<CliRun> run = CompletableFuture
			.supplyAsync(() -> cli.run(invocation(11, 1, Duration.ofSeconds(30))));
		awaitJob("allocation-cli-11-1");

		runs.stopAll();

		assertThat(run.join().succeeded()).isFalse();
		assertThat(client.batch().v1().jobs().inNamespace("globeco").withName("allocation-cli-11-1").get()).isNull();
	}

	@Test
	void jobNamesAreDnsSafe() {
		assertThat(KubernetesJobs.jobName("allocation-cli", 123, 456)).isEqualTo("allocation-cli-123-456");
		assertThat(KubernetesJobs.jobName("Allocation_CLI".repeat(8), 1, 2)).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
			.hasSizeLessThanOrEqualTo(63);
	}

	private static CliInvocation invocation(int batchId, long attempt, Duration timeout) {
		return new CliInvocation(batchId,
				Path.of("/usr/local/share/files/allocation-batch-%06d-%d.csv".formatted(batchId, attempt)), attempt,
				timeout);
	}

	private static Job awaitJob(String name) {
		return await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> client.batch().v1().jobs().inNamespace("globeco").withName(name).get(),
					java.util.Objects::nonNull);
	}

	private static void finish(Job job, String condition) {
		job.setStatus(new JobStatusBuilder()
			.withConditions(new JobConditionBuilder().withType(condition)
				.withStatus("True")
				.withReason(condition.equals("Failed") ? "BackoffLimitExceeded" : null)
				.build())
			.build());
		client.batch().v1().jobs().inNamespace("globeco").resource(job).updateStatus();
	}

}
