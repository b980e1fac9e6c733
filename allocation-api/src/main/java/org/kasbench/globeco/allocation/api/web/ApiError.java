package org.kasbench.globeco.allocation.api.web;

import java.time.OffsetDateTime;
import java.util.List;

/** The one error shape every failed request gets. */
public record ApiError(int status, String error, String code, String message, String path,
                       OffsetDateTime timestamp, String correlationId, List<Detail> details) {

    /** One thing wrong with the request: the field (or parameter) and the rule it broke. */
    public record Detail(String field, String message) {
    }
}
