package org.kasbench.globeco.allocation.send.domain;

/** The delivery objective's figures, counted over every batch. */
public interface DeliveryCountsQuery {

	/**
	 * @param attentionAfterAttempts a FAILED batch with at least this many attempts needs
	 * an operator ({@link Batch#needsAttention})
	 */
	DeliveryCounts deliveryCounts(int attentionAfterAttempts);

}
