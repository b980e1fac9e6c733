package org.kasbench.globeco.allocation.api.warmup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Runs the ingest request's hot path before the pod turns ready, so the first requests
 * the autoscaler routes here find compiled code, loaded classes and open connections
 * instead of an interpreter. Application runners run after the web server listens and
 * before Spring Boot turns readiness on, so {@code /readyz} answers 503 until this is
 * done: once the warm-up's CPU per request has settled ({@link CostSettling}, measured in
 * windows of {@code allocation.warmup.settle-window}), so the hot path is near its speed,
 * and never longer than {@code allocation.warmup.duration} plus one request's time. With
 * {@code allocation.warmup.until-settled=false} it runs the whole duration (the image's
 * AOT cache training run).
 *
 * <p>
 * Nothing it sends is stored or forwarded: every posted execution is open
 * ({@code isOpen: true}), which the ingest validates in full and answers SKIPPED without
 * a database write or a Trade Service call, and the database read looks up an execution
 * service id that cannot exist. Its requests do show in the HTTP and ingest metrics (as
 * SKIPPED) of the pod's first seconds. A failure never stops the start: it is logged and
 * the warm-up ends.
 */
@Component
@Order(0)
class WarmUp implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

	private static final String OPEN_EXECUTION = """
			{"executionServiceId":%d,"isOpen":true,"executionStatus":"PART","tradeType":"BUY","destination":"ML",\
			"securityId":"68336002fe95851f0a2aeda9","ticker":"IBM","quantity":1000,"limitPrice":null,\
			"receivedTimestamp":"2025-05-27T14:39:27.509362Z","sentTimestamp":"2025-05-27T14:39:27.512467Z",\
			"lastFillTimestamp":"2025-05-27T14:41:44.1602714Z","quantityFilled":400,"totalAmount":76163.84,\
			"averagePrice":190.4096}""";

	private static final String SINGLE = "[" + OPEN_EXECUTION.formatted(1) + "]";

	/**
	 * How many consecutive windows must show no real saving before the cost counts as
	 * settled.
	 */
	private static final int SETTLED_WINDOWS = 3;

	private static final String HUNDRED = IntStream.rangeClosed(1, 100)
		.mapToObj(OPEN_EXECUTION::formatted)
		.collect(Collectors.joining(",", "[", "]"));

	private final WarmUpProperties properties;

	private final ConfigurableApplicationContext context;

	WarmUp(WarmUpProperties properties, ConfigurableApplicationContext context) {
		this.properties = properties;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (properties.enabled() && context instanceof WebServerApplicationContext web) {
			warmUp("http://127.0.0.1:" + web.getWebServer().getPort());
		}
		if (properties.exitWhenDone()) {
			System.exit(SpringApplication.exit(context));
		}
	}

	private void warmUp(String base) {
		long started = System.nanoTime();
		long deadline = started + properties.duration().toNanos();
		AtomicInteger requests = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		AtomicBoolean settled = new AtomicBoolean();
		try (HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.build(); ExecutorService loops = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int loop = 0; loop < properties.concurrency(); loop++) {
				loops.submit(() -> {
					for (int i = 0; System.nanoTime() < deadline && failures.get() == 0 && !settled.get(); i++) {
						boolean ok = i % 8 == 2 && properties.readDatabase() ? send(client,
								HttpRequest.newBuilder(URI.create(base + "/api/v1/executions?executionServiceId=-1"))
									.GET(),
								200) : post(client, base, i % 16 == 1 ? HUNDRED : SINGLE);
						requests.incrementAndGet();
						if (!ok) {
							failures.incrementAndGet();
						}
					}
				});
			}
			if (properties.untilSettled()) {
				settled.set(awaitSettledCost(requests, failures, deadline));
			}
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		if (failures.get() > 0) {
			log.warn("Warm-up stopped after {} requests in {} ms: a request failed (see above)", requests.get(),
					millis);
		}
		else {
			log.info("Warm-up: {} requests in {} ms, {}", requests.get(), millis,
					settled.get() ? "the CPU per request settled" : "the whole duration");
		}
	}

	/**
	 * Watches the process's CPU per warm-up request, window by window, until it settles
	 * (true), or until the deadline or a failure (false).
	 */
	private boolean awaitSettledCost(AtomicInteger requests, AtomicInteger failures, long deadline) {
		com.sun.management.OperatingSystemMXBean os = ManagementFactory
			.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
		CostSettling settling = new CostSettling(properties.settleTolerance(), SETTLED_WINDOWS);
		long window = properties.settleWindow().toNanos();
		long cpu = os.getProcessCpuTime();
		int done = requests.get();
		while (failures.get() == 0 && System.nanoTime() + window < deadline) {
			try {
				Thread.sleep(Duration.ofNanos(window));
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
			long cpuNow = os.getProcessCpuTime();
			int doneNow = requests.get();
			if (settling.settledAfter(doneNow - done, cpuNow - cpu)) {
				return true;
			}
			cpu = cpuNow;
			done = doneNow;
		}
		return false;
	}

	private static boolean post(HttpClient client, String base, String body) {
		return send(client,
				HttpRequest.newBuilder(URI.create(base + "/api/v1/executions"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body)),
				201);
	}

	private static boolean send(HttpClient client, HttpRequest.Builder request, int expected) {
		try {
			HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != expected) {
				log.warn("Warm-up request {} answered {}: {}", request.build().uri(), response.statusCode(),
						response.body());
				return false;
			}
			return true;
		}
		catch (Exception e) {
			if (e instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.warn("Warm-up request {} failed: {}", request.build().uri(), e.toString());
			return false;
		}
	}

}
