package org.kasbench.globeco.allocation.api.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/**
 * The served OpenAPI document's description. Timestamps are described where they are declared: numbers of epoch
 * seconds on the way out ({@link #EPOCH_SECONDS}), ISO-8601 strings on the way in.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String EPOCH_SECONDS = "Seconds since the Unix epoch, to the nanosecond, e.g. 1748345329.233793461";

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
