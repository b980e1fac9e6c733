package org.kasbench.globeco.allocation.send.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One transaction for Portfolio Accounting, mapped from an execution as the requirements say. The source id
 * ("AC" and the execution id) is unique downstream, which is what makes re-sending a batch safe.
 */
public record PortfolioAccountingTransaction(String portfolioId, String securityId, String sourceId,
                                             String transactionType, BigDecimal quantity, BigDecimal price,
                                             LocalDate transactionDate) {

    public static final String SOURCE_ID_PREFIX = "AC";

    public static PortfolioAccountingTransaction of(ExecutionToSend e) {
        return new PortfolioAccountingTransaction(e.portfolioId().trim(), e.securityId().trim(),
                SOURCE_ID_PREFIX + e.id(), e.tradeType(), e.quantity(), e.averagePrice(), e.tradeDate());
    }
}
