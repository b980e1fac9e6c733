package org.kasbench.globeco.allocation.api.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.NumberSchema;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.OffsetDateTime;

/** The served OpenAPI document: its description, and timestamps described as they really travel. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** Every timestamp the service sends is a number of epoch seconds; inputs are described on ExecutionPostDto. */
    static {
        SpringDocUtils.getConfig().replaceWithSchema(OffsetDateTime.class,
                new NumberSchema().description("Seconds since the Unix epoch, to the nanosecond, e.g. 1748345329.233793461"));
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
