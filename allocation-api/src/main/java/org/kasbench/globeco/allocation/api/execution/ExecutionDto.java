package org.kasbench.globeco.allocation.api.execution;

import io.swagger.v3.oas.annotations.media.Schema;
import org.kasbench.globeco.allocation.execution.domain.Execution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.kasbench.globeco.allocation.api.web.OpenApiConfiguration.EPOCH_SECONDS;

/** A stored execution on the wire (docs/api.md's ExecutionDTO). */
public record ExecutionDto(int id, int executionServiceId, boolean isOpen, String executionStatus,
		@Schema(allowableValues = {
				"BUY", "SELL", "SHORT", "COVER" }) String tradeType,
		String destination, @Schema(example = "2025-05-27") LocalDate tradeDate,
		@Schema(pattern = "^[A-Za-z0-9]{24}$", example = "68336002fe95851f0a2aeda9") String securityId,
		@Schema(nullable = true, pattern = "^[A-Za-z0-9]{24}$",
				example = "684f125ac19ad4fb89bc14ba") String portfolioId,
		@Schema(nullable = true) Integer orderId, String ticker, BigDecimal quantity,
		@Schema(nullable = true) BigDecimal limitPrice,
		@Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime receivedTimestamp,
		@Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime sentTimestamp,
		@Schema(type = "number", nullable = true, description = EPOCH_SECONDS) OffsetDateTime lastFilledTimestamp,
		BigDecimal quantityFilled, BigDecimal totalAmount, BigDecimal averagePrice,
		@Schema(type = "number", nullable = true, description = EPOCH_SECONDS) OffsetDateTime readyToSendTimestamp,
		@Schema(nullable = true) Integer batchId, int version){

	static ExecutionDto from(Execution e) {
		return e == null ? null
				: new ExecutionDto(e.id(), e.executionServiceId(), e.isOpen(), e.executionStatus(), e.tradeType(),
						e.destination(), e.tradeDate(), e.securityId(), e.portfolioId(), e.orderId(), e.ticker(),
						e.quantity(), e.limitPrice(), e.receivedTimestamp(), e.sentTimestamp(), e.lastFillTimestamp(),
						e.quantityFilled(), e.totalAmount(), e.averagePrice(), e.readyToSendTimestamp(), e.batchId(),
						e.version());
	}
}
