package org.kasbench.globeco.allocation.api.warmup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The warm-up before readiness ({@code allocation.warmup.*}): until the CPU per request
 * settles, at most for {@code duration}, {@code concurrency} loops post open executions
 * (validated, answered SKIPPED, never stored, no Trade Service call) to the service's own
 * port and, with {@code readDatabase}, look up an execution that cannot exist. Off by
 * default, so a plain {@code java -jar} is ready as soon as it can be; the Kubernetes
 * ConfigMap and the image's AOT cache training run turn it on.
 *
 * @param enabled before readiness turns on, run the ingest's hot path against the
 * service's own port (nothing stored, no Trade Service call)
 * @param duration the longest the warm-up runs (all of it with {@code until-settled}
 * off); readiness waits for it
 * @param untilSettled end the warm-up once the process's CPU per warm-up request has
 * settled: the cheapest of three consecutive {@code settle-window}s no more than
 * {@code settle-tolerance} below the cheapest window before them
 * @param settleWindow the window over which the CPU per request is measured
 * @param settleTolerance the saving per request, as a fraction, that still counts as
 * falling
 * @param concurrency concurrent warm-up requests
 * @param readDatabase include a read of an execution id that cannot exist (off in the
 * image's AOT training run, which has no database)
 * @param exitWhenDone exit (status 0) once the warm-up is done: the image's AOT cache
 * training run, which writes the cache at exit
 */
@ConfigurationProperties("allocation.warmup")
public record WarmUpProperties(@DefaultValue("false") boolean enabled, @DefaultValue("1s") Duration duration,
		@DefaultValue("true") boolean untilSettled, @DefaultValue("250ms") Duration settleWindow,
		@DefaultValue("0.1") double settleTolerance, @DefaultValue("4") int concurrency,
		@DefaultValue("true") boolean readDatabase, @DefaultValue("false") boolean exitWhenDone) {
}
