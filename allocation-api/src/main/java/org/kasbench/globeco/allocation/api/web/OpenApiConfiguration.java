package org.kasbench.globeco.allocation.api.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The served OpenAPI document's description. Timestamps are described where they are
 * declared: numbers of epoch seconds on the way out ({@link #EPOCH_SECONDS}), ISO-8601
 * strings on the way in.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

	public static final String EPOCH_SECONDS = "Seconds since the Unix epoch, to the nanosecond, e.g. 1748345329.233793461";

	public static final String COMPONENTS = "#/components/schemas/";

	/** The component that describes a timestamp on the way in. */
	public static final String TIMESTAMP_IN = "TimestampIn";

	/**
	 * Properties of an answer that are left out rather than sent as null; every other
	 * property of an answer is always present.
	 */
	private static final Set<String> MAY_BE_ABSENT = Set.of("Result.execution");

	/** Schemas of what clients send; the rest describe answers. */
	private static final Set<String> REQUEST_SCHEMAS = Set.of("ExecutionPostDto", TIMESTAMP_IN);

	@Bean
	OpenAPI allocationServiceApi() {
		return new OpenAPI()
			.info(new Info().title("GlobeCo Allocation Service")
				.version("v1")
				.description(
						"""
								Takes closed executions from the Confirmation Service, enriches them with their portfolio from the \
								Trade Service, and hands every new execution exactly once to the Portfolio Accounting CLI. \
								Every error has the ApiError shape; X-Correlation-ID is echoed on every response.""")
				.contact(new Contact().name("Noah Krieger").email("noah@kasbench.org")))
			// Relative: the host that served the document (springdoc would write the
			// address of the request in, so the document would differ by deployment).
			.servers(List.of(new Server().url("/").description("The service that serves this document")));
	}

	/**
	 * A timestamp on the way in: an ISO-8601 string with an offset, as the Confirmation
	 * Service sends, or a number of epoch seconds, as the service answers. The execution
	 * element also takes the last-fill time under its other spelling, and any field it
	 * does not know (ignored).
	 */
	@Bean
	OpenApiCustomizer timestampsOnTheWayIn() {
		return api -> {
			Schema<?> element = api.getComponents().getSchemas().get("ExecutionPostDto");
			element.addProperty("lastFilledTimestamp", new Schema<>().$ref(COMPONENTS + TIMESTAMP_IN));
			element.setAdditionalProperties(true);
			api.getComponents()
				.addSchemas(TIMESTAMP_IN, new ComposedSchema()
					.oneOf(List.of(new StringSchema().format("date-time").example("2025-05-27T14:39:27.509362Z"),
							new NumberSchema().example(new BigDecimal("1748345367.5"))))
					.description("""
							ISO-8601 with an offset (RFC 3339, up to 9 fraction digits), e.g. \
							2025-05-27T14:39:27.509362Z, or a number of seconds since the Unix epoch, e.g. \
							1748345329.233793461; between 1900-01-01 and 9999-12-31."""));
		};
	}

	/**
	 * Every property of an answer is always there (null where the schema says nullable),
	 * but the few that are left out when empty: clients may rely on that.
	 */
	@Bean
	OpenApiCustomizer answersHaveEveryProperty() {
		return api -> api.getComponents().getSchemas().forEach((name, schema) -> {
			if (REQUEST_SCHEMAS.contains(name) || schema.getProperties() == null) {
				return;
			}
			schema.setRequired(schema.getProperties()
				.keySet()
				.stream()
				.filter(property -> !MAY_BE_ABSENT.contains(name + "." + property))
				.toList());
		});
	}

	/**
	 * Every error answer in the ApiError shape, declared here once: operations document
	 * an error status with its description only
	 * ({@code @ApiResponse(responseCode = "404", description = "...")}) and get the shape
	 * here (springdoc would otherwise describe it with the operation's return type); an
	 * answer documented with a shape of its own (the all-failed ingest) keeps it.
	 */
	@Bean
	OperationCustomizer errorResponsesInTheErrorShape() {
		return (operation, handler) -> {
			for (io.swagger.v3.oas.annotations.responses.ApiResponse declared : handler.getMethod()
				.getAnnotationsByType(io.swagger.v3.oas.annotations.responses.ApiResponse.class)) {
				ApiResponse response = operation.getResponses().get(declared.responseCode());
				if (isError(declared.responseCode()) && declared.content().length == 0 && response != null) {
					response.setContent(apiError());
				}
			}
			return operation;
		};
	}

	/**
	 * The answers any operation can get from the HTTP edge (malformed request, refused
	 * origin, Accept without JSON, body not received in time, body too large, our own
	 * fault), in the ApiError shape, added where an operation does not document that
	 * status itself; and the {@code Location} of the batch on a failed send.
	 */
	@Bean
	OpenApiCustomizer edgeErrorResponses() {
		return api -> {
			if (api.getPaths() == null) {
				return;
			}
			if (api.getComponents() != null && (api.getComponents().getSchemas() == null
					|| !api.getComponents().getSchemas().containsKey(ApiError.class.getSimpleName()))) {
				ModelConverters.getInstance().read(ApiError.class).forEach(api.getComponents()::addSchemas);
			}
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				ApiResponses responses = operation.getResponses();
				add(responses, "400",
						"Malformed request: bad percent-encoding, URI, header, JSON or parameter (MALFORMED_REQUEST, VALIDATION_FAILED)");
				add(responses, "406", "The Accept header excludes application/json (NOT_ACCEPTABLE)");
				add(responses, "500", "Our fault (INTERNAL_ERROR); quote the correlation id");
				if (method == PathItem.HttpMethod.POST) {
					add(responses, "403",
							"Cross-origin request from an origin that is not allowed (ORIGIN_NOT_ALLOWED, CORS_REJECTED)");
					add(responses, "408",
							"The body was not received in time, e.g. shorter than its Content-Length (REQUEST_TIMEOUT)");
					add(responses, "413", "Body over the configured size limit (PAYLOAD_TOO_LARGE)");
				}
				if (path.equals(ApiRoutes.SEND) || path.equals(ApiRoutes.BATCH_RETRY)) {
					responses.forEach((status, response) -> {
						if (status.startsWith("5")) {
							response.addHeaderObject(HttpHeaders.LOCATION,
									new Header().description("The failed batch, " + ApiRoutes.BATCHES + "/{id}")
										.schema(new StringSchema()));
						}
					});
				}
			}));
		};
	}

	private static boolean isError(String status) {
		return status.length() == 3 && (status.startsWith("4") || status.startsWith("5"));
	}

	private static void add(ApiResponses responses, String status, String description) {
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status, new ApiResponse().description(description).content(apiError()));
		}
	}

	private static Content apiError() {
		return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
				new MediaType().schema(new Schema<>().$ref(COMPONENTS + ApiError.class.getSimpleName())));
	}

}
