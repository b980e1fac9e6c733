package org.kasbench.globeco.allocation.settings;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.beans.factory.ObjectProvider;

/** Whether Jobs have a namespace to go to: the one configured, or the client's. */
public final class KubernetesNamespace {

	private KubernetesNamespace() {
	}

	/**
	 * {@code configured} when set, otherwise the namespace the Kubernetes client finds
	 * (the pod's own, or the kubeconfig's); false when neither is there.
	 */
	public static boolean known(String configured, ObjectProvider<KubernetesClient> clients) {
		if (configured != null && !configured.isBlank()) {
			return true;
		}
		try {
			KubernetesClient client = clients.getIfAvailable();
			String namespace = client == null ? null : client.getNamespace();
			return namespace != null && !namespace.isBlank();
		}
		catch (RuntimeException noClient) {
			return false;
		}
	}

}
