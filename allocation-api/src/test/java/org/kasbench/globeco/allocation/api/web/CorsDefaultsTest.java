package org.kasbench.globeco.allocation.api.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no {@code allocation.http.cors.*} setting no origin is allowed. The API's tests
 * all run with one allowed origin; the edge tests show that an origin the configuration
 * does not allow is refused with 403.
 */
class CorsDefaultsTest {

	@Test
	void noOriginIsAllowedByDefault() {
		CorsConfiguration.CorsProperties defaults = bind(Map.of());

		org.springframework.web.cors.CorsConfiguration cors = new CorsConfiguration().apiCorsConfiguration(defaults);

		assertThat(cors.getAllowedOrigins()).isEmpty();
		assertThat(cors.checkOrigin("http://portal.example")).isNull();
		assertThat(cors.checkOrigin("null")).isNull();
	}

	@Test
	void aConfiguredOriginIsAllowedAsWritten() {
		CorsConfiguration.CorsProperties one = bind(
				Map.of("allocation.http.cors.allowed-origins", " https://Portal.globeco.example "));

		org.springframework.web.cors.CorsConfiguration cors = new CorsConfiguration().apiCorsConfiguration(one);

		assertThat(cors.checkOrigin("https://portal.globeco.example")).isEqualTo("https://portal.globeco.example");
		assertThat(cors.checkOrigin("http://portal.globeco.example")).isNull();
	}

	private static CorsConfiguration.CorsProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("allocation.http.cors",
				CorsConfiguration.CorsProperties.class);
	}

}
