package org.kasbench.globeco.allocation.send.domain;

/** A row the Portfolio Accounting CLI refused, and why. */
public record Rejection(String sourceId, String errorMessage) {

    /**
     * A repeat of a row that an earlier run of the same batch delivered: already accepted downstream. The real
     * service words it {@code sourceId: source ID must be unique}; as it answers 207 for a batch with any failed
     * row, the CLI writes {@code HTTP 207: <body>} on every row of that chunk, the wording inside the body.
     * (Stop-gap: a chunk mixing duplicates with rows refused on their merits needs the body read per row.)
     */
    public boolean isDuplicate() {
        if (errorMessage == null) {
            return false;
        }
        String message = errorMessage.toLowerCase(java.util.Locale.ROOT);
        return message.contains("duplicate") || message.contains("source id must be unique");
    }
}
