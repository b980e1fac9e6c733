package org.kasbench.globeco.allocation.api.tradeservice;

import feign.FeignException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.kasbench.globeco.allocation.execution.domain.IngestFailure;
import org.kasbench.globeco.allocation.execution.domain.TradeOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Finds the trade order (portfolio and order id) behind an execution, with retries
 * (exponential backoff with jitter) around Spring Cloud CircuitBreaker's Resilience4j
 * circuit breaker and bulkhead: when the Trade Service is down the breaker opens and
 * look-ups fail fast instead of holding callers for the whole retry schedule, and the
 * bulkhead bounds the calls in flight across the process (both configured under
 * {@code resilience4j.*.instances.trade-service}).
 */
@Component
public class TradeOrderLookup {

	public static final String NAME = "trade-service";

	private static final Logger log = LoggerFactory.getLogger(TradeOrderLookup.class);

	private static final Predicate<Throwable> TRANSIENT = new TransientTradeServiceFailure();

	private final TradeServiceClient client;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final MeterRegistry meters;

	/** By outcome: FOUND first, then each failure by its ordinal. */
	private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(IngestFailure.values().length + 1);

	TradeOrderLookup(TradeServiceClient client, TradeServiceProperties properties,
			CircuitBreakerFactory<?, ?> circuitBreakers, RetryRegistry retries, MeterRegistry meters) {
		this.client = client;
		this.meters = meters;
		this.circuitBreaker = circuitBreakers.create(NAME);
		this.retry = retries.retry(NAME,
				RetryConfig.custom()
					.maxAttempts(properties.maxAttempts())
					.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.initialBackoff(),
							properties.backoffMultiplier(), properties.backoffJitter()))
					.retryOnException(TRANSIENT)
					.failAfterMaxAttempts(false)
					.build());
	}

	/** The outcome of one look-up: either a trade order or the reason there is none. */
	public record Result(TradeOrder order, IngestFailure failure, String message) {

		static Result found(TradeOrder order) {
			return new Result(order, null, null);
		}

		static Result failed(IngestFailure failure, String message) {
			return new Result(null, failure, message);
		}
	}

	public Result find(int executionServiceId) {
		Timer.Sample sample = Timer.start(meters);
		Result result = lookUp(executionServiceId);
		sample.stop(timer(result.failure()));
		return result;
	}

	/**
	 * {@code allocation.trade.lookup} of an outcome ({@code FOUND} when there is no
	 * failure), registered when the outcome first occurs and kept, so a look-up costs no
	 * meter look-up in the registry.
	 */
	private Timer timer(IngestFailure failure) {
		int slot = failure == null ? 0 : failure.ordinal() + 1;
		Timer timer = timers.get(slot);
		if (timer == null) {
			timer = Timer.builder("allocation.trade.lookup")
				.description("Trade Service look-ups, retries included, by outcome")
				.tag("outcome", failure == null ? "FOUND" : failure.name())
				.register(meters);
			timers.set(slot, timer);
		}
		return timer;
	}

	private Result lookUp(int executionServiceId) {
		Supplier<TradeExecutionPage> call = Retry.decorateSupplier(retry,
				() -> circuitBreaker.run(() -> client.findExecutions(executionServiceId), TradeOrderLookup::rethrow));
		TradeExecutionPage page;
		try {
			page = call.get();
		}
		catch (CallNotPermittedException e) {
			return Result.failed(IngestFailure.TRADE_SERVICE_UNAVAILABLE,
					"Trade Service circuit is open; try again later");
		}
		catch (BulkheadFullException e) {
			return Result.failed(IngestFailure.TRADE_SERVICE_UNAVAILABLE,
					"Too many Trade Service look-ups in flight; try again later");
		}
		catch (RuntimeException e) {
			if (TRANSIENT.test(e)) {
				log.warn("Trade Service look-up for executionServiceId {} failed after retries: {}", executionServiceId,
						e.getMessage());
				return Result.failed(IngestFailure.TRADE_SERVICE_UNAVAILABLE,
						"Trade Service unavailable after " + retry.getRetryConfig().getMaxAttempts() + " attempts");
			}
			if (e instanceof FeignException answer && answer.status() >= 400) {
				log.warn("Trade Service rejected the look-up for executionServiceId {}: HTTP {}", executionServiceId,
						answer.status());
				return Result.failed(IngestFailure.TRADE_SERVICE_REJECTED,
						"Trade Service rejected the look-up with HTTP " + answer.status());
			}
			log.warn("Trade Service answer for executionServiceId {} could not be read: {}", executionServiceId,
					e.toString());
			return Result.failed(IngestFailure.TRADE_SERVICE_UNAVAILABLE, "Trade Service answer could not be read");
		}
		return interpret(executionServiceId, page);
	}

	/**
	 * The breaker's fallback: no fallback, the failure itself, as thrown by the call, the
	 * breaker or the bulkhead.
	 */
	private static TradeExecutionPage rethrow(Throwable failure) {
		if (failure instanceof RuntimeException e) {
			throw e;
		}
		throw new IllegalStateException(failure);
	}

	private static Result interpret(int executionServiceId, TradeExecutionPage page) {
		List<TradeExecutionPage.TradeExecution> executions = page == null || page.executions() == null ? List.of()
				: page.executions();
		TradeExecutionPage.TradeExecution match = executions.stream()
			.filter(e -> e.executionServiceId() == null || e.executionServiceId() == executionServiceId)
			.findFirst()
			.orElse(null);
		if (match == null) {
			return Result.failed(IngestFailure.TRADE_EXECUTION_NOT_FOUND,
					"Trade Service has no execution with executionServiceId " + executionServiceId);
		}
		var tradeOrder = match.tradeOrder();
		TradeOrder order = new TradeOrder(
				tradeOrder == null || tradeOrder.portfolio() == null ? null : tradeOrder.portfolio().portfolioId(),
				tradeOrder == null ? null : tradeOrder.orderId());
		if (!order.hasUsablePortfolioId()) {
			return Result.failed(IngestFailure.PORTFOLIO_ID_MISSING,
					"Trade Service execution has no 24-character portfolioId");
		}
		return Result.found(order);
	}

}
