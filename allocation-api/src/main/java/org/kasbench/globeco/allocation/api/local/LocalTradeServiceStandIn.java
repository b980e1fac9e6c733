package org.kasbench.globeco.allocation.api.local;

import org.kasbench.globeco.allocation.standins.TradeServiceStandIn;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** With the {@code local} profile the API brings its own Trade Service, so a newcomer needs nothing else. */
@Configuration(proxyBeanMethods = false)
@Profile("local")
class LocalTradeServiceStandIn {

    @Bean(destroyMethod = "close")
    TradeServiceStandIn tradeServiceStandIn(@Value("${allocation.local.trade-stand-in-port:18082}") int port) {
        return TradeServiceStandIn.start(port);
    }
}
