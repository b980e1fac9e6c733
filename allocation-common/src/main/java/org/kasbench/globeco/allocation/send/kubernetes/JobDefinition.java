package org.kasbench.globeco.allocation.send.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapEnvSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretEnvSourceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch/v1 Job this service runs (the CLI, or the send worker), as values;
 * {@link #toJob()} builds the Kubernetes object without a client. Every Job gets the
 * shared files claim, an {@code emptyDir} at {@code /tmp}, a non-root security context
 * and a read-only root filesystem. A blank config map, secret or service account is left
 * out.
 *
 * @param name the Job's name ({@link KubernetesJobs#jobName})
 * @param namespace where the Job is created
 * @param component the {@code app.kubernetes.io/component} label and the container's name
 * @param batchId the batch the Job works on (a label)
 * @param image the container's image
 * @param imagePullPolicy the container's pull policy
 * @param args the container's arguments (its image's entry point runs them)
 * @param env the container's environment, set in name order
 * @param envFromConfigMap a config map whose entries become environment (optional)
 * @param envFromSecret a secret whose entries become environment (optional)
 * @param files the shared files claim and where the container sees it
 * @param configMap a config map mounted read-only (null: none)
 * @param serviceAccount the pod's service account (blank: the namespace's default)
 * @param runAsUser the pod's uid, gid and fsGroup
 * @param resources the container's requests and limits
 * @param backoffLimit how often Kubernetes reruns a failed pod
 * @param activeDeadline how long the Job may run (in whole seconds, rounded up: never
 * shorter than the wait for it)
 * @param ttlAfterFinished how long a finished Job is kept
 */
public record JobDefinition(String name, String namespace, String component, int batchId, String image,
		String imagePullPolicy, List<String> args, Map<String, String> env, String envFromConfigMap,
		String envFromSecret, Mount files, Mount configMap, String serviceAccount, long runAsUser, Resources resources,
		int backoffLimit, Duration activeDeadline, Duration ttlAfterFinished) {

	private static final String FILES_VOLUME = "shared-files";

	private static final String CONFIG_VOLUME = "cli-config";

	private static final String TMP_VOLUME = "tmp";

	/**
	 * A claim or a config map, and where the container sees it.
	 *
	 * @param source the claim's or the config map's name
	 * @param path the mount path
	 */
	public record Mount(String source, String path) {
	}

	/** The container's CPU and memory requests and limits, as Kubernetes quantities. */
	public record Resources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
	}

	public Job toJob() {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(KubernetesJobs.APP_LABEL, "globeco-allocation-service");
		labels.put(KubernetesJobs.COMPONENT_LABEL, component);
		labels.put(KubernetesJobs.BATCH_LABEL, Integer.toString(batchId));
		return new JobBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(namespace)
			.withLabels(labels)
			.endMetadata()
			.withNewSpec()
			.withBackoffLimit(backoffLimit)
			.withActiveDeadlineSeconds(Math.max(1, activeDeadline.plusNanos(999_999_999).toSeconds()))
			.withTtlSecondsAfterFinished((int) ttlAfterFinished.toSeconds())
			.withNewTemplate()
			.withNewMetadata()
			.withLabels(labels)
			.endMetadata()
			.withNewSpec()
			.withRestartPolicy("Never")
			.withServiceAccountName(notBlank(serviceAccount) ? serviceAccount : null)
			.withNewSecurityContext()
			.withRunAsNonRoot(true)
			.withRunAsUser(runAsUser)
			.withRunAsGroup(runAsUser)
			.withFsGroup(runAsUser)
			.endSecurityContext()
			.addNewContainer()
			.withName(component)
			.withImage(image)
			.withImagePullPolicy(imagePullPolicy)
			.withArgs(args)
			.withEnv(env.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey())
				.map(e -> new EnvVar(e.getKey(), e.getValue(), null))
				.toList())
			.withEnvFrom(envFrom())
			.withVolumeMounts(volumeMounts())
			.withNewResources()
			.addToRequests("cpu", new Quantity(resources.cpuRequest()))
			.addToRequests("memory", new Quantity(resources.memoryRequest()))
			.addToLimits("cpu", new Quantity(resources.cpuLimit()))
			.addToLimits("memory", new Quantity(resources.memoryLimit()))
			.endResources()
			.withNewSecurityContext()
			.withAllowPrivilegeEscalation(false)
			.withReadOnlyRootFilesystem(true)
			.withNewCapabilities()
			.addToDrop("ALL")
			.endCapabilities()
			.endSecurityContext()
			.endContainer()
			.withVolumes(volumes())
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
	}

	private List<EnvFromSource> envFrom() {
		List<EnvFromSource> envFrom = new ArrayList<>();
		if (notBlank(envFromConfigMap)) {
			envFrom.add(new EnvFromSourceBuilder()
				.withConfigMapRef(new ConfigMapEnvSourceBuilder().withName(envFromConfigMap).withOptional(true).build())
				.build());
		}
		if (notBlank(envFromSecret)) {
			envFrom.add(new EnvFromSourceBuilder()
				.withSecretRef(new SecretEnvSourceBuilder().withName(envFromSecret).withOptional(true).build())
				.build());
		}
		return envFrom;
	}

	private List<Volume> volumes() {
		List<Volume> volumes = new ArrayList<>();
		volumes.add(new VolumeBuilder().withName(FILES_VOLUME)
			.withNewPersistentVolumeClaim()
			.withClaimName(files.source())
			.endPersistentVolumeClaim()
			.build());
		if (hasConfigMap()) {
			volumes.add(new VolumeBuilder().withName(CONFIG_VOLUME)
				.withNewConfigMap()
				.withName(configMap.source())
				.endConfigMap()
				.build());
		}
		volumes.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
		return volumes;
	}

	private List<VolumeMount> volumeMounts() {
		List<VolumeMount> mounts = new ArrayList<>();
		mounts.add(new VolumeMountBuilder().withName(FILES_VOLUME).withMountPath(files.path()).build());
		if (hasConfigMap()) {
			mounts.add(new VolumeMountBuilder().withName(CONFIG_VOLUME)
				.withMountPath(configMap.path())
				.withReadOnly(true)
				.build());
		}
		mounts.add(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build());
		return mounts;
	}

	private boolean hasConfigMap() {
		return configMap != null && notBlank(configMap.source());
	}

	private static boolean notBlank(String s) {
		return s != null && !s.isBlank();
	}

}
