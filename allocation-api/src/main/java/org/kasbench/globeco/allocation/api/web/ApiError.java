package org.kasbench.globeco.allocation.api.web;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

import static org.kasbench.globeco.allocation.api.web.OpenApiConfiguration.EPOCH_SECONDS;

/** The one error shape every failed request gets. */
public record ApiError(int status, String error, String code, String message, @Schema(nullable = true) String path,
		@Schema(type = "number", description = EPOCH_SECONDS) OffsetDateTime timestamp,
		@Schema(nullable = true) String correlationId, List<Detail> details) {

	/**
	 * One thing wrong with the request: the field (or parameter) and the rule it broke.
	 */
	public record Detail(String field, String message) {
	}
}
