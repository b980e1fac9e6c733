package org.kasbench.globeco.allocation.api.send;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kasbench.globeco.allocation.api.web.ApiError;
import org.kasbench.globeco.allocation.api.web.ApiException;
import org.kasbench.globeco.allocation.api.web.ApiRoutes;
import org.kasbench.globeco.allocation.api.web.PageParameters;
import org.kasbench.globeco.allocation.api.web.Pagination;
import org.kasbench.globeco.allocation.send.domain.BatchAudit;
import org.kasbench.globeco.allocation.send.domain.BatchStatus;
import org.kasbench.globeco.allocation.send.SendProperties;
import org.kasbench.globeco.allocation.send.domain.Batch;
import org.kasbench.globeco.allocation.shared.domain.Page;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The batch audit: every send, newest first, with its outcome and status history. */
@RestController
@Tag(name = "Batches", description = "Audit of sends, with their outcome and status history")
class BatchController {

	private final BatchAudit batches;

	private final int attentionAfterAttempts;

	BatchController(BatchAudit batches, SendProperties properties) {
		this.batches = batches;
		this.attentionAfterAttempts = properties.attentionAfterAttempts();
	}

	record BatchPage(List<BatchDto> batches, Pagination pagination) {
	}

	@Operation(operationId = "listBatches", summary = "List batches, newest first",
			parameters = {
					@Parameter(name = "limit", in = ParameterIn.QUERY,
							schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "50")),
					@Parameter(name = "offset", in = ParameterIn.QUERY,
							schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")) })
	@ApiResponse(responseCode = "200", description = "A page of batches")
	@ApiResponse(responseCode = "400", description = "A bad or unknown parameter")
	@GetMapping(path = ApiRoutes.BATCHES, produces = MediaType.APPLICATION_JSON_VALUE)
	BatchPage list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
		List<ApiError.Detail> problems = new ArrayList<>();
		PageParameters.rejectUnknown(params, Set.of("limit", "offset"), problems);
		int limit = PageParameters.limit(params, problems);
		int offset = PageParameters.offset(params, problems);
		if (!problems.isEmpty()) {
			throw ApiException.badRequest("Invalid query parameters", problems);
		}
		Page<Batch> page = batches.list(limit, offset);
		return new BatchPage(
				page.items().stream().map(b -> BatchDto.from(b, attentionAfterAttempts, List.of(), List.of())).toList(),
				Pagination.of(page));
	}

	@Operation(operationId = "getBatch", summary = "One batch with its row verdicts and status history")
	@ApiResponse(responseCode = "200", description = "The batch")
	@ApiResponse(responseCode = "400", description = "The id is not an integer")
	@ApiResponse(responseCode = "404", description = "No such batch")
	@GetMapping(path = ApiRoutes.BATCH_BY_ID, produces = MediaType.APPLICATION_JSON_VALUE)
	BatchDto get(@PathVariable int id) {
		Batch batch = batches.find(id)
			.filter(b -> b.status() != BatchStatus.SEED)
			.orElseThrow(() -> ApiException.notFound("No batch with id " + id));
		return BatchDto.from(batch, attentionAfterAttempts, batches.rowOutcomes(id), batches.history(id));
	}

}
