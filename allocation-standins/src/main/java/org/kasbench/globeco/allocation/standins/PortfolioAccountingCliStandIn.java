package org.kasbench.globeco.allocation.standins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Portfolio Accounting CLI's {@code process} command as peers.md describes it: it validates every row by
 * the CLI's rules, "posts" the valid ones to a ledger of accepted {@code source_id}s (standing in for the
 * Portfolio Accounting database, where a source id is unique, so a re-send comes back as duplicates), writes
 * the rows that failed to {@code <output-dir>/<file name>.errors.csv}, prints the summary block, and exits 0
 * even when rows failed. It exits non-zero only when the file itself cannot be processed.
 *
 * <p>{@code CLI_STANDIN_MODE} (or a {@code .cli-standin-mode} file in the output directory) makes it misbehave
 * for tests: {@code fail} exits 3 at once, {@code hang} never finishes, {@code unreachable} makes every row an
 * error as an unreachable service would.
 * {@code CLI_STANDIN_LEDGER} names the ledger file (default {@code <output-dir>/.portfolio-accounting-ledger}).
 */
public final class PortfolioAccountingCliStandIn {

    static final List<String> COLUMNS = List.of("portfolio_id", "security_id", "source_id", "transaction_type",
            "quantity", "price", "transaction_date");
    private static final Set<String> TYPES = Set.of("BUY", "SELL", "SHORT", "COVER", "DEP", "WD", "IN", "OUT");
    private static final Set<String> CASH_TYPES = Set.of("DEP", "WD");

    private PortfolioAccountingCliStandIn() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> env) throws IOException, InterruptedException {
        if (args.length == 0 || !args[0].equals("process")) {
            System.err.println("usage: process --file F [--output-dir D]");
            return 2;
        }
        Map<String, String> flags = flags(args);
        String fileFlag = flags.get("--file");
        if (fileFlag == null) {
            System.err.println("Error: --file is required");
            return 1;
        }
        Path file = Path.of(fileFlag);
        Path outputDir = Path.of(flags.getOrDefault("--output-dir", file.toAbsolutePath().getParent().toString()));
        String mode = mode(env, outputDir);
        if (mode.equals("fail")) {
            System.err.println("Error: simulated failure");
            return 3;
        }
        if (mode.equals("hang")) {
            Thread.sleep(Long.MAX_VALUE); // stands in for a CLI that never returns
        }
        if (!fileFlag.endsWith(".csv")) {
            System.err.println("Error: file must have a .csv extension");
            return 1;
        }
        if (!Files.isReadable(file)) {
            System.err.println("Error: cannot read " + file);
            return 1;
        }
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return process(lines, file, outputDir, mode, env);
        }
    }

    private static int process(BufferedReader lines, Path file, Path outputDir, String mode, Map<String, String> env)
            throws IOException {
        String headerLine = lines.readLine();
        if (headerLine == null) {
            System.err.println("Error: file is empty");
            return 1;
        }
        List<String> header = split(headerLine).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        Map<String, Integer> index = new HashMap<>();
        for (String column : COLUMNS) {
            int at = header.indexOf(column);
            if (at < 0 && !column.equals("security_id")) {
                System.err.println("Error: required header missing: " + column);
                return 1;
            }
            index.put(column, at);
        }

        Path ledger = Path.of(env.getOrDefault("CLI_STANDIN_LEDGER", outputDir.resolve(".portfolio-accounting-ledger").toString()));
        List<String> errors = new ArrayList<>();
        int total = 0;
        int success = 0;
        try (FileChannel channel = FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            Set<String> accepted = new HashSet<>(Files.readAllLines(ledger, StandardCharsets.UTF_8));
            StringBuilder newlyAccepted = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                total++;
                List<String> fields = split(line);
                Map<String, String> row = new HashMap<>();
                for (String column : COLUMNS) {
                    int at = index.get(column);
                    row.put(column, at >= 0 && at < fields.size() ? fields.get(at).trim() : "");
                }
                String problem = mode.equals("unreachable") ? "failed to post batch: connection refused" : validate(row);
                if (problem == null && accepted.contains(row.get("source_id"))) {
                    problem = "duplicate source_id: transaction " + row.get("source_id") + " already exists";
                }
                if (problem != null) {
                    errors.add(csv(COLUMNS.stream().map(row::get).toList()) + "," + quote(problem));
                } else {
                    accepted.add(row.get("source_id"));
                    newlyAccepted.append(row.get("source_id")).append('\n');
                    success++;
                }
            }
            try (RandomAccessFile append = new RandomAccessFile(ledger.toFile(), "rw")) {
                append.seek(append.length());
                append.write(newlyAccepted.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!errors.isEmpty()) {
            Files.createDirectories(outputDir);
            List<String> out = new ArrayList<>();
            out.add(String.join(",", COLUMNS) + ",error_message");
            out.addAll(errors);
            Files.write(outputDir.resolve(file.getFileName() + ".errors.csv"), out, StandardCharsets.UTF_8);
        }
        System.out.println("=== Processing Results ===");
        System.out.println("Total Records: " + total);
        System.out.println("Success Records: " + success);
        System.out.println("Error Records: " + errors.size());
        return 0;
    }

    static String validate(Map<String, String> row) {
        String type = row.get("transaction_type").toUpperCase(Locale.ROOT);
        if (row.get("portfolio_id").length() != 24) {
            return "portfolio_id must be exactly 24 characters";
        }
        String security = row.get("security_id");
        if (CASH_TYPES.contains(type) ? !security.isEmpty() : security.length() != 24) {
            return "security_id must be 24 characters (empty only for DEP and WD)";
        }
        String source = row.get("source_id");
        if (source.isEmpty() || source.length() > 50) {
            return "source_id is required and at most 50 characters";
        }
        if (!TYPES.contains(type)) {
            return "invalid transaction_type: " + row.get("transaction_type");
        }
        try {
            new BigDecimal(row.get("quantity"));
        } catch (NumberFormatException e) {
            return "quantity must be a decimal";
        }
        try {
            if (new BigDecimal(row.get("price")).signum() <= 0) {
                return "price must be greater than 0";
            }
        } catch (NumberFormatException e) {
            return "price must be a decimal";
        }
        try {
            LocalDate.parse(row.get("transaction_date"), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return "transaction_date must be YYYYMMDD";
        }
        return null;
    }

    /** From the environment, else from a {@code .cli-standin-mode} file in the output directory (tests switch it at run time). */
    private static String mode(Map<String, String> env, Path outputDir) throws IOException {
        Path control = outputDir.resolve(".cli-standin-mode");
        if (env.containsKey("CLI_STANDIN_MODE")) {
            return env.get("CLI_STANDIN_MODE");
        }
        return Files.exists(control) ? Files.readString(control).trim() : "ok";
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].startsWith("--")) {
                flags.put(args[i], args[i + 1]);
            }
        }
        return flags;
    }

    /** Splits one CSV line, honouring double quotes. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String csv(List<String> values) {
        return String.join(",", values.stream().map(PortfolioAccountingCliStandIn::quote).toList());
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
