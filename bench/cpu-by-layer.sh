#!/usr/bin/env bash
# Where the API's CPU goes, by layer, from a JFR recording's execution samples: each sample counts for the innermost
# frame that belongs to a known library (JDK frames count for the library that called them, so a socket read under
# the HTTP client counts as the HTTP client). Prints the share of samples per layer, largest first.
#   bench/cpu-by-layer.sh bench/results/warmup-x/steady.jfr      # PROFILE=1 bench/warmup.sh records one
# A sample whose stack JFR cut off before any known frame counts as "other".
set -euo pipefail
source "$(dirname "$0")/../scripts/java-home.sh"

jfr print --events jdk.ExecutionSample --stack-depth 64 "$1" | awk '
BEGIN {
  # prefix|layer, separated by semicolons; the first prefix that matches a frame wins, so a longer prefix comes before a shorter one.
  n = split("org.apache.hc.|Trade Service client (OpenFeign, HttpClient 5, Resilience4j);" \
    "org.springframework.web.client.|Trade Service client (OpenFeign, HttpClient 5, Resilience4j);" \
    "org.springframework.web.service.|Trade Service client (OpenFeign, HttpClient 5, Resilience4j);" \
    "org.springframework.http.client.|Trade Service client (OpenFeign, HttpClient 5, Resilience4j);" \
    "io.github.resilience4j.|Trade Service client (OpenFeign, HttpClient 5, Resilience4j);" \
    "feign.|Trade Service client (OpenFeign, HttpClient 5, Resilience4j);" \
    "org.springframework.cloud.openfeign.|Trade Service client (OpenFeign, HttpClient 5, Resilience4j);" \
    "org.springframework.cloud.circuitbreaker.|Trade Service client (OpenFeign, HttpClient 5, Resilience4j);" \
    "org.postgresql.|database (driver, pool, JDBC, proxy);" \
    "com.zaxxer.hikari.|database (driver, pool, JDBC, proxy);" \
    "net.ttddyy.|database (driver, pool, JDBC, proxy);" \
    "org.springframework.jdbc.|database (driver, pool, JDBC, proxy);" \
    "org.springframework.transaction.|database (driver, pool, JDBC, proxy);" \
    "io.micrometer.|observability (Micrometer, OpenTelemetry, logging);" \
    "io.opentelemetry.|observability (Micrometer, OpenTelemetry, logging);" \
    "org.springframework.boot.micrometer.|observability (Micrometer, OpenTelemetry, logging);" \
    "ch.qos.logback.|observability (Micrometer, OpenTelemetry, logging);" \
    "org.slf4j.|observability (Micrometer, OpenTelemetry, logging);" \
    "tools.jackson.|JSON (Jackson);" \
    "com.fasterxml.jackson.|JSON (Jackson);" \
    "org.hibernate.validator.|validation (Hibernate Validator);" \
    "jakarta.validation.|validation (Hibernate Validator);" \
    "org.springframework.web.|Spring MVC and web;" \
    "org.springframework.http.|Spring MVC and web;" \
    "org.springframework.|Spring core (beans, AOP, utilities);" \
    "org.apache.catalina.|HTTP server (Tomcat);" \
    "org.apache.coyote.|HTTP server (Tomcat);" \
    "org.apache.tomcat.|HTTP server (Tomcat);" \
    "org.kasbench.|the service'"'"'s own code", rules, ";")
  for (i = 1; i <= n; i++) { split(rules[i], r, "|"); prefix[i] = r[1]; layer[i] = r[2] }
}
/^jdk.ExecutionSample/ { owner = ""; next }
/^    [a-zA-Z]/ && owner == "" {
  frame = $1
  for (i = 1; i <= n; i++) if (index(frame, prefix[i]) == 1) { owner = layer[i]; break }
  next
}
/^}/ { count[owner == "" ? "other" : owner]++; total++ }
END {
  for (l in count) printf "%5.1f%%  %s\n", 100 * count[l] / total, l | "sort -rn"
  close("sort -rn")
  printf "%d samples\n", total
}'
