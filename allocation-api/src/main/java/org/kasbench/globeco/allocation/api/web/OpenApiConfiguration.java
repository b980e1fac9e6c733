package org.kasbench.globeco.allocation.api.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** The served OpenAPI document: its description, and timestamps described as they really travel. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        ComposedSchema timestamp = new ComposedSchema();
        timestamp.setAnyOf(List.of(
                new NumberSchema().description("Seconds since the Unix epoch with nanoseconds, e.g. 1748345329.233793461"),
                new StringSchema().format("date-time").description("ISO-8601 with an offset (accepted on input only)")));
        timestamp.setDescription("Sent as epoch seconds (a number); accepted as that or as an ISO-8601 string");
        SpringDocUtils.getConfig().replaceWithSchema(OffsetDateTime.class, timestamp);
    }

    /**
     * {@code @Schema(nullable = true)} is dropped on properties that are a reference or a composed schema (an
     * execution, a timestamp); OpenAPI 3.0 needs those wrapped so that a null value validates.
     */
    @Bean
    PropertyCustomizer nullableReferences() {
        return (property, type) -> {
            boolean nullable = type.getCtxAnnotations() != null && Arrays.stream(type.getCtxAnnotations())
                    .anyMatch(a -> a instanceof io.swagger.v3.oas.annotations.media.Schema s && s.nullable());
            if (!nullable || (property.get$ref() == null && !(property instanceof ComposedSchema))) {
                return property;
            }
            ComposedSchema wrapped = new ComposedSchema();
            wrapped.setAllOf(List.of(property));
            wrapped.setNullable(true);
            return wrapped;
        };
    }

    @Bean
    OpenAPI allocationServiceApi() {
        return new OpenAPI().info(new Info()
                .title("GlobeCo Allocation Service")
                .version("v1")
                .description("""
                        Takes closed executions from the Confirmation Service, enriches them with their portfolio from the \
                        Trade Service, and hands every new execution exactly once to the Portfolio Accounting CLI. \
                        Every error has the ApiError shape; X-Correlation-ID is echoed on every response.""")
                .contact(new Contact().name("Noah Krieger").email("noah@kasbench.org")));
    }
}
