package org.kasbench.globeco.allocation.api.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** Builds the shared error shape, for the exception handler and for filters that answer before MVC. */
@Component
public class ApiErrors {

    private final Clock clock;
    private final JsonMapper json;

    ApiErrors(Clock clock, JsonMapper json) {
        this.clock = clock;
        this.json = json;
    }

    public ApiError of(HttpStatusCode status, String code, String message, String path, List<ApiError.Detail> details) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return new ApiError(status.value(), known == null ? "Error" : known.getReasonPhrase(), code, message, path,
                OffsetDateTime.now(clock), CorrelationId.current(), List.copyOf(details));
    }

    public void write(HttpServletResponse response, ApiError error) throws IOException {
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), error);
    }
}
