package org.kasbench.globeco.allocation.api.tradeservice;

import feign.Response;
import feign.codec.DecodeException;
import feign.codec.Decoder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a Trade Service answer as Spring Cloud OpenFeign's default decoder does for a
 * plain type (an empty body is {@code null}, a body that is not JSON is refused, JSON is
 * read by the application's mapper, so by the same rules), with one reader per answer
 * type made once: the default goes through Spring's message converters and makes a
 * reader, a converter extractor and its logger on every call.
 */
final class TradeServiceAnswerDecoder implements Decoder {

	private final JsonMapper json;

	private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

	TradeServiceAnswerDecoder(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Object decode(Response response, Type type) throws IOException {
		if (response.body() == null) {
			return null;
		}
		byte[] body;
		try (InputStream in = response.body().asInputStream()) {
			body = in.readAllBytes();
		}
		if (body.length == 0) {
			return null;
		}
		if (!isJson(response.headers().get(HttpHeaders.CONTENT_TYPE))) {
			throw new DecodeException(response.status(), "Trade Service answer is not JSON", response.request());
		}
		return readers.computeIfAbsent(type, t -> json.readerFor(json.constructType(t))).readValue(body);
	}

	private static boolean isJson(Collection<String> contentType) {
		if (contentType == null || contentType.isEmpty()) {
			return false;
		}
		try {
			MediaType mediaType = MediaType.parseMediaType(contentType.iterator().next());
			return MediaType.APPLICATION_JSON.isCompatibleWith(mediaType) || mediaType.getSubtype().endsWith("+json");
		}
		catch (InvalidMediaTypeException e) {
			return false;
		}
	}

}
