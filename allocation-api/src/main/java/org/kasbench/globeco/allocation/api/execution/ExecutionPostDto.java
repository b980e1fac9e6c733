package org.kasbench.globeco.allocation.api.execution;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecutionPostDto(Integer executionServiceId, @Schema(nullable = true) Integer orderId, Boolean isOpen,
		String executionStatus, String tradeType, String destination, String securityId, String ticker,
		BigDecimal quantity, @Schema(nullable = true) BigDecimal limitPrice,
		@Schema(type = "string", format = "date-time", description = TIMESTAMP_IN) OffsetDateTime receivedTimestamp,
		@Schema(type = "string", format = "date-time", description = TIMESTAMP_IN) OffsetDateTime sentTimestamp,
		@Schema(type = "string", format = "date-time", nullable = true,
				description = TIMESTAMP_IN
						+ "; may be left out") @JsonAlias("lastFilledTimestamp") OffsetDateTime lastFillTimestamp,
		BigDecimal quantityFilled, @Schema(nullable = true, description = "0 when absent") BigDecimal totalAmount,
		BigDecimal averagePrice) {

	static final String TIMESTAMP_IN = "ISO-8601 with an offset, e.g. 2025-05-27T14:39:27.509362Z;"
			+ " a number of epoch seconds such as 1748345329.233793461 is accepted too";

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
