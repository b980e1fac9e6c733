package org.kasbench.globeco.allocation.send.kubernetes;

import org.kasbench.globeco.allocation.send.cli.CliOutput;
import org.kasbench.globeco.allocation.send.cli.CliSummary;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The Kubernetes API calls for the batch/v1 Jobs this service runs (the CLI, and the send
 * worker when the API hands a send to the cluster; {@link JobDefinition} builds them):
 * created with retries on transient API errors, awaited through a watch with a deadline,
 * their pod's log read, an earlier attempt's unfinished Job deleted.
 */
public final class KubernetesJobs {

	private static final Logger log = LoggerFactory.getLogger(KubernetesJobs.class);

	public static final String APP_LABEL = "app.kubernetes.io/part-of";

	public static final String COMPONENT_LABEL = "app.kubernetes.io/component";

	public static final String BATCH_LABEL = "globeco.kasbench.org/batch-id";

	private final KubernetesClient client;

	private final String namespace;

	private final Retry retry;

	/**
	 * Jobs in {@code namespace}, or when it is blank in the client's (the pod's own);
	 * {@code apiRetries} attempts on transient API errors.
	 */
	public KubernetesJobs(KubernetesClient client, String namespace, int apiRetries) {
		this.client = client;
		this.namespace = notBlank(namespace) ? namespace : client.getNamespace();
		this.retry = Retry.of("kubernetes-api",
				RetryConfig.custom()
					.maxAttempts(apiRetries)
					.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5))
					.retryOnException(KubernetesJobs::isTransient)
					.build());
	}

	/**
	 * How a Job ended: succeeded, failed (with the pod's last log lines) or still running
	 * at the deadline, and the processing summary its pod's whole log printed.
	 */
	public record Outcome(boolean succeeded, boolean timedOut, String detail, CliSummary.Printed summary) {
	}

	/** A DNS-1123 name of at most 63 characters. */
	public static String jobName(String prefix, int batchId, long attempt) {
		String name = (prefix + "-" + batchId + "-" + attempt).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
		return name.length() <= 63 ? name : name.substring(name.length() - 63).replaceAll("^-+", "");
	}

	public String namespace() {
		return namespace;
	}

	public Job create(Job job) {
		String name = job.getMetadata().getName();
		return Retry.decorateSupplier(retry, () -> {
			try {
				return client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
			}
			catch (KubernetesClientException e) {
				if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
					log.info("Job {} already exists (a rerun after a restart); awaiting it", name);
					return client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
				}
				throw e;
			}
		}).get();
	}

	/**
	 * Deletes the Jobs of a component for this batch that have not finished: an earlier
	 * attempt's, whose process died while waiting for it. So two runs of the CLI for one
	 * batch never overlap.
	 */
	public List<String> deleteUnfinished(String component, int batchId) {
		List<Job> unfinished = Retry
			.decorateSupplier(retry,
					() -> client.batch()
						.v1()
						.jobs()
						.inNamespace(namespace)
						.withLabel(COMPONENT_LABEL, component)
						.withLabel(BATCH_LABEL, Integer.toString(batchId))
						.list()
						.getItems()
						.stream()
						.filter(j -> !isComplete(j) && !isFailed(j))
						.toList())
			.get();
		for (Job job : unfinished) {
			log.info("Deleting Job {}, left unfinished by an earlier attempt of batch {}", job.getMetadata().getName(),
					batchId);
			Retry
				.decorateRunnable(retry,
						() -> client.batch()
							.v1()
							.jobs()
							.inNamespace(namespace)
							.withName(job.getMetadata().getName())
							.withPropagationPolicy(DeletionPropagation.BACKGROUND)
							.delete())
				.run();
		}
		return unfinished.stream().map(j -> j.getMetadata().getName()).toList();
	}

	public Outcome await(String name, Duration timeout) {
		Job finished;
		try {
			finished = client.batch()
				.v1()
				.jobs()
				.inNamespace(namespace)
				.withName(name)
				.waitUntilCondition(j -> j == null || isComplete(j) || isFailed(j), timeout.toMillis(),
						TimeUnit.MILLISECONDS);
		}
		catch (KubernetesClientTimeoutException e) {
			CliOutput output = podOutput(name);
			return new Outcome(false, true, "Job " + name + " did not finish within " + timeout + "\n" + output.tail(),
					output.summary());
		}
		if (finished == null) {
			return new Outcome(false, false, "Job " + name + " was deleted before it finished",
					CliSummary.Printed.none());
		}
		CliOutput output = podOutput(name);
		if (isComplete(finished)) {
			return new Outcome(true, false, output.tail(), output.summary());
		}
		return new Outcome(false, false, failureReason(finished) + "\n" + output.tail(), output.summary());
	}

	/**
	 * The whole log of the Job's latest pod, streamed (the summary may stand anywhere in
	 * it).
	 */
	private CliOutput podOutput(String jobName) {
		CliOutput output = new CliOutput();
		try {
			List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", jobName).list().getItems();
			pods.stream()
				.max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? ""
						: p.getMetadata().getCreationTimestamp()))
				.ifPresent(p -> output
					.readAll(client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).getLogReader()));
		}
		catch (KubernetesClientException e) {
			log.warn("Cannot read the logs of Job {}: {}", jobName, e.getMessage());
		}
		return output;
	}

	private static String failureReason(Job job) {
		return conditions(job).stream()
			.filter(c -> "Failed".equals(c.getType()))
			.map(c -> "Job failed: " + c.getReason() + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")"))
			.findFirst()
			.orElse("Job failed");
	}

	static boolean isComplete(Job job) {
		return conditions(job).stream().anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
	}

	static boolean isFailed(Job job) {
		return conditions(job).stream().anyMatch(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()));
	}

	private static List<JobCondition> conditions(Job job) {
		return job.getStatus() == null || job.getStatus().getConditions() == null ? List.of()
				: job.getStatus().getConditions();
	}

	static boolean isTransient(Throwable e) {
		return e instanceof KubernetesClientException k
				&& (k.getCode() == 0 || k.getCode() == 429 || k.getCode() >= 500);
	}

	private static boolean notBlank(String s) {
		return s != null && !s.isBlank();
	}

}
