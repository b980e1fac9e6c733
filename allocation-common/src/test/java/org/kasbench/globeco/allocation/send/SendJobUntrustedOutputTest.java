package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.send.cli.BatchFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kasbench.globeco.allocation.execution.domain.Execution;
import org.kasbench.globeco.allocation.send.domain.FailureReason;
import org.kasbench.globeco.allocation.send.domain.RowVerdict;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.testsupport.CliStandIns;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.kasbench.globeco.allocation.testsupport.HostileCliOutput;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Output that does not fully check out gives no verdict: the attempt FAILS with
 * CLI_FAILED naming what did not check out and records no row's verdict, so the next
 * attempt sends every row of it again (shown once for a line that repeats a row; the
 * retry does not depend on which check failed). Through the real send job and PostgreSQL;
 * the CLI is the stand-in (whose faults are ones the real CLI can show), run by
 * {@link HostileCliOutput} for output no real CLI writes.
 */
class SendJobUntrustedOutputTest extends SendJobTestSupport {

	static final Path FILES = CliStandIns.newFilesDirectory();

	@DynamicPropertySource
	static void send(DynamicPropertyRegistry registry) {
		CliStandIns.sendInExecMode(registry, FILES, "8s");
		String command = HostileCliOutput.command(CliStandIns.execCommand());
		registry.add("allocation.cli.command", () -> command);
	}

	@AfterEach
	void cliBehavesAgain() {
		CliStandIns.mode(FILES, CliStandIns.OK);
		HostileCliOutput.none(FILES);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiterString = "|", quoteCharacter = '`',
			textBlock = """
					last line cut after its first column (full disk) | unreachable+errors-file-cut:25 |  | has 2 columns
					last line cut inside its source id (full disk)   | unreachable+errors-file-cut:53 |  | has 3 columns
					last line without its line break                 | unreachable | truncate -s -1 "$errors" | is cut short
					an extra column                                  | unreachable | sed -i '$ s/$/,extra/' "$errors" | has 9 columns
					an unterminated quote                            | unreachable | sed -i '$ s/"$//' "$errors" | closing quote
					the header missing                               | unreachable | sed -i 1d "$errors"; recount | line 1 is not the CLI's header
					an empty source id                               | unreachable | sed -i '$ s/,AC[0-9]*,/,,/' "$errors" | names source id '',
					a source id of no row of the attempt             | unreachable | sed -i '$ s/,AC[0-9]*,/,AC0,/' "$errors" | names source id 'AC0',
					a byte that is not UTF-8                         | unreachable | sed -i '$ s/refused/refus\\xffed/' "$errors" | is not UTF-8
					two summaries that disagree                      | unreachable | out="$out"$'\\n'"${out/Error Records: /Error Records: 1}" | two processing summaries that disagree
					""")
	void outputThatDoesNotCheckOutGivesNoVerdict(String fault, String mode, String edit, String named) {
		store(3);
		CliStandIns.mode(FILES, mode);
		hostileEdit(edit);

		Batch failed = sender.sendNow();

		assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.failureReason()).isEqualTo(FailureReason.CLI_FAILED);
		assertThat(failed.message()).contains(named);
		assertThat(failed.verdictRecorded()).isFalse();
		assertThat(audit.recordedVerdicts(failed.id())).isEmpty();
	}

	@Test
	void theFailedRowListedTwiceGivesNoVerdictAndTheNextAttemptSendsEveryRowAgain() {
		List<Integer> ids = store(3);
		CliStandIns.modes(FILES, CliStandIns.UNREACHABLE, CliStandIns.OK);
		// The last line becomes the second's row again, as delivered earlier; the count
		// stays.
		hostileEdit("line=$(sed -n 2p \"$errors\"); sed -i '$d' \"$errors\";"
				+ " printf '%s\\n' \"${line%%,\\\"Post*},sourceId: source ID must be unique\" >> \"$errors\"");

		Batch failed = sender.sendNow();

		assertThat(failed.failureReason()).isEqualTo(FailureReason.CLI_FAILED);
		assertThat(failed.message()).contains(" again (first on line 2)");
		everyRowIsSentAgainAndAcceptedOnce(failed, ids);
	}

	@Test
	void aLineNamingADeliveredRowInsteadOfTheFailedOneGivesNoVerdict() {
		List<Integer> ids = store(2);
		int refused = Executions.insertDirectly(jdbc, "BUY", "SHORTPORTFOLIO", BigDecimal.TEN);
		// The refused row's line names a delivered row instead: its columns are still the
		// refused row's.
		hostileEdit("sed -i '$ s/,AC[0-9]*,/,AC" + ids.getFirst() + ",/' \"$errors\"");

		Batch failed = sender.sendNow();

		assertThat(failed.failureReason()).isEqualTo(FailureReason.CLI_FAILED);
		assertThat(failed.message()).contains("does not repeat the attempt's row AC" + ids.getFirst(),
				"portfolio_id is 'SHORTPORTFOLIO'");

		Batch again = sender.retry(failed.id());

		assertThat(again.status()).isEqualTo(BatchStatus.COMPLETED_WITH_REJECTIONS);
		assertThat(again.claimedCount()).isEqualTo(failed.claimedCount());
		assertThat(audit.recordedVerdicts(again.id())).filteredOn(r -> r.verdict() == RowVerdict.REFUSED)
			.extracting(r -> r.sourceId())
			.containsExactly("AC" + refused);
		assertThat(CliStandIns.offlineLedger(FILES)).containsEntry("AC" + ids.get(0), 1)
			.containsEntry("AC" + ids.get(1), 1)
			.doesNotContainKey("AC" + refused);
	}

	@Test
	void aLineNamingARowOfTheBatchClosedInAnEarlierAttemptGivesNoVerdict() {
		store(3);
		// Attempt 1 (believed: it checks out) leaves the first row out, so it counts as
		// delivered; attempt 2 names it.
		CliStandIns.modes(FILES, CliStandIns.UNREACHABLE, CliStandIns.UNREACHABLE, CliStandIns.OK);
		hostileEdit("sed -i 2d \"$errors\"; recount");
		Batch first = sender.sendNow();
		assertThat(first.failureReason()).isEqualTo(FailureReason.NOT_DELIVERED);
		int closed = jdbc.queryForObject("SELECT min(id) FROM execution WHERE batch_id = ?", Integer.class, first.id());
		hostileEdit("sed -i '$ s/,AC[0-9]*,/,AC" + closed + ",/' \"$errors\"");

		Batch second = sender.retry(first.id());

		assertThat(second.failureReason()).isEqualTo(FailureReason.CLI_FAILED);
		assertThat(second.message()).contains("names source id 'AC" + closed + "', which is not a row of this attempt");
		List<String> sentSecond = sourceIds(BatchFiles.fileName(first.id(), 2));

		Batch third = sender.retry(first.id());

		assertThat(third.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(sourceIds(third.fileName())).isEqualTo(sentSecond).doesNotContain("AC" + closed);
	}

	@Test
	void aSummaryFollowedByManyLinesOfOutputIsFound() {
		List<Integer> ids = store(2);
		CliStandIns.mode(FILES, "ok+chatter-after-summary:150");

		Batch batch = sender.sendNow();

		assertThat(batch.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(CliStandIns.offlineLedger(FILES)).containsEntry("AC" + ids.getFirst(), 1);
	}

	private void everyRowIsSentAgainAndAcceptedOnce(Batch failed, List<Integer> ids) {
		List<String> sentFirst = sourceIds(failed.fileName());

		Batch again = sender.retry(failed.id());

		assertThat(again.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(sourceIds(again.fileName())).isEqualTo(sentFirst);
		assertThat(again.acceptedCount()).isEqualTo(again.claimedCount());
		assertThat(ids)
			.allSatisfy(id -> assertThat(CliStandIns.offlineLedger(FILES)).as("AC" + id).containsEntry("AC" + id, 1));
	}

	private static void hostileEdit(String bash) {
		if (bash != null) {
			HostileCliOutput.edits(FILES, bash);
		}
	}

	private List<Integer> store(int count) {
		return executions
			.insertNew(IntStream.range(0, count).mapToObj(i -> Executions.newExecution(Executions.uniqueId())).toList())
			.stream()
			.map(Execution::id)
			.toList();
	}

	private static List<String> sourceIds(String fileName) {
		try {
			return Files.readAllLines(FILES.resolve(fileName)).stream().skip(1).map(l -> l.split(",")[2]).toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
