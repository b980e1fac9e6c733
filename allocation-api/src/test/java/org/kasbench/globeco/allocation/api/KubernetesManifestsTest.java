package org.kasbench.globeco.allocation.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.api.tradeservice.TradeServiceProperties;
import org.kasbench.globeco.allocation.api.warmup.WarmUpProperties;
import org.kasbench.globeco.allocation.api.web.ApiRoutes;
import org.kasbench.globeco.allocation.send.cli.CliProperties;
import org.kasbench.globeco.allocation.send.cli.FilesProperties;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.cli.ContainerEnvironment;
import org.kasbench.globeco.allocation.send.kubernetes.KubernetesJobs;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in {@code k8s/}, as the example overlay renders them, against the code
 * they deploy and the monitoring kit: ports and probe paths, every environment setting
 * bound through Spring's relaxed binding, the shared files claim, the RBAC the Kubernetes
 * client needs, and the security settings.
 */
class KubernetesManifestsTest {

	/**
	 * Surefire runs in the module directory; the manifests are at the repository root.
	 */
	private static final Path K8S = Path.of("..", "k8s");

	private static final Path OVERLAY = K8S.resolve("overlays").resolve("example");

	private static final Path EXAMPLES = K8S.resolve("examples");

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private static final Path APPLICATION_YML = Path.of("src", "main", "resources", "application.yml");

	private static final String NAMESPACE = "globeco";

	private static final String APP = "globeco-allocation-service";

	private static final String CONFIG_MAP = "globeco-allocation-service-config";

	private static final String SECRET = "globeco-allocation-service-secret";

	private static final String CRON_JOB = "globeco-allocation-send";

	private static final Map<String, Class<?>> PROPERTIES_RECORDS = Map.of("allocation.files", FilesProperties.class,
			"allocation.cli", CliProperties.class, "allocation.send", SendProperties.class, "allocation.trade",
			TradeServiceProperties.class, "allocation.warmup", WarmUpProperties.class);

	/**
	 * Settings outside the records above that the environment may set: read by Spring
	 * Boot itself, by {@code @Value}, or by placeholders in application.yml.
	 */
	private static final Set<String> OTHER_PROPERTIES = Set.of("server.port", "spring.profiles.active",
			"spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
			"allocation.db.pool-size", "allocation.trade-date-zone", "allocation.http.max-body-size",
			"allocation.http.cors.allowed-origins", "logging.structured.format.console",
			"management.tracing.sampling.probability", "management.opentelemetry.tracing.export.otlp.endpoint");

	private record Permission(String apiGroup, String resource, String verb) {
	}

	/**
	 * The Kubernetes API calls of {@link KubernetesJobs}: create a Job (and get it on a
	 * name conflict), wait for it ({@code waitUntilCondition} lists and watches), delete
	 * an earlier attempt's unfinished Job, list its pods by label and read a pod's log.
	 * Keep in step with that class.
	 */
	private static final List<Permission> REQUIRED_PERMISSIONS = List.of(new Permission("batch", "jobs", "create"),
			new Permission("batch", "jobs", "get"), new Permission("batch", "jobs", "list"),
			new Permission("batch", "jobs", "watch"), new Permission("batch", "jobs", "delete"),
			new Permission("", "pods", "list"), new Permission("", "pods", "get"),
			new Permission("", "pods/log", "get"));

	private static final Pattern PLACEHOLDER = Pattern.compile("(?i)change-?me");

	private static final Pattern ENV_VAR_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

	private record Manifest(Path file, HasMetadata resource) {
	}

	private static List<Manifest> manifests;

	/**
	 * What {@code kubectl apply -k k8s/overlays/example} applies, rendered by kubectl's
	 * kustomize, and the examples beside it (the Secret, the KEDA alternative).
	 */
	@BeforeAll
	static void loadManifests() throws IOException, InterruptedException {
		List<Manifest> loaded = new ArrayList<>();
		addResources(loaded, OVERLAY, new ByteArrayInputStream(kustomize(OVERLAY)));
		for (String example : List.of("secret.yaml", "keda-scaledobject.yaml")) {
			try (InputStream in = Files.newInputStream(EXAMPLES.resolve(example))) {
				addResources(loaded, EXAMPLES.resolve(example), in);
			}
		}
		manifests = loaded;
	}

	private static byte[] kustomize(Path kustomization) throws IOException, InterruptedException {
		Process kubectl;
		try {
			kubectl = new ProcessBuilder("kubectl", "kustomize", kustomization.toString())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
		}
		catch (IOException e) {
			throw new IllegalStateException(
					"kubectl is needed to render " + kustomization + " (.ci/run installs Debian's kubernetes-client)",
					e);
		}
		byte[] rendered = kubectl.getInputStream().readAllBytes();
		assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
		assertThat(kubectl.exitValue()).as("kubectl kustomize %s", kustomization).isZero();
		return rendered;
	}

	private static void addResources(List<Manifest> loaded, Path source, InputStream yaml) {
		Object parsed = SERIALIZATION.unmarshal(yaml);
		for (Object resource : parsed instanceof KubernetesList list ? list.getItems()
				: parsed instanceof Collection<?> c ? c : List.of(parsed)) {
			assertThat(resource).as("a resource in %s", source).isInstanceOf(HasMetadata.class);
			loaded.add(new Manifest(source, (HasMetadata) resource));
		}
	}

	@Test
	void everyManifestIsAKnownResourceWithoutUnknownFields() {
		assertThat(manifests).extracting(m -> m.resource().getKind())
			.contains("Deployment", "Service", "ConfigMap", "Secret", "PersistentVolumeClaim", "ServiceAccount", "Role",
					"RoleBinding", "CronJob", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy",
					"ServiceMonitor", "PrometheusRule");
		for (Manifest manifest : manifests) {
			HasMetadata resource = manifest.resource();
			String what = resource.getKind() + " " + resource.getMetadata().getName() + " in " + manifest.file();
			// A misspelt field lands in additionalProperties instead of failing the
			// parse. Custom resources (the Prometheus Operator's, KEDA's) are not in
			// fabric8's model.
			if (!(resource instanceof GenericKubernetesResource)) {
				assertThat(unknownFields(resource, resource.getKind())).as(what).isEmpty();
			}
			assertThat(resource.getMetadata().getNamespace()).as(what).isEqualTo(NAMESPACE);
			assertThat(resource.getMetadata().getLabels()).as(what)
				.containsEntry("app.kubernetes.io/name", APP)
				.containsEntry(KubernetesJobs.APP_LABEL, APP);
		}
	}

	@Test
	void containerAndServicePortsAreTheServerPort() {
		int serverPort = deployedEnvironment().getRequiredProperty("server.port", Integer.class);
		Container api = apiContainer();

		assertThat(serverPort).isEqualTo(8089);
		assertThat(api.getPorts()).singleElement().satisfies(port -> {
			assertThat(port.getContainerPort()).isEqualTo(serverPort);
			assertThat(port.getName()).isEqualTo("http");
		});
		Service service = resource(Service.class, APP);
		assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
			assertThat(port.getPort()).isEqualTo(serverPort);
			assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
		});
		assertThat(resource(Deployment.class, APP).getSpec().getTemplate().getMetadata().getAnnotations())
			.containsEntry("prometheus.io/scrape", "true")
			.containsEntry("prometheus.io/port", Integer.toString(serverPort))
			.containsEntry("prometheus.io/path", ApiRoutes.METRICS);
	}

	@Test
	void probesUseTheHealthGroupsPaths() {
		StandardEnvironment application = deployedEnvironment();
		assertThat(application.getProperty("management.endpoint.health.group.liveness.additional-path"))
			.isEqualTo("server:" + ApiRoutes.LIVENESS);
		assertThat(application.getProperty("management.endpoint.health.group.readiness.additional-path"))
			.isEqualTo("server:" + ApiRoutes.READINESS);

		Container api = apiContainer();
		assertThat(probePath(api.getLivenessProbe())).isEqualTo(ApiRoutes.LIVENESS).isEqualTo("/healthz");
		assertThat(probePath(api.getReadinessProbe())).isEqualTo(ApiRoutes.READINESS).isEqualTo("/readyz");
		assertThat(probePath(api.getStartupProbe())).isEqualTo(ApiRoutes.READINESS);
		for (Probe probe : List.of(api.getLivenessProbe(), api.getReadinessProbe(), api.getStartupProbe())) {
			assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
		}
	}

	@Test
	void everyEnvironmentVariableIsASetting() {
		Map<String, String> variables = deployedVariables();
		assertThat(variables).isNotEmpty();
		variables.forEach(
				(name, value) -> assertThat(settingsSetBy(name, value))
					.withFailMessage("%s sets nothing: it binds to no property under %s and is none of %s", name,
							PROPERTIES_RECORDS.keySet(), OTHER_PROPERTIES)
					.isNotEmpty());
	}

	@Test
	void boundSettingsAreTheConfigMapValues() {
		Map<String, String> config = resource(ConfigMap.class, CONFIG_MAP).getData();
		StandardEnvironment environment = deployedEnvironment();
		Binder binder = Binder.get(environment);
		CliProperties cli = binder.bindOrCreate("allocation.cli", CliProperties.class);
		FilesProperties files = binder.bindOrCreate("allocation.files", FilesProperties.class);
		SendProperties send = binder.bindOrCreate("allocation.send", SendProperties.class);
		TradeServiceProperties trade = binder.bindOrCreate("allocation.trade", TradeServiceProperties.class);

		assertThat(cli.mode().label()).isEqualTo(config.get("ALLOCATION_CLI_MODE")).isEqualTo("kubernetes");
		assertThat(cli.kubernetes().namespace()).isEqualTo(config.get("ALLOCATION_CLI_KUBERNETES_NAMESPACE"));
		assertThat(cli.kubernetes().image()).isEqualTo(config.get("ALLOCATION_CLI_KUBERNETES_IMAGE"));
		assertThat(cli.kubernetes().pvcName()).isEqualTo(config.get("ALLOCATION_CLI_KUBERNETES_PVCNAME"));
		assertThat(cli.kubernetes().mountPath()).isEqualTo(config.get("ALLOCATION_CLI_KUBERNETES_MOUNTPATH"));
		assertThat(cli.kubernetes().configMap()).isEqualTo(config.get("ALLOCATION_CLI_KUBERNETES_CONFIGMAP"));
		assertThat(cli.kubernetes().serviceAccount()).isEqualTo(config.get("ALLOCATION_CLI_KUBERNETES_SERVICEACCOUNT"));
		assertThat(files.dir()).isEqualTo(Path.of(config.get("ALLOCATION_FILES_DIR")));
		assertThat(send.launcher()).isEqualTo(SendProperties.Launcher.IN_PROCESS);
		assertThat(trade.url()).isEqualTo(config.get("ALLOCATION_TRADE_URL"));
		assertThat(environment.getProperty("allocation.trade-date-zone"))
			.isEqualTo(config.get("ALLOCATION_TRADEDATEZONE"));
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(config.get("SPRING_DATASOURCE_URL"));
		assertThat(environment.getProperty("spring.datasource.username"))
			.isEqualTo(config.get("SPRING_DATASOURCE_USERNAME"));
		assertThat(environment.getProperty("spring.datasource.password")).isNotBlank();
		assertThat(environment.getProperty("spring.datasource.hikari.maximum-pool-size"))
			.isEqualTo(config.get("ALLOCATION_DB_POOLSIZE"));

		// Spring binds ALLOCATION_CLI_KUBERNETES_ENV_GLOBECO_PA_SERVER_HOST as
		// "globeco.pa.server.host";
		// ContainerEnvironment gives the CLI container back the conventional name.
		for (Map<String, String> cliEnv : List.of(cli.kubernetes().env(), cli.docker().env())) {
			assertThat(ContainerEnvironment.of(cliEnv).keySet()).as("names of the CLI's environment variables")
				.allMatch(key -> ENV_VAR_NAME.matcher(key).matches());
		}
	}

	@Test
	void theCliJobsSettingsNameResourcesThatExist() {
		CliProperties.Kubernetes cli = Binder.get(deployedEnvironment())
			.bindOrCreate("allocation.cli", CliProperties.class)
			.kubernetes();

		assertThat(cli.namespace()).as("unset: the CLI Jobs go to the pod's own namespace, whatever the overlay sets")
			.isNull();
		assertThat(resource(Role.class, "globeco-allocation-jobs").getMetadata().getNamespace()).isEqualTo(NAMESPACE);
		assertThat(resource(ConfigMap.class, cli.configMap()).getData()).containsKey(cli.configFile());
		assertThat(resource(ConfigMap.class, cli.configMap()).getData().get(cli.configFile()))
			.contains("globeco-portfolio-accounting-service")
			.contains("8087");
		if (!cli.serviceAccount().isBlank()) {
			assertThat(resource(ServiceAccount.class, cli.serviceAccount())).isNotNull();
		}
	}

	@Test
	void theSharedClaimIsMountedAtTheFilesDirectoryEverywhere() {
		Binder binder = Binder.get(deployedEnvironment());
		String filesDir = binder.bindOrCreate("allocation.files", FilesProperties.class).dir().toString();
		CliProperties.Kubernetes cli = binder.bindOrCreate("allocation.cli", CliProperties.class).kubernetes();
		PersistentVolumeClaim claim = single(PersistentVolumeClaim.class);

		assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
		assertThat(cli.pvcName()).isEqualTo(claim.getMetadata().getName()).isEqualTo("globeco-allocation-files");
		assertThat(binder.bindOrCreate("allocation.send", SendProperties.class).worker().pvcName())
			.as("the send-worker Jobs' claim")
			.isEqualTo(claim.getMetadata().getName());
		assertThat(cli.mountPath()).isEqualTo(filesDir).isEqualTo("/usr/local/share/files");
		for (PodSpec pod : List.of(apiPod(), sendPod())) {
			Volume volume = pod.getVolumes()
				.stream()
				.filter(v -> v.getPersistentVolumeClaim() != null)
				.filter(v -> v.getPersistentVolumeClaim().getClaimName().equals(claim.getMetadata().getName()))
				.findFirst()
				.orElseThrow();
			assertThat(pod.getContainers().getFirst().getVolumeMounts())
				.filteredOn(mount -> mount.getName().equals(volume.getName()))
				.singleElement()
				.satisfies(mount -> {
					assertThat(mount.getMountPath()).isEqualTo(filesDir);
					assertThat(mount.getSubPath()).isNull();
				});
		}
	}

	@Test
	void theRoleGrantsExactlyTheCallsTheCodeMakes() {
		Role role = resource(Role.class, "globeco-allocation-jobs");
		List<Permission> granted = role.getRules()
			.stream()
			.flatMap(rule -> rule.getApiGroups()
				.stream()
				.flatMap(group -> rule.getResources()
					.stream()
					.flatMap(resource -> rule.getVerbs().stream().map(verb -> new Permission(group, resource, verb)))))
			.toList();
		assertThat(granted).containsExactlyInAnyOrderElementsOf(REQUIRED_PERMISSIONS);

		RoleBinding binding = single(RoleBinding.class);
		assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
		assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
		for (PodSpec pod : List.of(apiPod(), sendPod())) {
			assertThat(binding.getSubjects()).anySatisfy(subject -> {
				assertThat(subject.getKind()).isEqualTo("ServiceAccount");
				assertThat(subject.getName()).isEqualTo(pod.getServiceAccountName());
				assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
			});
			assertThat(resource(ServiceAccount.class, pod.getServiceAccountName())).isNotNull();
		}
	}

	@Test
	void podsRunAsNonRootOnAReadOnlyRootFilesystem() {
		for (PodSpec pod : List.of(apiPod(), sendPod())) {
			PodSecurityContext podSecurity = Objects.requireNonNullElseGet(pod.getSecurityContext(),
					PodSecurityContext::new);
			for (Container container : pod.getContainers()) {
				SecurityContext security = container.getSecurityContext();
				Boolean nonRoot = security.getRunAsNonRoot() != null ? security.getRunAsNonRoot()
						: podSecurity.getRunAsNonRoot();
				assertThat(nonRoot).as("runAsNonRoot of %s", container.getName()).isTrue();
				assertThat(security.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem of %s", container.getName())
					.isTrue();
				assertThat(security.getAllowPrivilegeEscalation()).isFalse();
				assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
				// The JVM and the embedded server need a writable /tmp on a read-only
				// root.
				VolumeMount tmp = container.getVolumeMounts()
					.stream()
					.filter(m -> m.getMountPath().equals("/tmp"))
					.findFirst()
					.orElseThrow();
				assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(tmp.getName()))
					.singleElement()
					.satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
			}
		}
	}

	@Test
	void theCronJobNeverOverlapsAndOutlastsTheCliTimeout() {
		CronJob cronJob = resource(CronJob.class, CRON_JOB);
		CliProperties cli = Binder.get(deployedEnvironment()).bindOrCreate("allocation.cli", CliProperties.class);

		assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
		assertThat(cronJob.getSpec().getJobTemplate().getSpec().getBackoffLimit()).isZero();
		assertThat(cronJob.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds())
			.isGreaterThan(cli.timeout().toSeconds());
		assertThat(sendPod().getRestartPolicy()).isEqualTo("Never");
	}

	@Test
	void sendWorkerJobsGetTheCronJobsResourcesNotTheClis() {
		Binder binder = Binder.get(deployedEnvironment());
		SendProperties.Worker worker = binder.bindOrCreate("allocation.send", SendProperties.class).worker();
		CliProperties.Kubernetes cli = binder.bindOrCreate("allocation.cli", CliProperties.class).kubernetes();
		ResourceRequirements cronJob = sendPod().getContainers().getFirst().getResources();

		assertThat(Map.of("cpu", new Quantity(worker.cpuRequest()), "memory", new Quantity(worker.memoryRequest())))
			.isEqualTo(cronJob.getRequests());
		assertThat(Map.of("cpu", new Quantity(worker.cpuLimit()), "memory", new Quantity(worker.memoryLimit())))
			.isEqualTo(cronJob.getLimits());
		assertThat(new Quantity(worker.memoryLimit())).as("a JVM running the send needs more than a CLI container")
			.isNotEqualTo(new Quantity(cli.memoryLimit()));
	}

	@Test
	void theSecretHoldsOnlyPlaceholders() {
		Map<String, String> values = secretValues(resource(Secret.class, SECRET));
		assertThat(values).isNotEmpty();
		assertThat(values).allSatisfy((name, value) -> assertThat(value).as(name).matches(PLACEHOLDER));
	}

	@Test
	void workloadsShareTheEnvironmentTheSendWorkerJobsGet() {
		SendProperties.Worker worker = Binder.get(deployedEnvironment())
			.bindOrCreate("allocation.send", SendProperties.class)
			.worker();
		assertThat(worker.configMap()).isEqualTo(CONFIG_MAP);
		assertThat(worker.secret()).isEqualTo(SECRET);
		for (PodSpec pod : List.of(apiPod(), sendPod())) {
			assertThat(pod.getContainers().getFirst().getEnvFrom()).extracting(KubernetesManifestsTest::envSourceName)
				.containsExactly(CONFIG_MAP, SECRET);
		}
	}

	@Test
	void theServiceAutoscalerAndBudgetSelectOnlyTheApiPods() {
		Map<String, String> apiLabels = apiPodLabels();
		Map<String, String> sendLabels = sendPodLabels();
		List<Map<String, String>> selectors = List.of(resource(Service.class, APP).getSpec().getSelector(),
				resource(Deployment.class, APP).getSpec().getSelector().getMatchLabels(),
				resource(PodDisruptionBudget.class, APP).getSpec().getSelector().getMatchLabels());
		for (Map<String, String> selector : selectors) {
			assertThat(apiLabels).containsAllEntriesOf(selector);
			assertThat(sendLabels.entrySet().containsAll(selector.entrySet())).as("send-worker pods match %s", selector)
				.isFalse();
		}

		HorizontalPodAutoscaler hpa = resource(HorizontalPodAutoscaler.class, APP);
		assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
		assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(APP);
		assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
		assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
	}

	@Test
	void everyImageIsPinnedToATagAndNoneIsLatest() {
		List<String> images = new ArrayList<>();
		Stream.of(apiPod(), sendPod()).flatMap(pod -> pod.getContainers().stream()).forEach(container -> {
			images.add(container.getImage());
			assertThat(container.getImagePullPolicy()).as(container.getImage()).isNotEqualTo("Always");
		});
		deployedVariables().forEach((name, value) -> {
			if (name.endsWith("_IMAGE")) {
				images.add(value);
			}
		});
		assertThat(images).hasSizeGreaterThanOrEqualTo(4)
			.allSatisfy(image -> assertThat(image).matches("[^:@]+:[\\w][\\w.-]*").doesNotEndWith(":latest"));
	}

	@Test
	void theServiceMonitorScrapesEveryApiPodAtThePrometheusPath() {
		Map<String, Object> spec = customResourceSpec("ServiceMonitor");
		Service service = resource(Service.class, APP);
		@SuppressWarnings("unchecked")
		Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector"))
			.get("matchLabels");
		assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
		@SuppressWarnings("unchecked")
		Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).getFirst();
		assertThat(endpoint.get("port")).isEqualTo(service.getSpec().getPorts().getFirst().getName());
		String basePath = deployedEnvironment().getProperty("management.endpoints.web.base-path");
		String path = deployedEnvironment().getProperty("management.endpoints.web.path-mapping.prometheus");
		assertThat(endpoint.get("path")).isEqualTo(basePath + path);
	}

	@Test
	void thePrometheusRuleHasTheRuleGroupsOfTheMonitoringKit() throws IOException {
		@SuppressWarnings("unchecked")
		Map<String, Object> rulesFile = new Yaml().load(Files.readString(MonitoringKitTest.RULES));

		assertThat(customResourceSpec("PrometheusRule").get("groups"))
			.as("k8s/base/prometheusrule.yaml's spec is %s's groups", MonitoringKitTest.RULES)
			.isEqualTo(rulesFile.get("groups"));
	}

	@Test
	void theNetworkPolicyCoversTheApiAndWorkerPodsAndTheirPorts() {
		NetworkPolicy policy = single(NetworkPolicy.class);
		LabelSelector pods = policy.getSpec().getPodSelector();
		assertThat(matches(pods, apiPodLabels())).as("the API pods").isTrue();
		assertThat(matches(pods, sendPodLabels())).as("the send-worker pods").isTrue();
		assertThat(matches(pods, Map.of("app.kubernetes.io/name", APP, "app.kubernetes.io/component", "cli")))
			.as("the CLI Jobs' pods, which reach Portfolio Accounting")
			.isFalse();
		assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
		int serverPort = deployedEnvironment().getRequiredProperty("server.port", Integer.class);
		assertThat(policy.getSpec().getIngress()).flatExtracting(rule -> rule.getPorts())
			.extracting(port -> port.getPort().getIntVal())
			.containsOnly(serverPort);
		assertThat(policy.getSpec().getEgress()).flatExtracting(rule -> rule.getPorts())
			.extracting(port -> port.getPort().getIntVal())
			.contains(53, 5432, 8082, 443, 4318);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theKedaExampleScalesTheApiLikeTheAutoscalerOnItsIngestRequests() {
		HorizontalPodAutoscaler hpa = resource(HorizontalPodAutoscaler.class, APP);
		Map<String, Object> spec = customResourceSpec("ScaledObject");
		assertThat((Map<String, Object>) spec.get("scaleTargetRef")).containsEntry("name", APP);
		assertThat(spec).containsEntry("minReplicaCount", hpa.getSpec().getMinReplicas())
			.containsEntry("maxReplicaCount", hpa.getSpec().getMaxReplicas());
		Map<String, Object> hpaConfig = (Map<String, Object>) ((Map<String, Object>) spec.get("advanced"))
			.get("horizontalPodAutoscalerConfig");
		assertThat(hpaConfig.get("behavior")).as("the same behavior as the CPU autoscaler")
			.isEqualTo(new KubernetesSerialization().convertValue(hpa.getSpec().getBehavior(), Map.class));
		List<Map<String, Object>> triggers = (List<Map<String, Object>>) spec.get("triggers");
		assertThat(triggers).hasSize(1);
		assertThat(triggers.getFirst()).containsEntry("type", "prometheus").containsEntry("metricType", "AverageValue");
		Map<String, String> metadata = (Map<String, String>) triggers.getFirst().get("metadata");
		assertThat(metadata.get("query")).as("the API's own request counter (MetricsTest), on the ingest's path")
			.contains("http_server_requests_seconds_count{", "uri=\"" + ApiRoutes.EXECUTIONS + "\"",
					"namespace=\"" + NAMESPACE + "\"", "pod=~\"" + APP + "-.*\"");
		assertThat(Double.parseDouble(metadata.get("threshold"))).isPositive();
	}

	// ---- the environment

	/** The ConfigMap and Secret the workloads take their environment from. */
	private static Map<String, String> deployedVariables() {
		Map<String, String> variables = new TreeMap<>(resource(ConfigMap.class, CONFIG_MAP).getData());
		secretValues(resource(Secret.class, SECRET)).forEach((name, value) -> assertThat(variables.put(name, value))
			.as("%s is in both the ConfigMap and the Secret", name)
			.isNull());
		return variables;
	}

	/** What the application sees in a pod: the variables over application.yml. */
	private static StandardEnvironment deployedEnvironment() {
		StandardEnvironment environment = environmentOf(deployedVariables());
		try {
			new YamlPropertySourceLoader().load("application.yml", new FileSystemResource(APPLICATION_YML))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot read " + APPLICATION_YML.toAbsolutePath(), e);
		}
		return environment;
	}

	/**
	 * An environment whose only source is these variables, mapped the way Spring Boot
	 * maps the process environment.
	 */
	private static StandardEnvironment environmentOf(Map<String, String> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	/**
	 * The properties that this one variable sets: fields of the properties records, or
	 * known other settings.
	 */
	private static Set<String> settingsSetBy(String name, String value) {
		StandardEnvironment environment = environmentOf(Map.of(name, value));
		Set<String> set = new TreeSet<>();
		BindHandler recorder = new AbstractBindHandler() {
			@Override
			public Object onSuccess(ConfigurationPropertyName property, Bindable<?> target, BindContext context,
					Object result) {
				if (context.getConfigurationProperty() != null) {
					set.add(context.getConfigurationProperty().getName().toString());
				}
				return super.onSuccess(property, target, context, result);
			}
		};
		Binder binder = Binder.get(environment);
		PROPERTIES_RECORDS.forEach((prefix, type) -> binder.bindOrCreate(prefix, Bindable.of(type), recorder));
		OTHER_PROPERTIES.stream().filter(property -> environment.getProperty(property) != null).forEach(set::add);
		return set;
	}

	private static Map<String, String> secretValues(Secret secret) {
		Map<String, String> values = new TreeMap<>();
		if (secret.getStringData() != null) {
			values.putAll(secret.getStringData());
		}
		if (secret.getData() != null) {
			secret.getData()
				.forEach((name, encoded) -> values.put(name,
						new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8)));
		}
		return values;
	}

	private static String envSourceName(EnvFromSource source) {
		return source.getConfigMapRef() != null ? source.getConfigMapRef().getName() : source.getSecretRef().getName();
	}

	// ---- the manifests

	private static Map<String, String> apiPodLabels() {
		return resource(Deployment.class, APP).getSpec().getTemplate().getMetadata().getLabels();
	}

	private static Map<String, String> sendPodLabels() {
		return resource(CronJob.class, CRON_JOB).getSpec()
			.getJobTemplate()
			.getSpec()
			.getTemplate()
			.getMetadata()
			.getLabels();
	}

	private static boolean matches(LabelSelector selector, Map<String, String> labels) {
		boolean allLabels = selector.getMatchLabels() == null
				|| labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
		return allLabels
				&& selector.getMatchExpressions().stream().allMatch(expression -> switch (expression.getOperator()) {
					case "In" -> expression.getValues().contains(labels.get(expression.getKey()));
					case "NotIn" -> !expression.getValues().contains(labels.get(expression.getKey()));
					case "Exists" -> labels.containsKey(expression.getKey());
					default -> !labels.containsKey(expression.getKey());
				});
	}

	/** The spec of the one resource of a kind that fabric8's model does not know. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> customResourceSpec(String kind) {
		List<GenericKubernetesResource> found = manifests.stream()
			.map(Manifest::resource)
			.filter(r -> r.getKind().equals(kind))
			.map(GenericKubernetesResource.class::cast)
			.toList();
		assertThat(found).as("the %s", kind).hasSize(1);
		return (Map<String, Object>) found.getFirst().getAdditionalProperties().get("spec");
	}

	private static <T extends HasMetadata> T resource(Class<T> type, String name) {
		List<T> found = manifests.stream()
			.map(Manifest::resource)
			.filter(type::isInstance)
			.map(type::cast)
			.filter(r -> r.getMetadata().getName().equals(name))
			.toList();
		assertThat(found).as("%s %s in %s", type.getSimpleName(), name, K8S).hasSize(1);
		return found.getFirst();
	}

	private static <T extends HasMetadata> T single(Class<T> type) {
		List<T> found = manifests.stream().map(Manifest::resource).filter(type::isInstance).map(type::cast).toList();
		assertThat(found).as("the %s in %s", type.getSimpleName(), K8S).hasSize(1);
		return found.getFirst();
	}

	private static PodSpec apiPod() {
		return resource(Deployment.class, APP).getSpec().getTemplate().getSpec();
	}

	private static Container apiContainer() {
		return apiPod().getContainers().getFirst();
	}

	private static PodSpec sendPod() {
		return resource(CronJob.class, CRON_JOB).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
	}

	private static String probePath(Probe probe) {
		return probe.getHttpGet().getPath();
	}

	/** Paths of the fields fabric8 did not recognise, anywhere in the resource. */
	private static List<String> unknownFields(Object node, String path) {
		List<String> unknown = new ArrayList<>();
		collectUnknownFields(node, path, unknown);
		return unknown;
	}

	private static void collectUnknownFields(Object node, String path, List<String> unknown) {
		if (node instanceof Collection<?> items) {
			int index = 0;
			for (Object item : items) {
				collectUnknownFields(item, path + "[" + index++ + "]", unknown);
			}
		}
		else if (node instanceof Map<?, ?> entries) {
			entries.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
		}
		else if (node != null && node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
			for (Method getter : node.getClass().getMethods()) {
				if (getter.getParameterCount() != 0) {
					continue;
				}
				if (getter.getName().equals("getAdditionalProperties")) {
					((Map<?, ?>) invoke(getter, node)).keySet().forEach(key -> unknown.add(path + "." + key));
				}
				else if (getter.isAnnotationPresent(JsonProperty.class)) {
					collectUnknownFields(invoke(getter, node),
							path + "." + getter.getAnnotation(JsonProperty.class).value(), unknown);
				}
			}
		}
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException e) {
			throw new IllegalStateException(getter.toString(), e);
		}
	}

}
