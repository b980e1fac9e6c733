package org.kasbench.globeco.allocation.api.execution;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import org.kasbench.globeco.allocation.api.web.OpenApiConfiguration;
import org.kasbench.globeco.allocation.api.web.StrictJson;
import org.kasbench.globeco.allocation.execution.domain.IncomingExecution;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of {@code POST /api/v1/executions} as it arrives on the wire. Both
 * spellings of the last-fill field are accepted (the Confirmation Service sends
 * {@code lastFillTimestamp}); unknown fields are ignored. Read by the strict mapper of
 * {@code JsonConfiguration}: numbers must be JSON numbers, booleans JSON booleans.
 * <p>
 * The schema states the per-element rules of {@link IncomingExecution} (the contract's).
 * They are enforced per element: an element that breaks one is not stored and gets a
 * FAILED result with {@code VALIDATION_FAILED}, while the others are handled; the request
 * as a whole is refused only when it is not a JSON array of 1 to 100 elements.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@Schema(description = """
		A closed execution. An element that breaks one of these rules is not refused with the request: it gets a \
		FAILED result with code VALIDATION_FAILED (and the field in its message), the others are handled.""",
		requiredProperties = { "executionServiceId", "isOpen", "executionStatus", "tradeType", "destination",
				"securityId", "ticker", "quantity", "receivedTimestamp", "sentTimestamp", "quantityFilled",
				"averagePrice" })
public record ExecutionPostDto(@Schema(minimum = "1", example = "27") Integer executionServiceId,
		@Schema(nullable = true, minimum = "1", description = "Wins over the Trade Service's order id") Integer orderId,
		Boolean isOpen,
		@Schema(minLength = 1, maxLength = 20, pattern = PRINTABLE, example = "FULL") String executionStatus,
		@Schema(allowableValues = {
				"BUY", "SELL", "SHORT", "COVER" }) String tradeType,
		@Schema(minLength = 1, maxLength = 20, pattern = PRINTABLE, example = "ML") String destination,
		@Schema(pattern = "^[A-Za-z0-9]{24}$", minLength = 24, maxLength = 24,
				example = "68336002fe95851f0a2aeda9") String securityId,
		@Schema(minLength = 1, maxLength = 20, pattern = PRINTABLE, example = "IBM") String ticker,
		@Schema(exclusiveMinimum = true, minimum = "0", exclusiveMaximum = true, maximum = DECIMAL_BOUND,
				example = "1000", description = DECIMAL) BigDecimal quantity,
		@Schema(nullable = true, minimum = "0", exclusiveMaximum = true, maximum = DECIMAL_BOUND,
				description = DECIMAL) BigDecimal limitPrice,
		@Schema(ref = TIMESTAMP_IN_SCHEMA) OffsetDateTime receivedTimestamp,
		@Schema(ref = TIMESTAMP_IN_SCHEMA) OffsetDateTime sentTimestamp,
		@Schema(ref = TIMESTAMP_IN_SCHEMA,
				description = "Left out when the fill has no last-fill time; lastFilledTimestamp is the same field") @JsonAlias("lastFilledTimestamp") OffsetDateTime lastFillTimestamp,
		@Schema(minimum = "0", exclusiveMaximum = true, maximum = DECIMAL_BOUND, example = "1000",
				description = DECIMAL) BigDecimal quantityFilled,
		@Schema(nullable = true, minimum = "0", exclusiveMaximum = true, maximum = DECIMAL_BOUND,
				description = "0 when absent; " + DECIMAL) BigDecimal totalAmount,
		@Schema(exclusiveMinimum = true, minimum = "0", exclusiveMaximum = true, maximum = DECIMAL_BOUND,
				example = "190.4096", description = DECIMAL) BigDecimal averagePrice){

	/**
	 * No control characters, as IncomingExecution's {@code \p{Cntrl}}, written so that
	 * ECMAScript and Java read it alike.
	 */
	static final String PRINTABLE = "^[^\\x00-\\x1F\\x7F]*$";

	static final String DECIMAL = "Exact decimal: at most 10 integer and 8 fraction digits, never rounded";

	/** What decimal(18,8) cannot reach: at most 10 integer digits. */
	static final String DECIMAL_BOUND = "10000000000";

	/**
	 * The component the served document describes a timestamp on the way in with (a
	 * string or a number, {@code OpenApiConfiguration}).
	 */
	static final String TIMESTAMP_IN_SCHEMA = OpenApiConfiguration.COMPONENTS + OpenApiConfiguration.TIMESTAMP_IN;

	/**
	 * Every string of an execution is an identifier or a code: it must be well-formed
	 * Unicode without control or invisible format characters (a lone surrogate would be
	 * stored as '?', a right-to-left override would make the value read differently than
	 * it is). One "field rule" entry per offending field.
	 */
	List<String> textProblems() {
		Map<String, String> texts = new LinkedHashMap<>();
		texts.put("executionStatus", executionStatus);
		texts.put("tradeType", tradeType);
		texts.put("destination", destination);
		texts.put("securityId", securityId);
		texts.put("ticker", ticker);
		List<String> problems = new ArrayList<>();
		texts.forEach((field, value) -> {
			String problem = value == null ? null : StrictJson.identifierProblem(value);
			if (problem != null) {
				problems.add(field + " " + problem);
			}
		});
		return problems;
	}

	IncomingExecution toDomain() {
		return new IncomingExecution(executionServiceId, orderId, isOpen, executionStatus, tradeType, destination,
				securityId, ticker, quantity, limitPrice, receivedTimestamp, sentTimestamp, lastFillTimestamp,
				quantityFilled, totalAmount, averagePrice);
	}
}
