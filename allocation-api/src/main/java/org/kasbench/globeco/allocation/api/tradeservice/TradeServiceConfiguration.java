package org.kasbench.globeco.allocation.api.tradeservice;

import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
class TradeServiceConfiguration {

    @Bean
    RetryRegistry tradeServiceRetryRegistry() {
        return RetryRegistry.ofDefaults();
    }

    @Bean
    TaggedRetryMetrics tradeServiceRetryMetrics(RetryRegistry tradeServiceRetryRegistry) {
        return TaggedRetryMetrics.ofRetryRegistry(tradeServiceRetryRegistry);
    }

    /** Look-ups block on I/O, so each gets a virtual thread; {@link ParallelTradeOrderLookups} bounds how many run. */
    @Bean(destroyMethod = "close")
    ExecutorService tradeLookupExecutor() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("trade-lookup-", 0).factory());
    }
}
