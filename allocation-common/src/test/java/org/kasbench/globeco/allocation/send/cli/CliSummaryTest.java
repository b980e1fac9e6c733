package org.kasbench.globeco.allocation.send.cli;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's summary must account for every row before any row is taken as delivered. */
class CliSummaryTest {

	private static final String REAL_OUTPUT = """
			time=2025-05-27T14:41:44Z level=INFO msg="processing file" file=/data/allocation-batch-000007-1.csv
			=== Processing Results ===
			Input File: /data/allocation-batch-000007-1.csv
			Total Records: 3000
			Processed Records: 3000
			Success Records: 2000
			Error Records: 1000
			Skipped Records: 0
			Batches Processed: 3
			Processing Duration: 1.2s
			Error File: /data/allocation-batch-000007-1.csv.errors.csv
			""";

	@Test
	void readsTheCountsOfTheRealSummaryBlock() {
		assertThat(summaryOf(REAL_OUTPUT).summary()).isEqualTo(new CliSummary(3000, 2000, 1000));
		assertThat(summaryOf("Error: simulated failure").problem()).contains("no processing summary");
		assertThat(summaryOf(null).summary()).isNull();
	}

	@Test
	void findsTheSummaryWhereverItStandsAndTheSameOneTwiceIsStillOne() {
		String chatter = "level=INFO msg=\"flushing\"\n".repeat(200);

		assertThat(summaryOf(chatter + REAL_OUTPUT + chatter).summary()).isEqualTo(new CliSummary(3000, 2000, 1000));
		assertThat(summaryOf(REAL_OUTPUT + REAL_OUTPUT).summary()).isEqualTo(new CliSummary(3000, 2000, 1000));
	}

	@Test
	void keepsOnlyTheLastLinesEachCutShortWhateverTheOutput() {
		CliOutput read = new CliOutput();
		read.readAll(new StringReader("x".repeat(1_000_000) + "\n" + REAL_OUTPUT + "chatter\n".repeat(100)));

		assertThat(read.summary().summary()).isEqualTo(new CliSummary(3000, 2000, 1000));
		assertThat(read.tail().lines()).hasSize(CliOutput.TAIL_LINES).containsOnly("chatter");

		CliOutput longLine = new CliOutput();
		longLine.readAll(new StringReader("x".repeat(1_000_000)));
		assertThat(longLine.tail()).hasSize(CliOutput.MAX_LINE + "...".length());
	}

	@Test
	void twoSummariesThatDisagreeOrCountsOutsideASummaryAreNotBelieved() {
		assertThat(summaryOf(REAL_OUTPUT + REAL_OUTPUT.replace("Error Records: 1000", "Error Records: 999")).problem())
			.contains("two processing summaries that disagree");
		assertThat(summaryOf(REAL_OUTPUT.replace("Error Records: 1000", "Error Records: 1000\nError Records: 0"))
			.problem()).contains("Error Records twice");
		assertThat(summaryOf("Total Records: 3\nSuccess Records: 3\nError Records: 0").summary()).as("no summary block")
			.isNull();
	}

	@Test
	void vouchesOnlyWhenEveryRowAndEveryErrorLineIsAccountedFor() {
		CliSummary summary = new CliSummary(3000, 2000, 1000);

		assertThat(summary.disagreement(3000, 1000)).isEmpty();
		assertThat(summary.disagreement(3000, 0)).as("errors file missing or cut short")
			.get()
			.asString()
			.contains("1000 error records", "has 0");
		assertThat(summary.disagreement(3001, 1000)).as("not the file we wrote").isPresent();
		assertThat(new CliSummary(3000, 1000, 1000).disagreement(3000, 1000))
			.as("a chunk whose answer it could not decode")
			.get()
			.asString()
			.contains("2000 of 3000");
	}

	/** The summary of a whole output, read as the CLI's output is. */
	private static CliSummary.Printed summaryOf(String output) {
		CliOutput read = new CliOutput();
		if (output != null) {
			read.readAll(new StringReader(output));
		}
		return read.summary();
	}

}
