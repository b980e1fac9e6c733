package org.kasbench.globeco.allocation.api;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The OpenAPI document the service serves, as a validator of real exchanges (Atlassian's
 * swagger-request-validator): an answer must match it, and so must a request the service
 * took. Unknown properties of an answer count as violations, so the document must name
 * every field the service sends.
 */
final class ServedContract {

	private static final Set<String> NOT_AN_OPERATION = Set.of("validation.request.path.missing",
			"validation.request.operation.notAllowed");

	private final OpenApiInteractionValidator validator;

	ServedContract(String document) {
		this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
	}

	/**
	 * What the exchange breaks of the document: always the answer's side, and the
	 * request's side when {@code requestIsValid}. A route or method the document does not
	 * have (an unknown path, a CORS preflight) is no violation: the document describes
	 * the API's operations, and the edge's answers to anything else are tested on their
	 * own.
	 */
	List<String> violations(String method, String pathAndQuery, String body, String contentType,
			HttpResponse<String> response, boolean requestIsValid) {
		URI uri = URI.create(pathAndQuery);
		SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
		response.headers().map().forEach(answer::withHeader);
		ValidationReport report;
		if (requestIsValid) {
			SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getPath()).withHeader("Accept",
					"application/json");
			if (uri.getRawQuery() != null) {
				for (String pair : uri.getRawQuery().split("&")) {
					String[] kv = pair.split("=", 2);
					request.withQueryParam(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
							kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
				}
			}
			if (body != null) {
				request.withBody(body).withContentType(contentType);
			}
			report = validator.validate(request.build(), answer.build());
		}
		else {
			report = validator.validateResponse(uri.getPath(), Request.Method.valueOf(method), answer.build());
		}
		return report.getMessages()
			.stream()
			.filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
			.filter(m -> !NOT_AN_OPERATION.contains(m.getKey()))
			.map(m -> method + " " + pathAndQuery + " -> " + response.statusCode() + ": " + m)
			.toList();
	}

	/**
	 * What an example of the document breaks of its own operation: a request body's when
	 * {@code status} is null, else the answer's with that status.
	 */
	List<String> exampleViolations(String method, String path, Integer status, String example) {
		ValidationReport report = status == null ? validator.validateRequest(
				new SimpleRequest.Builder(method, path).withContentType("application/json").withBody(example).build())
				: validator.validateResponse(path, Request.Method.valueOf(method),
						SimpleResponse.Builder.status(status)
							.withContentType("application/json")
							.withBody(example)
							.build());
		return report.getMessages()
			.stream()
			.filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
			.map(m -> method + " " + path + (status == null ? " request" : " -> " + status) + " example: " + m)
			.toList();
	}

}
