package org.kasbench.globeco.allocation.standins;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Trade Service's {@code GET /api/v2/executions?executionServiceId=n}, as
 * docs/neighbours.md describes it: always 200 with a page, an empty page for an unknown
 * id, 400 for a bad query, extra fields the caller must ignore. Every known id maps to a
 * deterministic 24-character portfolio id.
 *
 * <p>
 * For tests it can be made slow, made to fail (500) for a number of calls or for good,
 * told which ids are unknown or come without a usable portfolio, and asked how many calls
 * it served.
 */
public final class TradeServiceStandIn implements AutoCloseable {

	/** Ids at or above this are unknown to the stand-in unless tests say otherwise. */
	public static final int FIRST_UNKNOWN_ID = 900_000_000;

	private final HttpServer server;

	private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);

	private final AtomicInteger failuresToServe = new AtomicInteger();

	private volatile int failureStatus = 500;

	private final AtomicInteger truncatedToServe = new AtomicInteger();

	private volatile boolean failingForGood;

	private final Set<Integer> idsWithoutPortfolio = ConcurrentHashMap.newKeySet();

	private final AtomicInteger calls = new AtomicInteger();

	/**
	 * Moved on by {@link #reset()}, so a call still in flight from before it is told
	 * apart.
	 */
	private final AtomicInteger generation = new AtomicInteger();

	private volatile CountDownLatch hold = new CountDownLatch(0);

	private TradeServiceStandIn(HttpServer server) {
		this.server = server;
	}

	public static TradeServiceStandIn start(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
			TradeServiceStandIn standIn = new TradeServiceStandIn(server);
			server.createContext("/api/v2/executions", standIn::handle);
			server.createContext("/_standin/latency", standIn::setLatency);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return standIn;
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot start the Trade Service stand-in on port " + port, e);
		}
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	public TradeServiceStandIn latency(Duration value) {
		latency.set(value);
		return this;
	}

	/** The next {@code count} calls answer 500. */
	public TradeServiceStandIn failNext(int count) {
		return failNext(count, 500);
	}

	/**
	 * The next {@code count} calls answer {@code status} with Spring Boot's error body,
	 * as the real service does (400 for a query it refuses, 500 when it fails).
	 */
	public TradeServiceStandIn failNext(int count, int status) {
		failureStatus = status;
		failuresToServe.set(count);
		return this;
	}

	/**
	 * The next {@code count} calls answer 200 with the page cut off halfway, as a
	 * connection dropped by something in between would leave it.
	 */
	public TradeServiceStandIn truncateNext(int count) {
		truncatedToServe.set(count);
		return this;
	}

	public TradeServiceStandIn failingForGood(boolean value) {
		failingForGood = value;
		return this;
	}

	public TradeServiceStandIn withoutPortfolio(int executionServiceId) {
		idsWithoutPortfolio.add(executionServiceId);
		return this;
	}

	/**
	 * Calls from now on are received (and counted) but not answered until
	 * {@link #releaseAnswers()}: a request held in flight for exactly as long as a test
	 * needs, instead of a latency long enough to be safe.
	 */
	public TradeServiceStandIn holdAnswers() {
		hold = new CountDownLatch(1);
		return this;
	}

	public TradeServiceStandIn releaseAnswers() {
		hold.countDown();
		return this;
	}

	public TradeServiceStandIn reset() {
		generation.incrementAndGet();
		releaseAnswers();
		latency.set(Duration.ZERO);
		failuresToServe.set(0);
		failureStatus = 500;
		truncatedToServe.set(0);
		failingForGood = false;
		idsWithoutPortfolio.clear();
		calls.set(0);
		return this;
	}

	public int calls() {
		return calls.get();
	}

	/** The portfolio id the stand-in reports for a known execution service id. */
	public static String portfolioIdFor(int executionServiceId) {
		return "%024x".formatted(0x684f0000L * 1_000_000_000L + executionServiceId);
	}

	private void handle(HttpExchange exchange) throws IOException {
		int arrivedIn = generation.get();
		calls.incrementAndGet();
		try (exchange) {
			awaitRelease();
			pause();
			if (generation.get() != arrivedIn) {
				// A straggler of an earlier test (its caller long gone after a timeout):
				// it must not take the failures a later test set up.
				respond(exchange, 503, errorBody(503));
				return;
			}
			if (failingForGood) {
				respond(exchange, 500, errorBody(500));
				return;
			}
			if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
				int status = failureStatus;
				respond(exchange, status, errorBody(status));
				return;
			}
			String id = query(exchange.getRequestURI()).get("executionServiceId");
			int executionServiceId;
			try {
				executionServiceId = Integer.parseInt(id);
			}
			catch (NumberFormatException e) {
				respond(exchange, 400,
						"{\"status\":400,\"error\":\"Bad Request\",\"message\":\"executionServiceId must be an integer\"}");
				return;
			}
			boolean known = executionServiceId > 0 && executionServiceId < FIRST_UNKNOWN_ID;
			String page = known ? page(executionServiceId) : emptyPage();
			if (truncatedToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
				page = page.substring(0, page.length() / 2);
			}
			respond(exchange, 200, page);
		}
	}

	/**
	 * {@code POST /_standin/latency?ms=N}: lets a benchmark change the latency without a
	 * restart.
	 */
	private void setLatency(HttpExchange exchange) throws IOException {
		try (exchange) {
			String ms = query(exchange.getRequestURI()).get("ms");
			try {
				latency.set(Duration.ofMillis(Long.parseLong(ms)));
				respond(exchange, 200, "{\"latencyMillis\":" + latency.get().toMillis() + "}");
			}
			catch (NumberFormatException e) {
				respond(exchange, 400, "{\"error\":\"ms must be an integer\"}");
			}
		}
	}

	private void awaitRelease() {
		try {
			if (!hold.await(1, TimeUnit.MINUTES)) {
				throw new IllegalStateException("held answers were never released");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private void pause() {
		Duration d = latency.get();
		if (!d.isZero()) {
			try {
				Thread.sleep(d); // simulated network and service time, not a wait for a
									// condition
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private String page(int executionServiceId) {
		String portfolio = idsWithoutPortfolio.contains(executionServiceId) ? "null"
				: "\"" + portfolioIdFor(executionServiceId) + "\"";
		int orderId = executionServiceId + 100_000;
		return """
				{"executions":[{"id":%1$d,"executionTimestamp":"2025-06-17T16:30:05.519712Z",
				"executionStatus":{"id":4,"abbreviation":"FULL","description":"Filled","version":1},
				"blotter":null,
				"tradeType":{"id":1,"abbreviation":"BUY","description":"Buy","version":1},
				"tradeOrder":{"id":%2$d,"orderId":%2$d,"portfolio":{"portfolioId":%3$s,"name":"Portfolio %1$d"},
				"security":{"securityId":"684f122eeea39200e56291b8","ticker":"LYB"}},
				"destination":{"id":1,"abbreviation":"ML","description":"Merrill Lynch","version":1},
				"quantityOrdered":371,"quantityPlaced":371,"quantityFilled":371,"limitPrice":null,
				"executionServiceId":%1$d,"version":3,"someFieldAddedLater":{"nested":[1,2,3]}}],
				"pagination":{"totalElements":1,"totalPages":1,"currentPage":0,"pageSize":50,"hasNext":false,"hasPrevious":false}}
				"""
			.formatted(executionServiceId, orderId, portfolio);
	}

	private static String errorBody(int status) {
		String error = switch (status) {
			case 400 -> "Bad Request";
			case 503 -> "Service Unavailable";
			default -> "Internal Server Error";
		};
		return "{\"status\":%d,\"error\":\"%s\",\"path\":\"/api/v2/executions\"}".formatted(status, error);
	}

	private static String emptyPage() {
		return "{\"executions\":[],\"pagination\":{\"totalElements\":0,\"totalPages\":0,\"currentPage\":0,"
				+ "\"pageSize\":50,\"hasNext\":false,\"hasPrevious\":false}}";
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> params = new HashMap<>();
		String raw = uri.getRawQuery();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0) {
					params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
		}
		return params;
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

	/**
	 * {@code java -cp allocation-standins.jar ...TradeServiceStandIn [port] [latencyMillis]}.
	 */
	public static void main(String[] args) throws InterruptedException {
		int port = args.length > 0 ? Integer.parseInt(args[0]) : 8082;
		long latencyMillis = args.length > 1 ? Long.parseLong(args[1]) : 0;
		TradeServiceStandIn standIn = start(port).latency(Duration.ofMillis(latencyMillis));
		System.out.println("Trade Service stand-in on " + standIn.baseUrl() + " latency " + latencyMillis + " ms");
		Thread.currentThread().join();
	}

}
