package org.kasbench.globeco.allocation.api.tradeservice;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyOncePerHostTest {

	private static final HttpHost TRADE_SERVICE = new HttpHost("http", "trade-service", 8082);

	private static final HttpHost OTHER = new HttpHost("http", "other", 80);

	/**
	 * Sends trade-service through a proxy, everything else directly; remembers what it
	 * was asked.
	 */
	private static final class RecordingProxySelector extends ProxySelector {

		final List<URI> asked = new ArrayList<>();

		@Override
		public List<Proxy> select(URI uri) {
			asked.add(uri);
			return uri.getHost().equals(TRADE_SERVICE.getHostName())
					? List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy", 3128)))
					: List.of(Proxy.NO_PROXY);
		}

		@Override
		public void connectFailed(URI uri, SocketAddress address, IOException failure) {
		}

	}

	@Test
	void asksTheProxySelectorOncePerHostAndRoutesAsItSaid() throws Exception {
		RecordingProxySelector selector = new RecordingProxySelector();
		ProxyOncePerHost planner = new ProxyOncePerHost(selector);

		List<HttpRoute> routes = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			routes.add(planner.determineRoute(TRADE_SERVICE, HttpClientContext.create()));
			routes.add(planner.determineRoute(OTHER, HttpClientContext.create()));
		}

		assertThat(selector.asked).extracting(URI::getHost).containsExactly("trade-service", "other");
		assertThat(routes).extracting(HttpRoute::getProxyHost)
			.containsExactly(new HttpHost("proxy", 3128), null, new HttpHost("proxy", 3128), null,
					new HttpHost("proxy", 3128), null);
	}

}
