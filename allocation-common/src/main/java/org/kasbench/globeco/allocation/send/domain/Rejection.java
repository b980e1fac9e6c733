package org.kasbench.globeco.allocation.send.domain;

/** A row the Portfolio Accounting CLI refused, and why. */
public record Rejection(String sourceId, String errorMessage) {

    /** A repeat of a row that an earlier run of the same batch delivered: already accepted downstream. */
    public boolean isDuplicate() {
        return errorMessage != null && errorMessage.toLowerCase(java.util.Locale.ROOT).contains("duplicate");
    }
}
