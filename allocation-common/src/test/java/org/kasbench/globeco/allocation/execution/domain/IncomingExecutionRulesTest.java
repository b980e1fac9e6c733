package org.kasbench.globeco.allocation.execution.domain;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IncomingExecutionRulesTest {

	private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

	static IncomingExecution valid() {
		return new IncomingExecution(27, null, false, "FULL", "BUY", "ML", "68336002fe95851f0a2aeda9", "IBM",
				new BigDecimal("1000"), null, OffsetDateTime.parse("2025-05-27T14:39:27.509362Z"),
				OffsetDateTime.parse("2025-05-27T14:39:27.512467Z"), null, new BigDecimal("1000"), null,
				new BigDecimal("190.4096"));
	}

	@Test
	void theConfirmationServicesPayloadIsValid() {
		assertThat(VALIDATOR.validate(valid())).isEmpty();
		assertThat(valid().totalAmountOrZero()).isEqualByComparingTo("0");
	}

	@ParameterizedTest
	@CsvSource({ "quantity, 0", "quantity, 12345678901", "quantity, 0.123456789", "averagePrice, 0",
			"quantityFilled, -1", "limitPrice, -0.01", "totalAmount, -5" })
	void decimalsOutsideTheRulesOrTheColumnAreRejected(String field, String value) {
		IncomingExecution v = valid();
		BigDecimal d = new BigDecimal(value);
		IncomingExecution e = new IncomingExecution(v.executionServiceId(), v.orderId(), v.isOpen(),
				v.executionStatus(), v.tradeType(), v.destination(), v.securityId(), v.ticker(),
				field.equals("quantity") ? d : v.quantity(), field.equals("limitPrice") ? d : v.limitPrice(),
				v.receivedTimestamp(), v.sentTimestamp(), v.lastFillTimestamp(),
				field.equals("quantityFilled") ? d : v.quantityFilled(),
				field.equals("totalAmount") ? d : v.totalAmount(), field.equals("averagePrice") ? d : v.averagePrice());

		Set<ConstraintViolation<IncomingExecution>> violations = VALIDATOR.validate(e);

		assertThat(violations).extracting(c -> c.getPropertyPath().toString()).containsExactly(field);
	}

	@Test
	void textRulesNameTheField() {
		IncomingExecution v = valid();
		IncomingExecution e = new IncomingExecution(0, null, null, "", "HOLD", "D".repeat(21), "short", " ",
				v.quantity(), null, null, null, null, v.quantityFilled(), null, v.averagePrice());

		assertThat(VALIDATOR.validate(e)).extracting(c -> c.getPropertyPath().toString())
			.containsExactlyInAnyOrder("executionServiceId", "isOpen", "executionStatus", "tradeType", "destination",
					"securityId", "ticker", "receivedTimestamp", "sentTimestamp");
	}

	@Test
	void aPortfolioIdMustHaveTwentyFourCharacters() {
		assertThat(new TradeOrder("684f125ac19ad4fb89bc14ba", 1).hasUsablePortfolioId()).isTrue();
		assertThat(new TradeOrder("684f125ac19ad4fb89bc14b", 1).hasUsablePortfolioId()).isFalse();
		assertThat(new TradeOrder(null, 1).hasUsablePortfolioId()).isFalse();
	}

}
