package org.kasbench.globeco.allocation.execution.persistence;

import org.junit.jupiter.api.Test;
import org.kasbench.globeco.allocation.CommonTestApplication;
import org.kasbench.globeco.allocation.execution.domain.Execution;
import org.kasbench.globeco.allocation.execution.domain.ExecutionQuery;
import org.kasbench.globeco.allocation.execution.domain.ExecutionRepository;
import org.kasbench.globeco.allocation.execution.domain.NewExecution;
import org.kasbench.globeco.allocation.shared.domain.Page;
import org.kasbench.globeco.allocation.testsupport.DatabaseTest;
import org.kasbench.globeco.allocation.testsupport.Executions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = CommonTestApplication.class)
class JdbcExecutionRepositoryTest extends DatabaseTest {

	@Autowired
	ExecutionRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void storesExactlyAndLeavesReadyTimeAndVersionToTheDatabase() {
		int id = Executions.uniqueId();
		NewExecution e = Executions.newExecution(id);
		e = new NewExecution(id, e.executionStatus(), e.tradeType(), e.destination(), e.tradeDate(), e.securityId(),
				e.ticker(), e.portfolioId(), e.orderId(), new BigDecimal("1234567890.12345678"),
				new BigDecimal("0.00000001"), OffsetDateTime.parse("2025-05-27T10:39:27.509362-04:00"),
				e.sentTimestamp(), e.lastFillTimestamp(), e.quantityFilled(), e.totalAmount(),
				new BigDecimal("0.00000001"));
		OffsetDateTime before = jdbc.queryForObject("SELECT now()", OffsetDateTime.class);

		Execution stored = repository.insertNew(List.of(e)).getFirst();

		assertThat(stored.quantity()).isEqualByComparingTo("1234567890.12345678");
		assertThat(stored.quantity().toPlainString()).isEqualTo("1234567890.12345678");
		assertThat(stored.averagePrice()).isEqualByComparingTo("0.00000001");
		assertThat(stored.isOpen()).isFalse();
		assertThat(stored.version()).isEqualTo(1);
		assertThat(stored.batchId()).isNull();
		assertThat(stored.readyToSendTimestamp()).isAfterOrEqualTo(before);
		assertThat(stored.receivedTimestamp().toInstant())
			.isEqualTo(OffsetDateTime.parse("2025-05-27T14:39:27.509362Z").toInstant());
		assertThat(jdbc.queryForObject("SELECT received_timestamp::text FROM execution WHERE id = ?", String.class,
				stored.id()))
			.as("UTC in the database session")
			.isEqualTo("2025-05-27 14:39:27.509362+00");
	}

	@Test
	void insertSkipsIdsAlreadyStoredAndReturnsOnlyNewRows() {
		int existing = Executions.uniqueId();
		int fresh = Executions.uniqueId();
		repository.insertNew(List.of(Executions.newExecution(existing)));

		List<Execution> inserted = repository
			.insertNew(List.of(Executions.newExecution(existing), Executions.newExecution(fresh)));

		assertThat(inserted).extracting(Execution::executionServiceId).containsExactly(fresh);
		assertThat(repository.findByExecutionServiceIds(List.of(existing, fresh))).containsOnlyKeys(existing, fresh);
	}

	@Test
	void concurrentInsertsOfTheSameIdEndInOneRow() {
		int id = Executions.uniqueId();
		CyclicBarrier together = new CyclicBarrier(8);
		List<CompletableFuture<List<Execution>>> writers = IntStream.range(0, 8)
			.mapToObj(i -> CompletableFuture.supplyAsync(() -> {
				try {
					together.await();
				}
				catch (Exception e) {
					throw new IllegalStateException(e);
				}
				return repository.insertNew(List.of(Executions.newExecution(id)));
			}))
			.toList();

		int rowsReturned = writers.stream().mapToInt(f -> f.join().size()).sum();

		assertThat(rowsReturned).isEqualTo(1);
		assertThat(
				jdbc.queryForObject("SELECT count(*) FROM execution WHERE execution_service_id = ?", Integer.class, id))
			.isEqualTo(1);
	}

	@Test
	void findsByFilterWithStableSortAndPaging() {
		String ticker = "T" + Executions.uniqueId();
		List<Integer> ids = IntStream.range(0, 5).mapToObj(i -> Executions.uniqueId()).toList();
		repository.insertNew(ids.stream().map(id -> {
			NewExecution e = Executions.newExecution(id);
			return new NewExecution(id, e.executionStatus(), id % 2 == 0 ? "BUY" : "SELL", e.destination(),
					e.tradeDate(), e.securityId(), ticker, e.portfolioId(), e.orderId(), e.quantity(), e.limitPrice(),
					e.receivedTimestamp(), e.sentTimestamp(), e.lastFillTimestamp(), e.quantityFilled(),
					e.totalAmount(), e.averagePrice());
		}).toList());

		Page<Execution> firstTwo = repository.find(new ExecutionQuery(Map.of("ticker", ticker),
				List.of(new ExecutionQuery.SortKey("executionServiceId", true)), 2, 0));
		Page<Execution> last = repository.find(new ExecutionQuery(Map.of("ticker", ticker),
				List.of(new ExecutionQuery.SortKey("executionServiceId", true)), 2, 4));

		assertThat(firstTwo.totalElements()).isEqualTo(5);
		assertThat(firstTwo.totalPages()).isEqualTo(3);
		assertThat(firstTwo.hasNext()).isTrue();
		assertThat(firstTwo.items()).extracting(Execution::executionServiceId).containsExactly(ids.get(4), ids.get(3));
		assertThat(last.items()).extracting(Execution::executionServiceId).containsExactly(ids.get(0));
		assertThat(last.hasNext()).isFalse();
		assertThat(last.hasPrevious()).isTrue();
		assertThat(
				repository.find(new ExecutionQuery(Map.of("executionServiceId", ids.get(2)), List.of(), 50, 0)).items())
			.singleElement()
			.extracting(Execution::executionServiceId)
			.isEqualTo(ids.get(2));
	}

	@Test
	void findsNothingForUnknownId() {
		assertThat(repository.findById(-1)).isEmpty();
	}

}
