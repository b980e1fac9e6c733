package org.kasbench.globeco.allocation.api.warmup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The warm-up before readiness ({@code allocation.warmup.*}): for {@code duration}, {@code concurrency} loops post
 * open executions (validated, answered SKIPPED, never stored, no Trade Service call) to the service's own port and,
 * with {@code readDatabase}, look up an execution that cannot exist. {@code exitWhenDone} is for the image's AOT
 * cache training run: the JVM exits (status 0) once the warm-up is done, which is when it writes the cache.
 */
@ConfigurationProperties("allocation.warmup")
public record WarmUpProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") Duration duration,
        @DefaultValue("4") int concurrency,
        @DefaultValue("true") boolean readDatabase,
        @DefaultValue("false") boolean exitWhenDone) {
}
