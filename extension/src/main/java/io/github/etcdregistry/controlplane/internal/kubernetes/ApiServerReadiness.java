package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import java.net.URI;

/**
 * kube-apiserver is usable when {@code /readyz} says ok to the admin (all post-start hooks done, RBAC
 * bootstrapped) and the {@code default} namespace, created by a controller right after, exists.
 */
public final class ApiServerReadiness {

  private ApiServerReadiness() {}

  public static boolean ready(HttpsProbe probe, URI url) {
    HttpsProbe.Response readyz = probe.get(url.resolve("/readyz"));
    if (readyz == null || readyz.status() != 200) {
      return false;
    }
    HttpsProbe.Response namespace = probe.get(url.resolve("/api/v1/namespaces/default"));
    return namespace != null && namespace.status() == 200;
  }
}
