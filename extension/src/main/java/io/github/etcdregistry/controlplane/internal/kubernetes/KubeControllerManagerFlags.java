package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command line and readiness of kube-controller-manager for tests: every default controller, no leader
 * election (there is one), the admin's kubeconfig, and the cluster CA to sign what controllers sign.
 */
public final class KubeControllerManagerFlags {

  public static final int SECURE_PORT = 10257;

  private KubeControllerManagerFlags() {}

  /** {@code extraFlags}: the user's own, last, so that they win over these. */
  public static List<String> of(String kubeconfig, String bindAddress, int securePort, String certDirectory, PkiPaths files,
      List<String> extraFlags) {
    return Stream.concat(Stream.of(
        "--kubeconfig=" + kubeconfig,
        "--authentication-kubeconfig=" + kubeconfig,
        "--authorization-kubeconfig=" + kubeconfig,
        "--bind-address=" + bindAddress,
        "--secure-port=" + securePort,
        "--cert-dir=" + certDirectory,
        "--leader-elect=false",
        "--service-account-private-key-file=" + files.of(ClusterPki::serviceAccountKey),
        "--root-ca-file=" + files.of(ClusterPki::caCert),
        "--cluster-signing-cert-file=" + files.of(ClusterPki::caCert),
        "--cluster-signing-key-file=" + files.of(ClusterPki::caKey),
        "--use-service-account-credentials=false",
        "--profiling=false"), extraFlags.stream()).toList();
  }

  /** Its controllers are at work once the ServiceAccount controller has created {@code default/default}. */
  public static boolean acting(HttpsProbe adminProbe, URI kubeApiServer) {
    HttpsProbe.Response response = adminProbe.get(kubeApiServer.resolve("/api/v1/namespaces/default/serviceaccounts/default"));
    return response != null && response.status() == 200;
  }
}
