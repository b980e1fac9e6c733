package org.kasbench.globeco.allocation.execution.domain;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A closed (or open) execution as the Confirmation Service reports it. The constraints
 * are the contract's per-element rules, chosen so that nothing the Portfolio Accounting
 * CLI would refuse is ever stored. Every decimal must fit the {@code decimal(18,8)}
 * columns exactly: no rounding.
 */
public record IncomingExecution(@NotNull @Positive Integer executionServiceId, @Positive Integer orderId,
		@NotNull Boolean isOpen,
		@NotBlank @Size(max = 20) @Pattern(regexp = PRINTABLE, message = NO_CONTROL_CHARACTERS) String executionStatus,
		@NotNull @Pattern(regexp = "BUY|SELL|SHORT|COVER",
				message = "must be one of BUY, SELL, SHORT, COVER") String tradeType,
		@NotBlank @Size(max = 20) @Pattern(regexp = PRINTABLE, message = NO_CONTROL_CHARACTERS) String destination,
		@NotNull @Pattern(regexp = "[A-Za-z0-9]{24}",
				message = "must be exactly 24 letters or digits") String securityId,
		@NotBlank @Size(max = 20) @Pattern(regexp = PRINTABLE, message = NO_CONTROL_CHARACTERS) String ticker,
		@NotNull @Positive @Digits(integer = 10, fraction = 8) BigDecimal quantity,
		@PositiveOrZero @Digits(integer = 10, fraction = 8) BigDecimal limitPrice,
		@NotNull OffsetDateTime receivedTimestamp, @NotNull OffsetDateTime sentTimestamp,
		OffsetDateTime lastFillTimestamp,
		@NotNull @PositiveOrZero @Digits(integer = 10, fraction = 8) BigDecimal quantityFilled,
		@PositiveOrZero @Digits(integer = 10, fraction = 8) BigDecimal totalAmount, @NotNull @DecimalMin(value = "0",
				inclusive = false) @Digits(integer = 10, fraction = 8) BigDecimal averagePrice) {

	static final String PRINTABLE = "[^\\p{Cntrl}]*";
	static final String NO_CONTROL_CHARACTERS = "must not contain control characters";

	/**
	 * Timestamps outside this range are mistakes, and outside what the database column
	 * can hold.
	 */
	static final OffsetDateTime EARLIEST = OffsetDateTime.parse("1900-01-01T00:00:00Z");
	static final OffsetDateTime LATEST = OffsetDateTime.parse("9999-12-31T23:59:59Z");

	@AssertTrue(message = "must all lie between 1900-01-01 and 9999-12-31")
	public boolean isTimestampsInRange() {
		return java.util.stream.Stream.of(receivedTimestamp, sentTimestamp, lastFillTimestamp)
			.allMatch(t -> t == null || (!t.isBefore(EARLIEST) && !t.isAfter(LATEST)));
	}

	/** The total amount as stored: the contract makes an absent amount zero. */
	public BigDecimal totalAmountOrZero() {
		return totalAmount == null ? BigDecimal.ZERO : totalAmount;
	}
}
