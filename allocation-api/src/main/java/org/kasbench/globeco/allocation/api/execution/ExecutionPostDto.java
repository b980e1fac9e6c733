package org.kasbench.globeco.allocation.api.execution;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.kasbench.globeco.allocation.execution.domain.IncomingExecution;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One element of {@code POST /api/v1/executions} as it arrives on the wire. Both spellings of the last-fill
 * field are accepted (the Confirmation Service sends {@code lastFillTimestamp}); unknown fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecutionPostDto(
        Integer executionServiceId,
        Integer orderId,
        Boolean isOpen,
        String executionStatus,
        String tradeType,
        String destination,
        String securityId,
        String ticker,
        BigDecimal quantity,
        BigDecimal limitPrice,
        OffsetDateTime receivedTimestamp,
        OffsetDateTime sentTimestamp,
        @JsonAlias("lastFilledTimestamp") OffsetDateTime lastFillTimestamp,
        BigDecimal quantityFilled,
        BigDecimal totalAmount,
        BigDecimal averagePrice) {

    IncomingExecution toDomain() {
        return new IncomingExecution(executionServiceId, orderId, isOpen, executionStatus, tradeType, destination,
                securityId, ticker, quantity, limitPrice, receivedTimestamp, sentTimestamp, lastFillTimestamp,
                quantityFilled, totalAmount, averagePrice);
    }
}
