package org.kasbench.globeco.allocation.api.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.core.JsonGenerator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The wire format of docs/api.md: timestamps go out as epoch seconds with nanoseconds and
 * come in as either that or ISO-8601 with an offset; decimals are read and written
 * exactly, never through a double; input is strict JSON (no duplicate keys, no coercion
 * between strings, numbers and booleans).
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer allocationWireFormat() {
		SimpleModule timestamps = new SimpleModule("epoch-seconds")
			.addSerializer(OffsetDateTime.class, new EpochSecondsSerializer())
			.addDeserializer(OffsetDateTime.class, new FlexibleTimestampDeserializer());
		return builder -> builder.addModule(timestamps)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			// Strict input: a duplicate key is an error (not "last wins"), numbers must
			// be JSON numbers,
			// booleans JSON booleans, strings JSON strings ("1000", 0 for false, 27 for
			// "27" are refused).
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual,
					strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean,
					booleans -> booleans.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
	}

	/** Seconds since the epoch as an exact decimal with nine fractional digits. */
	public static BigDecimal epochSeconds(OffsetDateTime value) {
		Instant instant = value.toInstant();
		return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
	}

	/**
	 * At most 12 integer and 18 fractional digits, checked before any arithmetic: a
	 * number such as 1e400000000 is cheap to read but would take minutes and gigabytes to
	 * rescale.
	 */
	static boolean plausibleEpochSeconds(BigDecimal seconds) {
		return seconds.precision() - seconds.scale() <= 12 && seconds.scale() <= 18;
	}

	static final class EpochSecondsSerializer extends ValueSerializer<OffsetDateTime> {

		@Override
		public void serialize(OffsetDateTime value, JsonGenerator gen, SerializationContext ctxt) {
			gen.writeNumber(epochSeconds(value));
		}

	}

	static final class FlexibleTimestampDeserializer extends ValueDeserializer<OffsetDateTime> {

		@Override
		public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) {
			JsonToken token = p.currentToken();
			if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
				BigDecimal seconds = p.getDecimalValue();
				if (!plausibleEpochSeconds(seconds)) {
					return (OffsetDateTime) ctxt.handleWeirdNumberValue(OffsetDateTime.class, seconds,
							"not a plausible epoch-seconds timestamp");
				}
				try {
					long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
					long nanos = seconds.subtract(BigDecimal.valueOf(whole))
						.movePointRight(9)
						.setScale(0, java.math.RoundingMode.HALF_EVEN)
						.longValueExact();
					return Instant.ofEpochSecond(whole, nanos).atOffset(ZoneOffset.UTC);
				}
				catch (ArithmeticException | java.time.DateTimeException e) {
					return (OffsetDateTime) ctxt.handleWeirdNumberValue(OffsetDateTime.class, seconds,
							"not a representable epoch-seconds timestamp");
				}
			}
			if (token == JsonToken.VALUE_STRING) {
				String text = p.getString().trim();
				try {
					return OffsetDateTime.parse(text);
				}
				catch (DateTimeParseException e) {
					return (OffsetDateTime) ctxt.handleWeirdStringValue(OffsetDateTime.class, text,
							"expected an ISO-8601 timestamp with an offset, such as 2025-05-27T14:39:27.509362Z");
				}
			}
			return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
		}

	}

}
