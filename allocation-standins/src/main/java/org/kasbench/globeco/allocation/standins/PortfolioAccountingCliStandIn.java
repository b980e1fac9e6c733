package org.kasbench.globeco.allocation.standins;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Portfolio Accounting CLI's {@code process} command as the real Go program behaves
 * (docs/neighbours.md and its source):
 * {@code process --file F [--output-dir D] [--batch-size N] [--timeout DUR]}.
 *
 * <p>
 * It checks every row by the CLI's own rules, posts the valid ones in chunks of
 * batch-size (default 1,000) to {@code POST http://HOST:PORT/api/v1/transactions}, and
 * writes the rows that failed to {@code <output-dir>/<file name>.errors.csv} (the seven
 * columns plus {@code error_message}, only when some row failed) with the real strings:
 * the CLI's own messages joined with {@code "; "}; for a chunk whose request could not be
 * made, Go's client error
 * ({@code Post "http://...": dial tcp 127.0.0.1:8087: connect: connection refused},
 * {@code ... context deadline exceeded (Client.Timeout exceeded while awaiting headers)},
 * {@code ...: EOF}) on every row; for an answer other than 200/201,
 * {@code HTTP <status>: <body>} on every row of the chunk (the real service answers
 * <b>207</b> as soon as one row of the batch failed, so a chunk holding a duplicate reads
 * {@code HTTP 207: {...}} on all its rows, delivered ones included); for 200/201, each
 * refused row as {@code <field>: <message>} joined with {@code "; "}. It prints the
 * {@code === Processing Results ===} block and exits 0 even when rows failed or the
 * service is down; it exits 1 only when the file itself cannot be processed (missing,
 * unreadable, not {@code .csv}, empty, a required header missing).
 *
 * <p>
 * The service: {@code --server-host H --server-port P} (for exec mode, which cannot set
 * an environment), else {@code GLOBECO_PA_SERVER_HOST} / {@code GLOBECO_PA_SERVER_PORT}
 * (default port 8087). With no host at all it runs <b>offline</b>: the same service rules
 * applied in-process to a ledger file of accepted source ids, {@code CLI_STANDIN_LEDGER}
 * or {@code <output-dir>/.portfolio-accounting-ledger} (one source id a line).
 *
 * <p>
 * Test hooks: the mode comes from {@code CLI_STANDIN_MODE}, else from the file
 * {@code .cli-standin-mode} in the output directory, else {@code ok}. That file may hold
 * several lines: a run takes the first line and removes it while more than one remain;
 * the last line stays for every later run (so {@code die-after-delivery\nok} means "the
 * first run dies after delivery, all later runs are normal"). Modes:
 * <ul>
 * <li>{@code ok}: as the real CLI;</li>
 * <li>{@code fail}: prints {@code Error: simulated failure} and exits 3 at once;</li>
 * <li>{@code hang}: never finishes;</li>
 * <li>{@code unreachable}: posts nothing; every valid row gets the connection-refused
 * text;</li>
 * <li>{@code unreachable-without-errors-file}: as {@code unreachable}, but the errors
 * file cannot be created (as when the shared directory is full); like the real CLI it
 * still prints its summary and exits 0;</li>
 * <li>{@code die-after-delivery}: posts every chunk, then SIGKILLs itself (exit 137)
 * before writing the errors file or the summary;</li>
 * <li>{@code kill-parent-after-delivery}: posts every chunk, SIGKILLs its parent process
 * (the JVM that ran it), then finishes normally;</li>
 * <li>{@code delay:<millis>}: sleeps that long, then runs normally;</li>
 * <li>{@code hold}: waits until a file {@code .cli-standin-release} exists in the output
 * directory (it is left there), then runs normally.</li>
 * </ul>
 * Faults the real CLI can show may be added to any mode with {@code +}, e.g.
 * {@code unreachable+errors-file-cut:25}:
 * <ul>
 * <li>{@code errors-file-cut:<bytes>}: the errors file ends that many bytes into its last
 * line, as a full disk leaves a buffered writer's file (the CLI ignores the write error
 * and goes on to its summary);</li>
 * <li>{@code chatter-after-summary:<lines>}: that many log lines follow the summary.</li>
 * </ul>
 */
public final class PortfolioAccountingCliStandIn {

	static final List<String> COLUMNS = PortfolioAccountingRules.COLUMNS;
	static final String MODE_FILE = ".cli-standin-mode";
	static final String RELEASE_FILE = ".cli-standin-release";
	static final String LEDGER_FILE = ".portfolio-accounting-ledger";

	private PortfolioAccountingCliStandIn() {
	}

	public static void main(String[] args) throws Exception {
		System.exit(run(args, System.getenv()));
	}

	/** One run: the exit code. */
	static int run(String[] args, Map<String, String> env) throws IOException, InterruptedException {
		if (args.length == 0 || !args[0].equals("process")) {
			System.err.println("usage: process --file F [--output-dir D] [--batch-size N] [--timeout DUR]"
					+ " [--server-host H] [--server-port P]");
			return 1;
		}
		Map<String, String> flags = flags(args);
		String fileFlag = flags.get("--file");
		if (fileFlag == null) {
			System.err.println("Error: required flag(s) \"file\" not set");
			return 1;
		}
		Path file = Path.of(fileFlag);
		Path outputDir = Path.of(flags.getOrDefault("--output-dir", "."));
		String[] requested = takeMode(env, outputDir).split("\\+");
		String mode = requested[0];
		Map<String, Integer> faults = faults(requested);
		if ("fail".equals(mode)) {
			System.err.println("Error: simulated failure");
			return 3;
		}
		if ("hang".equals(mode)) {
			Thread.sleep(Long.MAX_VALUE); // stands in for a CLI that never returns
		}
		if (mode.startsWith("delay:")) {
			Thread.sleep(Long.parseLong(mode.substring("delay:".length()).trim()));
		}
		if ("hold".equals(mode)) {
			while (!Files.exists(outputDir.resolve(RELEASE_FILE))) {
				Thread.sleep(20);
			}
		}

		String problem = fileProblem(file);
		if (problem == null) {
			Files.createDirectories(outputDir);
		}
		List<List<String>> records = null;
		Map<String, Integer> index = new HashMap<>();
		if (problem == null) {
			String content;
			try {
				content = Files.readString(file, StandardCharsets.UTF_8);
			}
			catch (IOException e) {
				content = null;
				problem = "batch processing failed: failed to read/validate CSV: header validation failed: failed to open file: "
						+ e.getMessage();
			}
			if (content != null) {
				List<List<String>> header = GoCsv.read(content, false);
				if (header.isEmpty()) {
					problem = "batch processing failed: failed to read/validate CSV: header validation failed: failed to read CSV headers: EOF";
				}
				else {
					List<String> names = header.getFirst()
						.stream()
						.map(h -> h.trim().toLowerCase(Locale.ROOT))
						.toList();
					for (String column : COLUMNS) {
						int at = names.lastIndexOf(column);
						if (at < 0) {
							problem = "batch processing failed: failed to read/validate CSV: header validation failed: missing required header: "
									+ column;
							break;
						}
						index.put(column, at);
					}
					List<List<String>> all = GoCsv.read(content, true);
					records = all.subList(1, all.size());
				}
			}
		}
		if (problem != null) {
			System.err.println("Error: processing failed: " + problem);
			return 1;
		}

		long started = System.nanoTime();
		String host = flags.getOrDefault("--server-host", env.get("GLOBECO_PA_SERVER_HOST"));
		String portText = flags.getOrDefault("--server-port", env.get("GLOBECO_PA_SERVER_PORT"));
		int port = portText == null || portText.isBlank() ? 8087 : Integer.parseInt(portText.trim());
		int batchSize = Integer.parseInt(flags.getOrDefault("--batch-size", "1000"));
		if (batchSize <= 0) {
			batchSize = 1000;
		}
		Duration timeout = goDuration(flags.getOrDefault("--timeout", "5m"));

		List<List<String>> errorRows = new ArrayList<>();
		List<Map<String, String>> valid = new ArrayList<>();
		for (List<String> record : records) {
			Map<String, String> row = new LinkedHashMap<>();
			if (record.size() < COLUMNS.size()) {
				COLUMNS.forEach(c -> row.put(c, ""));
				errorRows.add(errorRow(row, "insufficient fields: expected 7, got " + record.size()));
				continue;
			}
			for (String column : COLUMNS) {
				int at = index.get(column);
				String value = at < record.size() ? record.get(at).trim() : "";
				row.put(column, "transaction_type".equals(column) ? value.toUpperCase(Locale.ROOT) : value);
			}
			String rowProblem = PortfolioAccountingRules.cliRowProblem(row);
			if (rowProblem != null) {
				errorRows.add(errorRow(row, rowProblem));
			}
			else {
				valid.add(row);
			}
		}

		boolean offline = host == null || host.isBlank();
		String url = "http://" + (offline ? "localhost" : host.trim()) + ":" + port
				+ PortfolioAccountingServiceStandIn.PATH;
		int success = 0;
		int processed = 0;
		int batches = 0;
		try (Transport transport = offline ? new OfflineTransport(ledgerPath(env, outputDir))
				: new HttpTransport(timeout)) {
			for (int from = 0; from < valid.size(); from += batchSize) {
				List<Map<String, String>> chunk = valid.subList(from, Math.min(valid.size(), from + batchSize));
				batches++;
				String body = Json.write(chunk.stream().map(PortfolioAccountingRules::cliTransaction).toList());
				Reply reply = mode.startsWith("unreachable")
						? new Reply(0, null, "Post \"" + url + "\": dial tcp "
								+ address(offline ? "127.0.0.1" : host.trim(), port) + ": connect: connection refused")
						: transport.post(url, body);
				if (reply.transportError() != null) {
					chunk.forEach(row -> errorRows.add(errorRow(row, reply.transportError())));
				}
				else if (reply.status() != 200 && reply.status() != 201) {
					chunk.forEach(row -> errorRows.add(errorRow(row, "HTTP " + reply.status() + ": " + reply.body())));
				}
				else {
					Map<?, ?> answer = batchAnswer(reply.body());
					if (answer == null) {
						continue; // the real CLI loses these rows: neither success nor
									// error
					}
					success += answer.get("successful") instanceof List<?> ok ? ok.size() : 0;
					if (answer.get("failed") instanceof List<?> failed) {
						for (Object f : failed) {
							Map<?, ?> entry = f instanceof Map<?, ?> m ? m : Map.of();
							Map<?, ?> tx = entry.get("transaction") instanceof Map<?, ?> m ? m : Map.of();
							List<String> messages = new ArrayList<>();
							if (entry.get("errors") instanceof List<?> errors) {
								for (Object e : errors) {
									Map<?, ?> err = e instanceof Map<?, ?> m ? m : Map.of();
									messages.add(goString(err.get("field")) + ": " + goString(err.get("message")));
								}
							}
							List<String> out = new ArrayList<>();
							for (String key : List.of("portfolioId", "securityId", "sourceId", "transactionType",
									"quantity", "price", "transactionDate")) {
								out.add(goSprint(tx.get(key)));
							}
							out.add(String.join("; ", messages));
							errorRows.add(out);
						}
					}
					processed += chunk.size();
				}
			}
		}

		if ("die-after-delivery".equals(mode)) {
			killMe();
		}
		if ("kill-parent-after-delivery".equals(mode)) {
			ProcessHandle.current().parent().ifPresent(ProcessHandle::destroyForcibly);
		}

		Path errorsFile = null;
		// The real CLI ignores a failure to create its errors file and goes on to its
		// summary.
		if (!errorRows.isEmpty() && !"unreachable-without-errors-file".equals(mode)) {
			errorsFile = outputDir.resolve(file.getFileName() + ".errors.csv");
			List<String> header = new ArrayList<>(COLUMNS);
			header.add("error_message");
			StringBuilder out = new StringBuilder(GoCsv.line(header));
			errorRows.forEach(r -> out.append(GoCsv.line(r)));
			byte[] written = out.toString().getBytes(StandardCharsets.UTF_8);
			Integer cut = faults.get("errors-file-cut");
			if (cut != null) { // a full disk stops the buffered writer inside the last
								// line
				int lastLine = written.length - GoCsv.line(errorRows.getLast()).getBytes(StandardCharsets.UTF_8).length;
				written = java.util.Arrays.copyOf(written, lastLine + cut);
			}
			Files.write(errorsFile, written);
		}
		System.out.print("\n=== Processing Results ===\n" + "Input File: " + fileFlag + "\n" + "Total Records: "
				+ records.size() + "\n" + "Processed Records: " + processed + "\n" + "Success Records: " + success
				+ "\n" + "Error Records: " + errorRows.size() + "\n" + "Skipped Records: 0\n" + "Batches Processed: "
				+ batches + "\n" + "Processing Duration: " + goDuration(System.nanoTime() - started) + "\n"
				+ (errorsFile != null ? "Error File: " + errorsFile + "\n" : "")
				+ (!errorRows.isEmpty()
						? "\n⚠️  " + errorRows.size() + " records had errors. Check the error file for details.\n"
						: success > 0 ? "\n✅ All records processed successfully!\n" : "")
				+ "\n");
		for (int i = 0; i < faults.getOrDefault("chatter-after-summary", 0); i++) {
			System.out.println("time=" + java.time.Instant.now() + " level=INFO msg=\"flushing telemetry\" n=" + i);
		}
		System.out.flush();
		return 0;
	}

	/** The faults added to a mode with {@code +}, each with its number. */
	private static Map<String, Integer> faults(String[] requested) {
		Map<String, Integer> faults = new HashMap<>();
		for (int i = 1; i < requested.length; i++) {
			String[] fault = requested[i].split(":", 2);
			faults.put(fault[0].trim(), Integer.parseInt(fault[1].trim()));
		}
		return faults;
	}

	private static String fileProblem(Path file) {
		String prefix = "file validation failed: ";
		if (!Files.exists(file)) {
			return prefix + "file does not exist: " + file;
		}
		if (!Files.isReadable(file) || Files.isDirectory(file)) {
			return prefix + "cannot open file: open " + file + ": permission denied";
		}
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String ext = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
		if (!".csv".equals(ext)) {
			return prefix + "unsupported file format: " + ext + " (only .csv files are supported)";
		}
		return null;
	}

	private static List<String> errorRow(Map<String, String> row, String message) {
		List<String> out = new ArrayList<>(COLUMNS.stream().map(row::get).toList());
		out.add(message);
		return out;
	}

	private static Map<?, ?> batchAnswer(String body) {
		try {
			Object parsed = Json.parse(body.trim());
			if (parsed == null) {
				return Map.of();
			}
			if (parsed instanceof Map<?, ?> m && (m.get("successful") == null || m.get("successful") instanceof List<?>)
					&& (m.get("failed") == null || m.get("failed") instanceof List<?>)) {
				return m;
			}
			return null;
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	/**
	 * fmt.Sprint of a value decoded into interface{}: strings as they are, a missing
	 * value as {@code <nil>}.
	 */
	private static String goSprint(Object value) {
		return switch (value) {
			case null -> "<nil>";
			case BigDecimal d -> PortfolioAccountingRules.plain(d);
			default -> String.valueOf(value);
		};
	}

	private static String goString(Object value) {
		return value instanceof String s ? s : "";
	}

	private static void killMe() throws InterruptedException {
		try {
			new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).inheritIO()
				.start()
				.waitFor();
		}
		catch (IOException e) {
			// no kill(1): fall through
		}
		Runtime.getRuntime().halt(137);
	}

	// ---------------------------------------------------------------- modes

	/**
	 * The mode for this run; a multi-line mode file loses its first line (the last line
	 * stays).
	 */
	static String takeMode(Map<String, String> env, Path outputDir) throws IOException {
		String fromEnv = env.get("CLI_STANDIN_MODE");
		if (fromEnv != null && !fromEnv.isBlank()) {
			return fromEnv.trim();
		}
		Path control = outputDir.resolve(MODE_FILE);
		if (!Files.exists(control)) {
			return "ok";
		}
		try (FileChannel lockFile = FileChannel.open(outputDir.resolve(MODE_FILE + ".lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
			List<String> lines = Files.readAllLines(control, StandardCharsets.UTF_8)
				.stream()
				.map(String::trim)
				.filter(l -> !l.isEmpty())
				.toList();
			if (lines.isEmpty()) {
				return "ok";
			}
			if (lines.size() > 1) {
				Files.writeString(control, String.join("\n", lines.subList(1, lines.size())) + "\n",
						StandardCharsets.UTF_8);
			}
			return lines.getFirst();
		}
	}

	// ---------------------------------------------------------------- flags and formats

	private static Map<String, String> flags(String[] args) {
		Set<String> booleans = Set.of("--skip-sort", "--force", "--verbose", "--dry-run", "-v");
		Map<String, String> flags = new HashMap<>();
		int i = 1;
		while (i < args.length) {
			String arg = args[i++];
			if (booleans.contains(arg)) {
				continue;
			}
			if (arg.startsWith("-")) {
				String name = switch (arg) {
					case "-f" -> "--file";
					case "-o" -> "--output-dir";
					default -> arg;
				};
				int eq = name.indexOf('=');
				if (eq > 0) {
					flags.put(name.substring(0, eq), name.substring(eq + 1));
				}
				else if (i < args.length) {
					flags.put(name, args[i++]); // the flag's value is the next argument
				}
			}
		}
		return flags;
	}

	/** A Go duration such as {@code 5m}, {@code 30s}, {@code 1m30s}, {@code 500ms}. */
	static Duration goDuration(String text) {
		Duration total = Duration.ZERO;
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)")
			.matcher(text.trim());
		while (m.find()) {
			double n = Double.parseDouble(m.group(1));
			long nanos = (long) (n * switch (m.group(2)) {
				case "ns" -> 1L;
				case "us", "µs" -> 1_000L;
				case "ms" -> 1_000_000L;
				case "s" -> 1_000_000_000L;
				case "m" -> 60_000_000_000L;
				default -> 3_600_000_000_000L;
			});
			total = total.plusNanos(nanos);
		}
		return total.isZero() ? Duration.ofMinutes(5) : total;
	}

	/**
	 * Roughly Go's Duration.String(): {@code 1.234567ms}, {@code 2.5s}, {@code 1m2.5s}.
	 */
	static String goDuration(long nanos) {
		if (nanos < 1_000) {
			return nanos + "ns";
		}
		if (nanos < 1_000_000) {
			return trim(BigDecimal.valueOf(nanos, 3)) + "µs";
		}
		if (nanos < 1_000_000_000) {
			return trim(BigDecimal.valueOf(nanos, 6)) + "ms";
		}
		long minutes = nanos / 60_000_000_000L;
		String seconds = trim(BigDecimal.valueOf(nanos % 60_000_000_000L, 9)) + "s";
		return minutes > 0 ? minutes + "m" + seconds : seconds;
	}

	private static String trim(BigDecimal d) {
		return PortfolioAccountingRules.plain(d);
	}

	private static String address(String host, int port) {
		try {
			InetAddress a = InetAddress.getByName(host);
			return (a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress()) + ":" + port;
		}
		catch (UnknownHostException e) {
			return host + ":" + port;
		}
	}

	private static Path ledgerPath(Map<String, String> env, Path outputDir) {
		String override = env.get("CLI_STANDIN_LEDGER");
		return override != null && !override.isBlank() ? Path.of(override) : outputDir.resolve(LEDGER_FILE);
	}

	// ---------------------------------------------------------------- transports

	/** What came back from one POST: a status and body, or Go's client error text. */
	record Reply(int status, String body, String transportError) {
	}

	private interface Transport extends AutoCloseable {

		Reply post(String url, String body);

		@Override
		void close() throws IOException;

	}

	/** Real HTTP, with Go's client error texts for requests that could not be made. */
	private static final class HttpTransport implements Transport {

		private final HttpClient client;

		private final Duration timeout;

		HttpTransport(Duration timeout) {
			this.timeout = timeout;
			this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
		}

		@Override
		public Reply post(String url, String body) {
			URI uri = URI.create(url);
			String prefix = "Post \"" + url + "\": ";
			try {
				HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
					.timeout(timeout)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
					.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
				return new Reply(response.statusCode(), response.body(), null);
			}
			catch (HttpTimeoutException e) {
				return new Reply(0, null,
						prefix + "context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
			}
			catch (ConnectException e) {
				if (e.getCause() instanceof UnknownHostException || unresolvable(uri.getHost())) {
					return new Reply(0, null, prefix + "dial tcp: lookup " + uri.getHost() + ": no such host");
				}
				return new Reply(0, null,
						prefix + "dial tcp " + address(uri.getHost(), uri.getPort()) + ": connect: connection refused");
			}
			catch (IOException e) {
				String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
				if (m.contains("reset")) {
					return new Reply(0, null, prefix + "read tcp " + address(uri.getHost(), uri.getPort())
							+ ": read: connection reset by peer");
				}
				return new Reply(0, null, prefix + "EOF");
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return new Reply(0, null, prefix + "context canceled");
			}
		}

		private static boolean unresolvable(String host) {
			try {
				InetAddress.getByName(host);
				return false;
			}
			catch (UnknownHostException e) {
				return true;
			}
		}

		@Override
		public void close() {
			client.close();
		}

	}

	/**
	 * No service configured: the service's rules applied in-process to a ledger file,
	 * locked for the run.
	 */
	private static final class OfflineTransport implements Transport, PortfolioAccountingRules.Ledger {

		private final FileChannel channel;

		private final FileLock lock;

		private final Set<String> accepted = new HashSet<>();

		private final long[] ids = { 0 };

		OfflineTransport(Path ledger) throws IOException {
			if (ledger.getParent() != null) {
				Files.createDirectories(ledger.getParent());
			}
			channel = FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			lock = channel.lock();
			accepted.addAll(Files.readAllLines(ledger, StandardCharsets.UTF_8));
			ids[0] = accepted.size();
		}

		@Override
		public Reply post(String url, String body) {
			PortfolioAccountingRules.Answer answer = PortfolioAccountingRules.handle(body, this, 207, ids);
			return new Reply(answer.status(), answer.body(), null);
		}

		@Override
		public boolean contains(String sourceId) {
			return accepted.contains(sourceId);
		}

		@Override
		public void accept(String sourceId) {
			accepted.add(sourceId);
			try {
				channel.write(ByteBuffer.wrap((sourceId + "\n").getBytes(StandardCharsets.UTF_8)), channel.size());
			}
			catch (IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		}

		@Override
		public void close() throws IOException {
			lock.release();
			channel.close();
		}

	}

	/** Reads and writes CSV as Go's encoding/csv does. */
	static final class GoCsv {

		private GoCsv() {
		}

		/**
		 * Records in order; blank lines skipped; a malformed record (stray quote)
		 * skipped, as the CLI does.
		 */
		static List<List<String>> read(String content, boolean trimLeadingSpace) {
			List<List<String>> records = new ArrayList<>();
			int i = 0;
			int n = content.length();
			while (i < n) {
				int lineEnd = content.indexOf('\n', i);
				if ((lineEnd < 0 ? content.substring(i) : content.substring(i, lineEnd)).replace("\r", "").isEmpty()) {
					i = lineEnd < 0 ? n : lineEnd + 1;
					continue;
				}
				List<String> fields = new ArrayList<>();
				StringBuilder field = new StringBuilder();
				boolean bad = false;
				boolean endOfRecord = false;
				while (!endOfRecord) {
					if (trimLeadingSpace) {
						while (i < n && (content.charAt(i) == ' ' || content.charAt(i) == '\t')) {
							i++;
						}
					}
					if (i < n && content.charAt(i) == '"') {
						i++;
						while (true) {
							if (i >= n) {
								bad = true;
								break;
							}
							char c = content.charAt(i++);
							if (c == '"') {
								if (i < n && content.charAt(i) == '"') {
									field.append('"');
									i++;
								}
								else {
									break;
								}
							}
							else {
								field.append(c);
							}
						}
						if (!bad && i < n && content.charAt(i) != ',' && content.charAt(i) != '\n'
								&& content.charAt(i) != '\r') {
							bad = true;
						}
					}
					else {
						while (i < n && content.charAt(i) != ',' && content.charAt(i) != '\n') {
							char c = content.charAt(i++);
							if (c == '"') {
								bad = true;
							}
							field.append(c);
						}
						if (field.length() > 0 && field.charAt(field.length() - 1) == '\r'
								&& (i >= n || content.charAt(i) == '\n')) {
							field.setLength(field.length() - 1);
						}
					}
					if (i < n && content.charAt(i) == '\r') {
						i++;
					}
					fields.add(field.toString());
					field.setLength(0);
					if (i < n && content.charAt(i) == ',') {
						i++;
					}
					else {
						while (i < n && content.charAt(i) != '\n') {
							i++; // the rest of a malformed line
						}
						i++;
						endOfRecord = true;
					}
				}
				if (!bad) {
					records.add(fields);
				}
			}
			return records;
		}

		/** One record with Go's quoting rules and a {@code \n} line end. */
		static String line(List<String> fields) {
			StringBuilder out = new StringBuilder();
			for (int f = 0; f < fields.size(); f++) {
				if (f > 0) {
					out.append(',');
				}
				String v = fields.get(f);
				boolean quote = "\\.".equals(v) || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0
						|| v.indexOf('\n') >= 0 || (!v.isEmpty() && Character.isWhitespace(v.charAt(0)));
				out.append(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
			}
			return out.append('\n').toString();
		}

	}

}
