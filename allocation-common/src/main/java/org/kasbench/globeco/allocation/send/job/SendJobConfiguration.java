package org.kasbench.globeco.allocation.send.job;

import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.cli.BatchFiles;
import org.kasbench.globeco.allocation.send.cli.CliFileFormat;

import io.micrometer.observation.ObservationRegistry;
import org.kasbench.globeco.allocation.send.domain.Attempt;
import org.kasbench.globeco.allocation.send.domain.ExecutionToSend;
import org.kasbench.globeco.allocation.send.domain.PortfolioAccountingTransaction;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.batch.autoconfigure.BatchTransactionManager;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.util.Map;

/**
 * The send job, shared by the API and the send worker. One instance per attempt of a
 * batch ({@link SendJobParameters}); every attempt runs every step:
 * <ol>
 * <li>claim: on the first attempt the batch takes every unclaimed execution ready before
 * its start (ends the job when there is none);</li>
 * <li>write: a chunk-oriented step streams the rows still to deliver, in id order, into a
 * hidden part file (all claimed rows on a first attempt, or after a run that gave no
 * verdict; else only rows not delivered);</li>
 * <li>publish: the part file is renamed into place, so the CLI never sees a partial
 * file;</li>
 * <li>invoke: the Portfolio Accounting CLI runs on the file;</li>
 * <li>verdict: the CLI's errors file gives each row its verdict.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class SendJobConfiguration {

	public static final String JOB_NAME = "sendExecutionsJob";

	/**
	 * The file, CLI and verdict steps hold no database transaction while they run (the
	 * CLI may take minutes); what they record commits at once in its own short
	 * transaction, so a failure is never rolled back.
	 */
	private static final PlatformTransactionManager OUTSIDE_A_TRANSACTION = new ResourcelessTransactionManager();

	@Bean
	Job sendExecutionsJob(JobRepository jobs, Step claimStep, Step writeFileStep, Step publishFileStep,
			Step invokeCliStep, Step recordVerdictStep, SendJobListener listener, ObservationRegistry observations) {
		return new JobBuilder(JOB_NAME, jobs).observationRegistry(observations)
			.listener(listener)
			.start(claimStep)
			.on(ClaimTasklet.NOTHING_TO_SEND)
			.end()
			.from(claimStep)
			.on(ExitStatus.COMPLETED.getExitCode())
			.to(writeFileStep)
			.from(claimStep)
			.on("*")
			.fail()
			.from(writeFileStep)
			.next(publishFileStep)
			.next(invokeCliStep)
			.next(recordVerdictStep)
			.end()
			.build();
	}

	@Bean
	Step claimStep(JobRepository jobs, @BatchTransactionManager PlatformTransactionManager tx, ClaimTasklet tasklet,
			ObservationRegistry observations) {
		return taskletStep("claim", tasklet, tx, jobs, observations);
	}

	@Bean
	Step writeFileStep(JobRepository jobs, @BatchTransactionManager PlatformTransactionManager tx, SendProperties send,
			JdbcPagingItemReader<ExecutionToSend> rowsToDeliverReader,
			FlatFileItemWriter<PortfolioAccountingTransaction> cliFileWriter, ObservationRegistry observations) {
		return new StepBuilder("writeFile", jobs).observationRegistry(observations)
			.<ExecutionToSend, PortfolioAccountingTransaction>chunk(send.chunkSize())
			.reader(rowsToDeliverReader)
			.processor(PortfolioAccountingTransaction::of)
			.writer(cliFileWriter)
			.transactionManager(tx)
			// Registered in this order because Spring Batch calls afterStep in reverse:
			// the count is in the step's context before it is promoted.
			.listener(AttemptResults.promotion())
			.listener(AttemptResults.rowsWrittenCounter())
			.build();
	}

	@Bean
	Step publishFileStep(JobRepository jobs, PublishFileTasklet tasklet, ObservationRegistry observations) {
		return taskletStep("publishFile", tasklet, OUTSIDE_A_TRANSACTION, jobs, observations);
	}

	@Bean
	Step invokeCliStep(JobRepository jobs, InvokeCliTasklet tasklet, ObservationRegistry observations) {
		return new StepBuilder("invokeCli", jobs).observationRegistry(observations)
			.tasklet(tasklet, OUTSIDE_A_TRANSACTION)
			.listener(AttemptResults.promotion())
			.build();
	}

	@Bean
	Step recordVerdictStep(JobRepository jobs, RecordVerdictTasklet tasklet, ObservationRegistry observations) {
		return taskletStep("recordVerdict", tasklet, OUTSIDE_A_TRANSACTION, jobs, observations);
	}

	private static Step taskletStep(String name, Tasklet tasklet, PlatformTransactionManager tx, JobRepository jobs,
			ObservationRegistry observations) {
		return new StepBuilder(name, jobs).observationRegistry(observations).tasklet(tasklet, tx).build();
	}

	/**
	 * Keyset paging on the primary key: constant memory. Every attempt writes its file
	 * afresh (no restart state), so a file is always exactly the rows still to deliver.
	 */
	@Bean
	@StepScope
	JdbcPagingItemReader<ExecutionToSend> rowsToDeliverReader(@BatchDataSource DataSource dataSource,
			SendProperties send, BatchRepository batches, @Value("#{stepExecution}") StepExecution step)
			throws Exception {
		int batchId = SendJobParameters.attempt(step.getJobParameters()).batchId();
		boolean onlyUndelivered = batches.find(batchId).orElseThrow().verdictRecorded();
		return new JdbcPagingItemReaderBuilder<ExecutionToSend>().name("rowsToDeliver")
			.saveState(false)
			.dataSource(dataSource)
			.selectClause("id, portfolio_id, security_id, trade_type, quantity, average_price, trade_date")
			.fromClause("execution")
			.whereClause(
					onlyUndelivered
							? "batch_id = :batchId AND id IN (SELECT execution_id FROM send_row_verdict"
									+ " WHERE batch_id = :batchId AND verdict = 'NOT_DELIVERED')"
							: "batch_id = :batchId")
			.parameterValues(Map.of(SendJobParameters.BATCH_ID, batchId))
			.sortKeys(Map.of("id", Order.ASCENDING))
			.pageSize(send.chunkSize())
			.fetchSize(send.chunkSize())
			.rowMapper(new DataClassRowMapper<>(ExecutionToSend.class))
			.build();
	}

	@Bean
	@StepScope
	FlatFileItemWriter<PortfolioAccountingTransaction> cliFileWriter(BatchFiles files,
			@Value("#{stepExecution}") StepExecution step) {
		Attempt attempt = SendJobParameters.attempt(step.getJobParameters());
		return new FlatFileItemWriterBuilder<PortfolioAccountingTransaction>().name("cliFile")
			.saveState(false)
			.resource(new FileSystemResource(files.partFile(attempt.batchId(), attempt.number())))
			.headerCallback(writer -> writer.write(CliFileFormat.HEADER))
			.lineAggregator(CliFileFormat::line)
			.encoding("UTF-8")
			.build();
	}

}
