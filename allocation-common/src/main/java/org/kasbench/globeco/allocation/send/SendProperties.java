package org.kasbench.globeco.allocation.send;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How sends run ({@code allocation.send.*}): where the job runs when the API is asked to send, the chunk
 * size of the file step, when an unfinished batch counts as abandoned, and how often the scheduled send worker
 * retries a failed batch by itself.
 */
@ConfigurationProperties("allocation.send")
public record SendProperties(
        @DefaultValue("in-process") Launcher launcher,
        @DefaultValue("5000") int chunkSize,
        @DefaultValue("30m") Duration staleAfter,
        @DefaultValue("3") int maxAutomaticRetries,
        Integer batchId,
        @DefaultValue Worker worker) {

    public enum Launcher { IN_PROCESS, KUBERNETES }

    /**
     * The send-worker Job the API creates when {@code launcher} is kubernetes: a JVM running the whole send, so
     * it has its own resources and pull policy (the CronJob's by default), not the CLI Jobs'.
     */
    public record Worker(
            @DefaultValue("kasbench/globeco-allocation-send-job:latest") String image,
            @DefaultValue("globeco-allocation-service-config") String configMap,
            @DefaultValue("globeco-allocation-service-secret") String secret,
            @DefaultValue("globeco-allocation-service") String serviceAccount,
            @DefaultValue("45m") Duration timeout,
            @DefaultValue("IfNotPresent") String imagePullPolicy,
            @DefaultValue("250m") String cpuRequest,
            @DefaultValue("512Mi") String memoryRequest,
            @DefaultValue("1") String cpuLimit,
            @DefaultValue("1Gi") String memoryLimit) {
    }
}
