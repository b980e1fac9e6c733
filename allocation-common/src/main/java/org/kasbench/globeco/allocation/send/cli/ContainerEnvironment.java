package org.kasbench.globeco.allocation.send.cli;

import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The environment given to a CLI container, as conventional variable names. Spring binds
 * a map taken from environment variables with lower-cased, dotted keys
 * ({@code ALLOCATION_CLI_KUBERNETES_ENV_GLOBECO_PA_SERVER_HOST} arrives as
 * {@code globeco.pa.server.host}); the container must see {@code GLOBECO_PA_SERVER_HOST}.
 */
public final class ContainerEnvironment {

	private ContainerEnvironment() {
	}

	public static SortedMap<String, String> of(Map<String, String> configured) {
		SortedMap<String, String> env = new TreeMap<>();
		configured
			.forEach((key, value) -> env.put(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
		return env;
	}

}
