package org.kasbench.globeco.allocation.standins;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Portfolio Accounting Service's {@code POST /api/v1/transactions} as the real Go
 * service answers it, for the CLI stand-in (or the real CLI) to post to.
 *
 * <p>
 * Request: a JSON array of at most 1,000 objects
 * {@code portfolioId, securityId (absent for cash), sourceId,
 * transactionType, quantity, price, transactionDate} (decimals as strings or numbers).
 * Answer: 400 with {@code {"error":{"code","message","timestamp"}}} for bad JSON
 * ({@code INVALID_JSON}), an empty batch ({@code EMPTY_BATCH}) or more than 1,000
 * ({@code BATCH_TOO_LARGE}); otherwise
 * {@code {"successful":[..],"failed":[{"transaction":{..},"errors":[{"field","message","value"}]}],"summary":{..}}}
 * with <b>201 when nothing failed and 207 (Multi-Status) when any row failed</b>, as the
 * real handler does ({@link #partialFailureStatus(int)} changes the 207). Rows are
 * checked like the real mapper, domain builder and validator; a source id already in the
 * ledger is refused with {@code sourceId: source ID must be unique}.
 *
 * <p>
 * Faults, by request number (1 = the first POST): {@link #answerRequest answer with a
 * status without processing}, {@link #answerNext the next K requests likewise},
 * {@link #processThenAnswerRequest process (deliver) and then answer with an error
 * anyway}, {@link #delayRequest process after a delay} (lets a client time out on a batch
 * that is delivered nonetheless).
 *
 * <p>
 * As a process:
 * {@code main [--port P] [--answer-request N=STATUS[:BODY]]... [--answer-next K=STATUS[:BODY]]
 * [--process-then-answer N=STATUS[:BODY]]... [--delay-request N=MILLIS]... [--partial-status S]};
 * it prints {@code listening on port P} and runs until killed.
 * {@code GET /standin/ledger} answers
 * {@code {"requests":N,"accepted":{"<sourceId>":times,...}}}.
 */
public final class PortfolioAccountingServiceStandIn implements AutoCloseable {

	public static final String PATH = "/api/v1/transactions";

	private enum Kind {

		ANSWER, PROCESS_THEN_ANSWER, DELAY

	}

	private record Fault(Kind kind, int status, String body, long millis) {
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, Integer> accepted = new HashMap<>();

	private final Map<String, Integer> submitted = new HashMap<>();

	private final List<Integer> requestSizes = new ArrayList<>();

	private final Map<Integer, Fault> byRequest = new HashMap<>();

	private final Deque<Fault> next = new ArrayDeque<>();

	private final long[] ids = { 0 };

	private int requests;

	private int partialFailureStatus = 207;

	private final PortfolioAccountingRules.Ledger ledger = new PortfolioAccountingRules.Ledger() {
		@Override
		public boolean contains(String sourceId) {
			return accepted.containsKey(sourceId);
		}

		@Override
		public void accept(String sourceId) {
			accepted.merge(sourceId, 1, Integer::sum);
		}
	};

	private PortfolioAccountingServiceStandIn(int port) throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
		executor = Executors.newFixedThreadPool(8);
		server.setExecutor(executor);
		server.createContext("/", this::serve);
		server.start();
	}

	/** Starts on {@code port} on the loopback address; 0 picks a free port. */
	public static PortfolioAccountingServiceStandIn start(int port) throws IOException {
		return new PortfolioAccountingServiceStandIn(port);
	}

	public int port() {
		return server.getAddress().getPort();
	}

	/** The host to give the CLI ({@code 127.0.0.1}). */
	public String host() {
		return server.getAddress().getAddress().getHostAddress();
	}

	/**
	 * Source id -> times the service accepted it (stored it). More than 1 would mean a
	 * double delivery.
	 */
	public synchronized Map<String, Integer> acceptedCounts() {
		return new TreeMap<>(accepted);
	}

	public synchronized int acceptedCount(String sourceId) {
		return accepted.getOrDefault(sourceId, 0);
	}

	/** Source id -> times it arrived in a processed batch (accepted or refused). */
	public synchronized Map<String, Integer> submittedCounts() {
		return new TreeMap<>(submitted);
	}

	/** POSTs to /api/v1/transactions received, faulted ones included. */
	public synchronized int requestCount() {
		return requests;
	}

	/**
	 * Rows per POST, in arrival order ({@code -1} when the body was not a JSON array).
	 */
	public synchronized List<Integer> requestSizes() {
		return List.copyOf(requestSizes);
	}

	/**
	 * POST number {@code n} (1-based) is answered with {@code status} and {@code body},
	 * and not processed.
	 */
	public synchronized void answerRequest(int n, int status, String body) {
		byRequest.put(n, new Fault(Kind.ANSWER, status, body, 0));
	}

	/**
	 * The next {@code k} POSTs (not otherwise faulted) are answered with {@code status}
	 * and {@code body}, unprocessed.
	 */
	public synchronized void answerNext(int k, int status, String body) {
		for (int i = 0; i < k; i++) {
			next.add(new Fault(Kind.ANSWER, status, body, 0));
		}
	}

	/**
	 * POST number {@code n} is processed (its rows delivered) and then answered with
	 * {@code status} and {@code body}.
	 */
	public synchronized void processThenAnswerRequest(int n, int status, String body) {
		byRequest.put(n, new Fault(Kind.PROCESS_THEN_ANSWER, status, body, 0));
	}

	/**
	 * POST number {@code n} waits {@code delay}, then is processed and answered normally
	 * (if the client still listens).
	 */
	public synchronized void delayRequest(int n, Duration delay) {
		byRequest.put(n, new Fault(Kind.DELAY, 0, null, delay.toMillis()));
	}

	/**
	 * The status of an answer in which some row failed: 207 as the real service; 200
	 * plays the CLI's other branch.
	 */
	public synchronized void partialFailureStatus(int status) {
		this.partialFailureStatus = status;
	}

	public void stop() {
		server.stop(0);
		executor.shutdownNow();
	}

	@Override
	public void close() {
		stop();
	}

	private void serve(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			byte[] in = exchange.getRequestBody().readAllBytes();
			if ("/standin/ledger".equals(path) && "GET".equals(method)) {
				String json;
				synchronized (this) {
					json = Json.write(Map.of("requests", requests, "accepted", new TreeMap<>(accepted))) + "\n";
				}
				send(exchange, new PortfolioAccountingRules.Answer(200, json), "application/json");
				return;
			}
			if (!PATH.equals(path) && !(PATH + "/").equals(path)) {
				send(exchange, new PortfolioAccountingRules.Answer(404, "404 page not found\n"),
						"text/plain; charset=utf-8");
				return;
			}
			if (!"POST".equals(method)) {
				send(exchange, new PortfolioAccountingRules.Answer(405, ""), "text/plain; charset=utf-8");
				return;
			}
			String body = new String(in, StandardCharsets.UTF_8);
			Fault fault;
			synchronized (this) {
				int n = ++requests;
				requestSizes.add(rows(body));
				fault = byRequest.remove(n);
				if (fault == null) {
					fault = next.poll();
				}
			}
			if (fault != null && fault.kind == Kind.ANSWER) {
				send(exchange, new PortfolioAccountingRules.Answer(fault.status, fault.body), "application/json");
				return;
			}
			if (fault != null && fault.kind == Kind.DELAY) {
				try {
					Thread.sleep(fault.millis);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			PortfolioAccountingRules.Answer answer = process(body);
			if (fault != null && fault.kind == Kind.PROCESS_THEN_ANSWER) {
				answer = new PortfolioAccountingRules.Answer(fault.status, fault.body);
			}
			send(exchange, answer, "application/json");
		}
	}

	private synchronized PortfolioAccountingRules.Answer process(String body) {
		try {
			if (Json.parse(body) instanceof List<?> items) {
				for (Object item : items) {
					if (item instanceof Map<?, ?> m && m.get("sourceId") instanceof String s) {
						submitted.merge(s, 1, Integer::sum);
					}
				}
			}
		}
		catch (RuntimeException ignored) {
			// the rules answer INVALID_JSON
		}
		return PortfolioAccountingRules.handle(body, ledger, partialFailureStatus, ids);
	}

	private static int rows(String body) {
		try {
			return Json.parse(body) instanceof List<?> items ? items.size() : -1;
		}
		catch (RuntimeException e) {
			return -1;
		}
	}

	private static void send(HttpExchange exchange, PortfolioAccountingRules.Answer answer, String contentType)
			throws IOException {
		byte[] out = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
		if (out.length > 0) {
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(out);
			}
		}
	}

	public static void main(String[] args) throws IOException {
		int port = 8087;
		List<Runnable> setup = new ArrayList<>();
		PortfolioAccountingServiceStandIn[] holder = new PortfolioAccountingServiceStandIn[1];
		for (int i = 0; i + 1 < args.length; i += 2) {
			String flag = args[i];
			String value = args[i + 1];
			switch (flag) {
				case "--port" -> port = Integer.parseInt(value);
				case "--partial-status" -> setup.add(() -> holder[0].partialFailureStatus(Integer.parseInt(value)));
				case "--answer-request", "--answer-next", "--process-then-answer", "--delay-request" -> {
					int eq = value.indexOf('=');
					int n = Integer.parseInt(value.substring(0, eq));
					String rest = value.substring(eq + 1);
					int colon = rest.indexOf(':');
					int status = Integer.parseInt(colon < 0 ? rest : rest.substring(0, colon));
					String body = colon < 0 ? "" : rest.substring(colon + 1);
					setup.add(switch (flag) {
						case "--answer-request" -> () -> holder[0].answerRequest(n, status, body);
						case "--answer-next" -> () -> holder[0].answerNext(n, status, body);
						case "--process-then-answer" -> () -> holder[0].processThenAnswerRequest(n, status, body);
						default -> () -> holder[0].delayRequest(n, Duration.ofMillis(status));
					});
				}
				default -> throw new IllegalArgumentException("unknown flag " + flag);
			}
		}
		holder[0] = start(port);
		setup.forEach(Runnable::run);
		System.out.println("PortfolioAccountingServiceStandIn listening on port " + holder[0].port());
		System.out.flush();
	}

}
