package org.kasbench.globeco.allocation.api.tradeservice;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The one Trade Service call this service makes: a plain RestClient call, so the request
 * path is Spring's RestClient (observed as {@code http.client.requests}) and Apache
 * HttpClient 5's pool, and nothing in between.
 */
class TradeServiceClient {

	private final RestClient restClient;

	TradeServiceClient(RestClient.Builder builder, ClientHttpRequestFactory requestFactory,
			TradeServiceProperties properties) {
		this.restClient = builder.clone().baseUrl(properties.url()).requestFactory(requestFactory).build();
	}

	/**
	 * @throws org.springframework.web.client.RestClientResponseException on an answer
	 * other than 2xx
	 * @throws org.springframework.web.client.ResourceAccessException when no answer came
	 * (connection refused or reset, timeout)
	 * @throws org.springframework.web.client.RestClientException when the answer could
	 * not be read
	 */
	TradeExecutionPage findExecutions(int executionServiceId) {
		return restClient.get()
			.uri("/api/v2/executions?executionServiceId={id}", executionServiceId)
			.retrieve()
			.body(TradeExecutionPage.class);
	}

}
