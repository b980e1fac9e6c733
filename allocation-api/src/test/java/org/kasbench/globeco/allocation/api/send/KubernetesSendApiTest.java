package org.kasbench.globeco.allocation.api.send;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kasbench.globeco.allocation.api.ApiTestSupport;
import org.kasbench.globeco.allocation.send.job.ExecutionSender;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.kasbench.globeco.allocation.testsupport.MockKubernetesApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API handing sends to a Kubernetes Job of the send worker, against fabric8's mock
 * API server (CRUD mode). The test plays the cluster: it runs the worker's job for the
 * batch named in the Job's environment and then reports the Job Complete. One server for
 * the class (the context's client is bound to it), emptied before each test.
 */
@TestPropertySource(properties = { "allocation.send.launcher=kubernetes", "allocation.send.worker.namespace=globeco",
		"allocation.send.worker.timeout=30s" })
class KubernetesSendApiTest extends ApiTestSupport {

	@RegisterExtension
	static final MockKubernetesApi API = MockKubernetesApi.start();

	static final KubernetesClient client = API.client();

	@TestConfiguration
	static class MockCluster {

		@Bean(destroyMethod = "")
		@Primary
		KubernetesClient mockKubernetesClient() {
			return client;
		}

	}

	@Autowired
	ExecutionSender sender;

	@Test
	void withoutWaitingTheApiAnswers202WithTheBatchLocation() {
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]");

		HttpResponse<String> started = post("/api/v1/executions/send?wait=false", null, null);

		assertThat(started.statusCode()).isEqualTo(202);
		JsonNode body = json(started);
		int batchId = body.get("batchId").asInt();
		assertThat(body.get("status").asString()).isEqualTo("STARTED");
		assertThat(started.headers().firstValue("Location")).contains("/api/v1/batches/" + batchId);
		Job job = awaitJob("allocation-send-" + batchId + "-1");
		assertThat(job.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
			.isEqualTo("kasbench/globeco-allocation-send-job:latest");
		assertThat(job.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnvFrom())
			.extracting(e -> e.getConfigMapRef() != null ? e.getConfigMapRef().getName() : e.getSecretRef().getName())
			.containsExactly("globeco-allocation-service-config", "globeco-allocation-service-secret");
		// The worker is a JVM running the whole send: its own resources, not the CLI
		// Jobs' (100m / 128Mi).
		var resources = job.getSpec().getTemplate().getSpec().getContainers().getFirst().getResources();
		assertThat(resources.getRequests()).containsEntry("cpu", new Quantity("250m"))
			.containsEntry("memory", new Quantity("512Mi"));
		assertThat(resources.getLimits()).containsEntry("cpu", new Quantity("1"))
			.containsEntry("memory", new Quantity("1Gi"));

		playWorker(job);

		assertThat(json(get("/api/v1/batches/" + batchId)).get("status").asString()).isEqualTo("COMPLETED");
	}

	@Test
	void waitingTheApiAnswersWhenTheWorkerJobHasFinished() {
		postJson("/api/v1/executions", "[" + confirmation(Executions.uniqueId()) + "]");

		CompletableFuture<HttpResponse<String>> send = CompletableFuture
			.supplyAsync(() -> postJson("/api/v1/executions/send", "{}"));
		Job job = await().atMost(Duration.ofSeconds(20))
			.until(() -> client.batch()
				.v1()
				.jobs()
				.inNamespace("globeco")
				.list()
				.getItems()
				.stream()
				.filter(j -> j.getStatus() == null)
				.findFirst()
				.orElse(null), Objects::nonNull);
		playWorker(job);

		HttpResponse<String> response = send.join();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("status").asString()).isEqualTo("COMPLETED");
	}

	private void playWorker(Job job) {
		List<EnvVar> env = job.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
		int batchId = Integer.parseInt(env.stream()
			.filter(e -> e.getName().equals("ALLOCATION_SEND_BATCHID"))
			.findFirst()
			.orElseThrow()
			.getValue());
		sender.runHandedOff(batchId);
		job.setStatus(new JobStatusBuilder()
			.withConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build())
			.build());
		client.batch().v1().jobs().inNamespace("globeco").resource(job).updateStatus();
	}

	private static Job awaitJob(String name) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> client.batch().v1().jobs().inNamespace("globeco").withName(name).get(), Objects::nonNull);
	}

}
