package org.kasbench.globeco.allocation.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A test-only CLI that no real one is: it runs the CLI stand-in, then makes its output
 * hostile as the test asks, to show that output which does not fully check out gives no
 * verdict. Each run takes the first of the queued edits ({@link #edits}): a one-line bash
 * snippet that may change {@code $errors} (the errors file) and {@code $out} (what the
 * CLI printed), and call {@code recount} to make the summary count the errors file's
 * lines again.
 */
public final class HostileCliOutput {

	private static final String EDITS = ".hostile-edits";

	private static final String SCRIPT = """
			#!/usr/bin/env bash
			file=$1; dir=$2; shift 2
			out=$("$@" 2>&1); rc=$?
			errors="$dir/$(basename "$file").errors.csv"
			recount() {
			  local n total
			  n=$(( $(wc -l < "$errors") - 1 ))
			  total=$(printf '%s\\n' "$out" | sed -n 's/^Total Records: //p')
			  out=$(printf '%s\\n' "$out" | sed -e "s/^Error Records: .*/Error Records: $n/" \\
			      -e "s/^Success Records: .*/Success Records: $((total - n))/")
			}
			if [ -s "$dir/.hostile-edits" ]; then
			  edit=$(head -n 1 "$dir/.hostile-edits")
			  sed -i 1d "$dir/.hostile-edits"
			  eval "$edit"
			fi
			printf '%s\\n' "$out"
			exit $rc
			""";

	private HostileCliOutput() {
	}

	/**
	 * The exec-mode command line that runs {@code cliCommand} (a stand-in command line
	 * with {@code {file}} and {@code {dir}}) and then the next queued edit.
	 */
	public static String command(String cliCommand) {
		try {
			Path script = Files.writeString(Files.createTempDirectory("hostile-cli").resolve("hostile-cli.sh"), SCRIPT);
			return "bash " + script + " {file} {dir} " + cliCommand;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Queues one edit per later run that writes into {@code dir}, in order. */
	public static void edits(Path dir, String... bash) {
		try {
			Files.write(dir.resolve(EDITS), List.of(bash));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** No edit for any later run. */
	public static void none(Path dir) {
		try {
			Files.deleteIfExists(dir.resolve(EDITS));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
