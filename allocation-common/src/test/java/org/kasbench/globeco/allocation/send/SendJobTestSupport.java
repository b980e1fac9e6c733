package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.CommonTestApplication;
import org.kasbench.globeco.allocation.execution.domain.ExecutionRepository;
import org.kasbench.globeco.allocation.send.domain.BatchAudit;
import org.kasbench.globeco.allocation.send.domain.BatchRepository;
import org.kasbench.globeco.allocation.send.domain.ClaimRepository;
import org.kasbench.globeco.allocation.send.job.ExecutionSender;
import org.kasbench.globeco.allocation.testsupport.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Base of the send job's tests: the common module's beans on the run's database, and what
 * the tests drive and read. Each test class says how the CLI runs
 * ({@code @DynamicPropertySource}, with {@code CliStandIns.sendInExecMode}).
 */
@SpringBootTest(classes = CommonTestApplication.class)
abstract class SendJobTestSupport extends DatabaseTest {

	@Autowired
	ExecutionSender sender;

	@Autowired
	BatchRepository batches;

	@Autowired
	BatchAudit audit;

	@Autowired
	ClaimRepository claims;

	@Autowired
	ExecutionRepository executions;

	@Autowired
	JdbcTemplate jdbc;

}
