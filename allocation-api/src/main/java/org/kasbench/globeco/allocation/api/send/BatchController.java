package org.kasbench.globeco.allocation.api.send;

import org.kasbench.globeco.allocation.api.web.ApiError;
import org.kasbench.globeco.allocation.api.web.ApiException;
import org.kasbench.globeco.allocation.api.web.ApiRoutes;
import org.kasbench.globeco.allocation.api.web.PageParameters;
import org.kasbench.globeco.allocation.api.web.Pagination;
import org.kasbench.globeco.allocation.batch.domain.BatchRepository;
import org.kasbench.globeco.allocation.batch.domain.SendBatch;
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
class BatchController {

    private final BatchRepository batches;

    BatchController(BatchRepository batches) {
        this.batches = batches;
    }

    record BatchPage(List<BatchDto> batches, Pagination pagination) {
    }

    @GetMapping(path = ApiRoutes.BATCHES, produces = MediaType.APPLICATION_JSON_VALUE)
    BatchPage list(@RequestParam MultiValueMap<String, String> params) {
        List<ApiError.Detail> problems = new ArrayList<>();
        PageParameters.rejectUnknown(params, Set.of("limit", "offset"), problems);
        int limit = PageParameters.limit(params, problems);
        int offset = PageParameters.offset(params, problems);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("Invalid query parameters", problems);
        }
        Page<SendBatch> page = batches.list(limit, offset);
        return new BatchPage(page.items().stream().map(b -> BatchDto.from(b, List.of(), List.of())).toList(),
                Pagination.of(page));
    }

    @GetMapping(path = ApiRoutes.BATCH_BY_ID, produces = MediaType.APPLICATION_JSON_VALUE)
    BatchDto get(@PathVariable int id) {
        SendBatch batch = batches.find(id).filter(b -> b.status() != org.kasbench.globeco.allocation.batch.domain.BatchStatus.SEED)
                .orElseThrow(() -> ApiException.notFound("No batch with id " + id));
        return BatchDto.from(batch, batches.rejections(id), batches.history(id));
    }
}
