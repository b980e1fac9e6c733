package org.kasbench.globeco.allocation.api.tradeservice;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
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
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

import java.util.List;
import java.util.function.Supplier;

/**
 * Finds the trade order (portfolio and order id) behind an execution, with retries
 * (exponential backoff with jitter) around a circuit breaker: when the Trade Service is
 * down the breaker opens and look-ups fail fast instead of holding callers for the whole
 * retry schedule.
 */
@Component
public class TradeOrderLookup {

	public static final String NAME = "trade-service";

	private static final Logger log = LoggerFactory.getLogger(TradeOrderLookup.class);

	private final TradeServiceClient client;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final MeterRegistry meters;

	TradeOrderLookup(TradeServiceClient client, TradeServiceProperties properties,
			CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, MeterRegistry meters) {
		this.client = client;
		this.meters = meters;
		TradeServiceProperties.CircuitBreaker cb = properties.circuitBreaker();
		this.circuitBreaker = circuitBreakers.circuitBreaker(NAME,
				CircuitBreakerConfig.custom()
					.failureRateThreshold(cb.failureRateThreshold())
					.slidingWindowSize(cb.slidingWindowSize())
					.minimumNumberOfCalls(cb.minimumNumberOfCalls())
					.waitDurationInOpenState(cb.waitInOpenState())
					.permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpenState())
					.automaticTransitionFromOpenToHalfOpenEnabled(false)
					.recordException(TradeOrderLookup::isTransient)
					.build());
		this.retry = retries.retry(NAME,
				RetryConfig.custom()
					.maxAttempts(properties.maxAttempts())
					.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.initialBackoff(),
							properties.backoffMultiplier(), properties.backoffJitter()))
					.retryOnException(TradeOrderLookup::isTransient)
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
		sample.stop(Timer.builder("allocation.trade.lookup")
			.description("Trade Service look-ups, retries included, by outcome")
			.tag("outcome", result.failure() == null ? "FOUND" : result.failure().name())
			.register(meters));
		return result;
	}

	private Result lookUp(int executionServiceId) {
		Supplier<TradeExecutionPage> call = Retry.decorateSupplier(retry,
				CircuitBreaker.decorateSupplier(circuitBreaker, () -> client.findExecutions(executionServiceId)));
		TradeExecutionPage page;
		try {
			page = call.get();
		}
		catch (CallNotPermittedException e) {
			return Result.failed(IngestFailure.TRADE_SERVICE_UNAVAILABLE,
					"Trade Service circuit is open; try again later");
		}
		catch (RuntimeException e) {
			if (isTransient(e)) {
				log.warn("Trade Service look-up for executionServiceId {} failed after retries: {}", executionServiceId,
						e.getMessage());
				return Result.failed(IngestFailure.TRADE_SERVICE_UNAVAILABLE,
						"Trade Service unavailable after " + retry.getRetryConfig().getMaxAttempts() + " attempts");
			}
			if (e instanceof RestClientResponseException answer) {
				int status = answer.getStatusCode().value();
				log.warn("Trade Service rejected the look-up for executionServiceId {}: HTTP {}", executionServiceId,
						status);
				return Result.failed(IngestFailure.TRADE_SERVICE_REJECTED,
						"Trade Service rejected the look-up with HTTP " + status);
			}
			log.warn("Trade Service answer for executionServiceId {} could not be read: {}", executionServiceId,
					e.toString());
			return Result.failed(IngestFailure.TRADE_SERVICE_UNAVAILABLE, "Trade Service answer could not be read");
		}
		return interpret(executionServiceId, page);
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

	/**
	 * Timeouts, connection failures, 5xx and 429 may pass; other 4xx and an answer that
	 * cannot be read will not.
	 */
	static boolean isTransient(Throwable e) {
		if (e instanceof ResourceAccessException) {
			return true;
		}
		if (e instanceof RestClientResponseException answer) {
			int status = answer.getStatusCode().value();
			return status >= 500 || status == 429;
		}
		return false;
	}

}
