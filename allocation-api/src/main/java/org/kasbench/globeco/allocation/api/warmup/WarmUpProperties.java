package org.kasbench.globeco.allocation.api.warmup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The warm-up before readiness ({@code allocation.warmup.*}): for {@code duration},
 * {@code concurrency} loops post open executions (validated, answered SKIPPED, never
 * stored, no Trade Service call) to the service's own port and, with
 * {@code readDatabase}, look up an execution that cannot exist. Off by default, so a
 * plain {@code java -jar} is ready as soon as it can be; the Kubernetes ConfigMap and the
 * image's AOT cache training run turn it on.
 *
 * @param enabled before readiness turns on, run the ingest's hot path against the
 * service's own port (nothing stored, no Trade Service call)
 * @param duration how long the warm-up runs; readiness waits for it
 * @param concurrency concurrent warm-up requests
 * @param readDatabase include a read of an execution id that cannot exist (off in the
 * image's AOT training run, which has no database)
 * @param exitWhenDone exit (status 0) once the warm-up is done: the image's AOT cache
 * training run, which writes the cache at exit
 */
@ConfigurationProperties("allocation.warmup")
public record WarmUpProperties(@DefaultValue("false") boolean enabled, @DefaultValue("1s") Duration duration,
		@DefaultValue("4") int concurrency, @DefaultValue("true") boolean readDatabase,
		@DefaultValue("false") boolean exitWhenDone) {
}
