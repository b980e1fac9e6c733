package org.kasbench.globeco.allocation.send.kubernetes;

import org.kasbench.globeco.allocation.send.cli.CliOutput;
import org.kasbench.globeco.allocation.send.cli.CliProperties;
import org.kasbench.globeco.allocation.send.cli.CliSummary;

import io.fabric8.kubernetes.api.model.ConfigMapEnvSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretEnvSourceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The batch/v1 Jobs this service runs (the CLI, and the send worker when the API hands a
 * send to the cluster): built with the shared files claim, resource bounds and a non-root
 * security context, created with retries on transient API errors, and awaited through a
 * watch with a deadline.
 */
public final class KubernetesJobs {

	private static final Logger log = LoggerFactory.getLogger(KubernetesJobs.class);

	public static final String APP_LABEL = "app.kubernetes.io/part-of";

	public static final String COMPONENT_LABEL = "app.kubernetes.io/component";

	public static final String BATCH_LABEL = "globeco.kasbench.org/batch-id";

	private static final String FILES_VOLUME = "shared-files";

	private final KubernetesClient client;

	private final CliProperties.Kubernetes settings;

	private final String namespace;

	private final Retry retry;

	public KubernetesJobs(KubernetesClient client, CliProperties.Kubernetes settings) {
		this.client = client;
		this.settings = settings;
		this.namespace = settings.namespace() != null && !settings.namespace().isBlank() ? settings.namespace()
				: client.getNamespace();
		this.retry = Retry.of("kubernetes-api",
				RetryConfig.custom()
					.maxAttempts(Math.max(1, settings.apiRetries()))
					.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5))
					.retryOnException(KubernetesJobs::isTransient)
					.build());
	}

	/**
	 * What a Job should run. {@code configMapVolume} is mounted read-only when not blank;
	 * blanks are left out.
	 */
	public record Spec(String name, String component, int batchId, String image, List<String> args,
			Map<String, String> env, String envFromConfigMap, String envFromSecret, String configMapVolume,
			String serviceAccount, Duration activeDeadline, Container container) {

		/** A Job with the CLI's pull policy and resources. */
		public Spec(String name, String component, int batchId, String image, List<String> args,
				Map<String, String> env, String envFromConfigMap, String envFromSecret, String configMapVolume,
				String serviceAccount, Duration activeDeadline) {
			this(name, component, batchId, image, args, env, envFromConfigMap, envFromSecret, configMapVolume,
					serviceAccount, activeDeadline, null);
		}
	}

	/**
	 * Pull policy and resources of a Job's container; null in a {@link Spec} means the
	 * CLI's settings.
	 */
	public record Container(String imagePullPolicy, String cpuRequest, String memoryRequest, String cpuLimit,
			String memoryLimit) {
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

	public Job create(Spec spec) {
		Job job = build(spec);
		return Retry.decorateSupplier(retry, () -> {
			try {
				return client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
			}
			catch (KubernetesClientException e) {
				if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
					log.info("Job {} already exists (a rerun after a restart); awaiting it", spec.name());
					return client.batch().v1().jobs().inNamespace(namespace).withName(spec.name()).get();
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

	private Job build(Spec spec) {
		Container container = spec.container() != null ? spec.container() : new Container(settings.imagePullPolicy(),
				settings.cpuRequest(), settings.memoryRequest(), settings.cpuLimit(), settings.memoryLimit());
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(APP_LABEL, "globeco-allocation-service");
		labels.put(COMPONENT_LABEL, spec.component());
		labels.put(BATCH_LABEL, Integer.toString(spec.batchId()));

		List<EnvVar> env = spec.env()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map(e -> new EnvVar(e.getKey(), e.getValue(), null))
			.toList();
		List<EnvFromSource> envFrom = new ArrayList<>();
		if (notBlank(spec.envFromConfigMap())) {
			envFrom.add(new EnvFromSourceBuilder()
				.withConfigMapRef(
						new ConfigMapEnvSourceBuilder().withName(spec.envFromConfigMap()).withOptional(true).build())
				.build());
		}
		if (notBlank(spec.envFromSecret())) {
			envFrom.add(new EnvFromSourceBuilder()
				.withSecretRef(new SecretEnvSourceBuilder().withName(spec.envFromSecret()).withOptional(true).build())
				.build());
		}
		List<Volume> volumes = new ArrayList<>(List.of(new VolumeBuilder().withName(FILES_VOLUME)
			.withNewPersistentVolumeClaim()
			.withClaimName(settings.pvcName())
			.endPersistentVolumeClaim()
			.build()));
		List<VolumeMount> mounts = new ArrayList<>(
				List.of(new VolumeMountBuilder().withName(FILES_VOLUME).withMountPath(settings.mountPath()).build()));
		if (notBlank(spec.configMapVolume())) {
			volumes.add(new VolumeBuilder().withName("cli-config")
				.withNewConfigMap()
				.withName(spec.configMapVolume())
				.endConfigMap()
				.build());
			mounts.add(new VolumeMountBuilder().withName("cli-config")
				.withMountPath(settings.configMountPath())
				.withReadOnly(true)
				.build());
		}
		volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
		mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());

		return new JobBuilder().withNewMetadata()
			.withName(spec.name())
			.withNamespace(namespace)
			.withLabels(labels)
			.endMetadata()
			.withNewSpec()
			.withBackoffLimit(settings.backoffLimit())
			.withActiveDeadlineSeconds(spec.activeDeadline().toSeconds())
			.withTtlSecondsAfterFinished((int) settings.ttlAfterFinished().toSeconds())
			.withNewTemplate()
			.withNewMetadata()
			.withLabels(labels)
			.endMetadata()
			.withNewSpec()
			.withRestartPolicy("Never")
			.withServiceAccountName(notBlank(spec.serviceAccount()) ? spec.serviceAccount() : null)
			.withNewSecurityContext()
			.withRunAsNonRoot(true)
			.withRunAsUser(settings.runAsUser())
			.withRunAsGroup(settings.runAsUser())
			.withFsGroup(settings.runAsUser())
			.endSecurityContext()
			.addNewContainer()
			.withName(spec.component())
			.withImage(spec.image())
			.withImagePullPolicy(container.imagePullPolicy())
			.withArgs(spec.args())
			.withEnv(env)
			.withEnvFrom(envFrom)
			.withVolumeMounts(mounts)
			.withNewResources()
			.addToRequests("cpu", new Quantity(container.cpuRequest()))
			.addToRequests("memory", new Quantity(container.memoryRequest()))
			.addToLimits("cpu", new Quantity(container.cpuLimit()))
			.addToLimits("memory", new Quantity(container.memoryLimit()))
			.endResources()
			.withNewSecurityContext()
			.withAllowPrivilegeEscalation(false)
			.withReadOnlyRootFilesystem(true)
			.withNewCapabilities()
			.addToDrop("ALL")
			.endCapabilities()
			.endSecurityContext()
			.endContainer()
			.withVolumes(volumes)
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
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
