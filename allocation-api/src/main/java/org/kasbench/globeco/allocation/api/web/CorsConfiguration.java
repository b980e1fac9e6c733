package org.kasbench.globeco.allocation.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cross-origin access for browser callers such as the portfolio portal
 * ({@code allocation.http.cors.*}). Only the configured origins, each an exact
 * {@code http(s)://host[:port]}: no wildcards, never {@code null}; none by default.
 * {@link RequestGuard} enforces it on every request, preflight or not.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

	private static final Pattern ORIGIN = Pattern
		.compile("https?://[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?");

	/**
	 * Cross-origin access ({@code allocation.http.cors.*}).
	 *
	 * @param allowedOrigins exact origins ({@code https://host[:port]}, comma-separated)
	 * allowed to call the API from a browser; no wildcards, never {@code null}, no
	 * credentials. Other cross-origin requests get 403
	 * @param allowedMethods methods a preflight may ask for
	 * @param allowedHeaders request headers a preflight may ask for
	 * @param maxAge how long browsers may cache a preflight answer
	 */
	@ConfigurationProperties("allocation.http.cors")
	record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue( {
			"GET", "POST", "OPTIONS" }) List<String> allowedMethods,
			@DefaultValue({ "Content-Type", "Accept", "X-Correlation-ID", "traceparent",
					"tracestate" }) List<String> allowedHeaders,
			@DefaultValue("1h") Duration maxAge){

		CorsProperties {
			allowedOrigins = allowedOrigins.stream()
				.map(String::trim)
				.filter(o -> !o.isEmpty())
				.map(o -> o.toLowerCase(Locale.ROOT))
				.toList();
			for (String origin : allowedOrigins) {
				if (!ORIGIN.matcher(origin).matches()) {
					throw new IllegalArgumentException("allocation.http.cors.allowed-origins: '" + origin
							+ "' is not an origin of the form http(s)://host[:port] (no wildcards, no 'null', no path)");
				}
			}
		}
	}

	@Bean
	org.springframework.web.cors.CorsConfiguration apiCorsConfiguration(CorsProperties cors) {
		org.springframework.web.cors.CorsConfiguration config = new org.springframework.web.cors.CorsConfiguration();
		config.setAllowedOrigins(cors.allowedOrigins());
		config.setAllowedMethods(cors.allowedMethods());
		config.setAllowedHeaders(cors.allowedHeaders());
		config.setExposedHeaders(List.of(CorrelationId.HEADER, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER));
		config.setAllowCredentials(false);
		config.setMaxAge(cors.maxAge());
		return config;
	}

}
