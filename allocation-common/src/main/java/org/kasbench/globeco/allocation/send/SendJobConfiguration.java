package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.send.domain.ExecutionToSend;
import org.kasbench.globeco.allocation.send.domain.PortfolioAccountingTransaction;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.Map;

/**
 * The send job, shared by the API and the send worker. Its instance is keyed by the batch id, so a failed
 * run restarts from the step that failed, with the same claimed rows and the same file:
 * <ol>
 *   <li>claim: the batch takes every unclaimed execution ready before its start (ends the job when none);</li>
 *   <li>write: a chunk-oriented step streams the claimed rows in id order into a hidden part file;</li>
 *   <li>publish: the part file is renamed into place, so the CLI never sees a partial file;</li>
 *   <li>invoke: the Portfolio Accounting CLI runs on the file;</li>
 *   <li>record: the CLI's errors file decides accepted and rejected rows.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class SendJobConfiguration {

    public static final String JOB_NAME = "sendExecutionsJob";
    public static final String BATCH_ID = "batchId";
    static final String NOTHING_TO_SEND = "NOTHING_TO_SEND";

    /**
     * The file, CLI and outcome steps hold no database transaction while they run (the CLI may take minutes);
     * what they record commits at once in its own short transaction, so a failure is never rolled back.
     */
    private static final PlatformTransactionManager OUTSIDE_A_TRANSACTION = new ResourcelessTransactionManager();

    @Bean
    Job sendExecutionsJob(JobRepository jobs, Step claimStep, Step writeFileStep, Step publishFileStep,
                          Step invokeCliStep, Step recordOutcomeStep, SendJobListener listener,
                          ObservationRegistry observations) {
        return new JobBuilder(JOB_NAME, jobs)
                .observationRegistry(observations)
                .listener(listener)
                .start(claimStep).on(NOTHING_TO_SEND).end()
                .from(claimStep).on(ExitStatus.COMPLETED.getExitCode()).to(writeFileStep)
                .from(claimStep).on("*").fail()
                .from(writeFileStep).next(publishFileStep).next(invokeCliStep).next(recordOutcomeStep)
                .end()
                .build();
    }

    @Bean
    Step claimStep(JobRepository jobs, PlatformTransactionManager tx, SendTasklets tasklets, ObservationRegistry observations) {
        return taskletStep("claim", tasklets::claim, tx, jobs, observations);
    }

    @Bean
    Step writeFileStep(JobRepository jobs, PlatformTransactionManager tx, SendProperties send,
                       JdbcPagingItemReader<ExecutionToSend> claimedExecutionsReader,
                       FlatFileItemWriter<PortfolioAccountingTransaction> cliFileWriter, ObservationRegistry observations) {
        return new StepBuilder("writeFile", jobs)
                .observationRegistry(observations)
                .<ExecutionToSend, PortfolioAccountingTransaction>chunk(send.chunkSize())
                .reader(claimedExecutionsReader)
                .processor(PortfolioAccountingTransaction::of)
                .writer(cliFileWriter)
                .transactionManager(tx)
                .build();
    }

    @Bean
    Step publishFileStep(JobRepository jobs, SendTasklets tasklets, ObservationRegistry observations) {
        return taskletStep("publishFile", tasklets::publishFile, OUTSIDE_A_TRANSACTION, jobs, observations);
    }

    @Bean
    Step invokeCliStep(JobRepository jobs, SendTasklets tasklets, ObservationRegistry observations) {
        // Also on a restart that failed after it: the CLI's verdict is re-read from a fresh run; rows it had
        // delivered come back as duplicates, which count as accepted.
        return new StepBuilder("invokeCli", jobs).observationRegistry(observations).allowStartIfComplete(true)
                .tasklet(tasklets::invokeCli, OUTSIDE_A_TRANSACTION).build();
    }

    @Bean
    Step recordOutcomeStep(JobRepository jobs, SendTasklets tasklets, ObservationRegistry observations) {
        return taskletStep("recordOutcome", tasklets::recordOutcome, OUTSIDE_A_TRANSACTION, jobs, observations);
    }

    private static Step taskletStep(String name, Tasklet tasklet, PlatformTransactionManager tx, JobRepository jobs,
                                    ObservationRegistry observations) {
        return new StepBuilder(name, jobs).observationRegistry(observations).tasklet(tasklet, tx).build();
    }

    /** Keyset paging on the primary key: constant memory, and a restart resumes after the last committed chunk. */
    @Bean
    @StepScope
    JdbcPagingItemReader<ExecutionToSend> claimedExecutionsReader(DataSource dataSource, SendProperties send,
                                                                  @Value("#{jobParameters['batchId']}") Long batchId)
            throws Exception {
        return new JdbcPagingItemReaderBuilder<ExecutionToSend>()
                .name("claimedExecutions")
                .dataSource(dataSource)
                .selectClause("id, portfolio_id, security_id, trade_type, quantity, average_price, trade_date")
                .fromClause("execution")
                .whereClause("batch_id = :batchId")
                .parameterValues(Map.of(BATCH_ID, batchId.intValue()))
                .sortKeys(Map.of("id", Order.ASCENDING))
                .pageSize(send.chunkSize())
                .fetchSize(send.chunkSize())
                .rowMapper((rs, n) -> new ExecutionToSend(rs.getInt("id"), rs.getString("portfolio_id"),
                        rs.getString("security_id"), rs.getString("trade_type"), rs.getBigDecimal("quantity"),
                        rs.getBigDecimal("average_price"), rs.getObject("trade_date", LocalDate.class)))
                .build();
    }

    @Bean
    @StepScope
    FlatFileItemWriter<PortfolioAccountingTransaction> cliFileWriter(BatchFiles files,
                                                                     @Value("#{jobParameters['batchId']}") Long batchId) {
        return new FlatFileItemWriterBuilder<PortfolioAccountingTransaction>()
                .name("cliFile")
                .resource(new FileSystemResource(files.partFile(batchId.intValue())))
                .headerCallback(writer -> writer.write(CliFileFormat.HEADER))
                .lineAggregator(CliFileFormat::line)
                .encoding("UTF-8")
                .build();
    }
}
