package org.kasbench.globeco.allocation.api.tradeservice;

import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

import java.net.ProxySelector;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM's proxy settings, which Spring Cloud OpenFeign's HTTP client honours
 * ({@code useSystemProperties}), asked once per target host instead of on every call: the
 * system {@link ProxySelector} builds a URI and walks its proxy lists each time, for an
 * answer that does not change while the process runs. The client calls one host, the
 * Trade Service, so the map holds one entry.
 */
final class ProxyOncePerHost extends SystemDefaultRoutePlanner {

	private final Map<HttpHost, Optional<HttpHost>> proxies = new ConcurrentHashMap<>();

	ProxyOncePerHost(ProxySelector proxySelector) {
		super(proxySelector);
	}

	@Override
	protected HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
		Optional<HttpHost> proxy = proxies.get(target);
		if (proxy == null) {
			proxy = Optional.ofNullable(super.determineProxy(target, context));
			proxies.put(target, proxy);
		}
		return proxy.orElse(null);
	}

}
