package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.cli.CliSummary;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What the steps of an attempt hand on to the later ones, every key in this one place. A
 * step puts its results in its own step execution's context and an
 * {@link ExecutionContextPromotionListener} promotes them to the job execution's, where
 * the later steps read them, as Spring Batch's samples pass data between steps.
 */
final class AttemptResults {

	private static final String ROWS_WRITTEN = "rowsWritten";

	private static final String CLI_TOTAL = "cli.summary.total";

	private static final String CLI_SUCCESS = "cli.summary.success";

	private static final String CLI_ERRORS = "cli.summary.errors";

	private AttemptResults() {
	}

	/** Promotes a completed step's results to the job execution's context. */
	static ExecutionContextPromotionListener promotion() {
		ExecutionContextPromotionListener promotion = new ExecutionContextPromotionListener();
		promotion.setKeys(new String[] { ROWS_WRITTEN, CLI_TOTAL, CLI_SUCCESS, CLI_ERRORS });
		return promotion;
	}

	/** Keeps how many rows the write step put into the file. */
	static StepExecutionListener rowsWrittenCounter() {
		return new StepExecutionListener() {
			@Override
			public ExitStatus afterStep(StepExecution step) {
				step.getExecutionContext().putLong(ROWS_WRITTEN, step.getWriteCount());
				return null;
			}
		};
	}

	static long rowsWritten(ChunkContext context) {
		return of(context).getLong(ROWS_WRITTEN);
	}

	static void putCliSummary(StepContribution contribution, CliSummary summary) {
		ExecutionContext results = contribution.getStepExecution().getExecutionContext();
		results.putLong(CLI_TOTAL, summary.total());
		results.putLong(CLI_SUCCESS, summary.success());
		results.putLong(CLI_ERRORS, summary.errors());
	}

	static CliSummary cliSummary(ChunkContext context) {
		ExecutionContext results = of(context);
		return new CliSummary(results.getLong(CLI_TOTAL), results.getLong(CLI_SUCCESS), results.getLong(CLI_ERRORS));
	}

	private static ExecutionContext of(ChunkContext context) {
		return context.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
	}

}
