package org.kasbench.globeco.allocation.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;
import java.util.List;

/** Cross-origin access to the API for browser callers such as the portfolio portal ({@code allocation.http.cors.*}). */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

    @ConfigurationProperties("allocation.http.cors")
    record CorsProperties(
            @DefaultValue("*") List<String> allowedOrigins,
            @DefaultValue({"GET", "POST", "OPTIONS"}) List<String> allowedMethods,
            @DefaultValue({"Content-Type", "Accept", "X-Correlation-ID", "traceparent", "tracestate"}) List<String> allowedHeaders,
            @DefaultValue("1h") Duration maxAge) {
    }

    private final CorsProperties cors;

    CorsConfiguration(CorsProperties cors) {
        this.cors = cors;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/api/**")
                .allowedOriginPatterns(cors.allowedOrigins().toArray(String[]::new))
                .allowedMethods(cors.allowedMethods().toArray(String[]::new))
                .allowedHeaders(cors.allowedHeaders().toArray(String[]::new))
                .exposedHeaders(CorrelationId.HEADER, "Location", "Retry-After")
                .allowCredentials(false)
                .maxAge(cors.maxAge().toSeconds());
    }
}
