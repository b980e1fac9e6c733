package org.kasbench.globeco.allocation.send.cli;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How the Portfolio Accounting CLI is invoked ({@code allocation.cli.*}). */
@ConfigurationProperties("allocation.cli")
public record CliProperties(
        @DefaultValue("docker") Mode mode,
        String command,
        @DefaultValue("10m") Duration timeout,
        @DefaultValue Docker docker,
        @DefaultValue Kubernetes kubernetes) {

    public enum Mode {
        DOCKER, KUBERNETES, EXEC;

        public String label() {
            return name().toLowerCase();
        }
    }

    public record Docker(
            @DefaultValue("docker") String executable,
            @DefaultValue("kasbench/globeco-portfolio-accounting-service-cli:latest") String image,
            Path hostDir,
            @DefaultValue("/data") String mountPath,
            @DefaultValue("host") String network,
            @DefaultValue Map<String, String> env,
            @DefaultValue List<String> extraArgs) {
    }

    public record Kubernetes(
            String namespace,
            @DefaultValue("kasbench/globeco-portfolio-accounting-service-cli:latest") String image,
            @DefaultValue("IfNotPresent") String imagePullPolicy,
            @DefaultValue("globeco-allocation-files") String pvcName,
            @DefaultValue("/usr/local/share/files") String mountPath,
            @DefaultValue("") String configMap,
            @DefaultValue("/etc/globeco-cli") String configMountPath,
            @DefaultValue("config.yaml") String configFile,
            @DefaultValue("") String serviceAccount,
            @DefaultValue Map<String, String> env,
            @DefaultValue("0") int backoffLimit,
            @DefaultValue("1h") Duration ttlAfterFinished,
            @DefaultValue("100m") String cpuRequest,
            @DefaultValue("128Mi") String memoryRequest,
            @DefaultValue("1") String cpuLimit,
            @DefaultValue("512Mi") String memoryLimit,
            @DefaultValue("10001") long runAsUser,
            @DefaultValue("5") int apiRetries) {
    }
}
