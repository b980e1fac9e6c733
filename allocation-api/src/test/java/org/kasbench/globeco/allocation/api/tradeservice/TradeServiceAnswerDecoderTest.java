package org.kasbench.globeco.allocation.api.tradeservice;

import feign.Request;
import feign.Response;
import feign.codec.DecodeException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradeServiceAnswerDecoderTest {

	private static final String PAGE = """
			{"executions":[{"id":7,"executionServiceId":27,"tradeOrder":{"orderId":148,"extra":1,
			"portfolio":{"portfolioId":"684f125ac19ad4fb89bc14ba","name":"x"}}}],"pagination":{"totalElements":1}}""";

	private final TradeServiceAnswerDecoder decoder = new TradeServiceAnswerDecoder(JsonMapper.builder().build());

	private static Response answer(String contentType, String body) {
		Map<String, Collection<String>> headers = contentType == null ? Map.of()
				: Map.of("Content-Type", List.of(contentType));
		return Response.builder()
			.status(200)
			.request(Request.create(Request.HttpMethod.GET, "http://trade-service/api/v2/executions", Map.of(), null,
					null, null))
			.headers(headers)
			.body(body, StandardCharsets.UTF_8)
			.build();
	}

	@Test
	void readsAPageIgnoringWhatItDoesNotKnow() throws Exception {
		for (int i = 0; i < 2; i++) {
			Object page = decoder.decode(answer("application/json;charset=UTF-8", PAGE), TradeExecutionPage.class);

			assertThat(page).isEqualTo(new TradeExecutionPage(
					List.of(new TradeExecutionPage.TradeExecution(27, new TradeExecutionPage.TradeOrder(148,
							new TradeExecutionPage.Portfolio("684f125ac19ad4fb89bc14ba"))))));
		}
	}

	@Test
	void anEmptyBodyIsNoPage() throws Exception {
		assertThat(decoder.decode(answer("application/json", ""), TradeExecutionPage.class)).isNull();
	}

	@Test
	void aBodyThatIsNotJsonIsRefused() {
		assertThatThrownBy(() -> decoder.decode(answer("text/html", "<html></html>"), TradeExecutionPage.class))
			.isInstanceOf(DecodeException.class);
		assertThatThrownBy(() -> decoder.decode(answer(null, PAGE), TradeExecutionPage.class))
			.isInstanceOf(DecodeException.class);
		assertThatThrownBy(
				() -> decoder.decode(answer("application/json", "{\"executions\":["), TradeExecutionPage.class))
			.isInstanceOf(JacksonException.class);
	}

}
