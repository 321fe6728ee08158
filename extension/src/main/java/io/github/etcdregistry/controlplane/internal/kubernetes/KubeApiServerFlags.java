package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.pki.ClusterPki;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a kube-apiserver for tests: etcd over mutual TLS, client certificates for users,
 * RBAC, and the ServiceAccount admission plugin off because no controller-manager creates tokens.
 */
public final class KubeApiServerFlags {

  public static final int SECURE_PORT = 6443;
  public static final String SERVICE_CLUSTER_IP_RANGE = "10.96.0.0/12";

  private KubeApiServerFlags() {}

  /**
   * @param bindAddress {@code 127.0.0.1} for a process, {@code 0.0.0.0} in a container
   * @param advertiseAddress the IP the {@code kubernetes} service points at; {@code null} lets kube-apiserver choose
   * @param extraFlags the user's own flags, e.g. {@code --feature-gates=...}
   */
  public static List<String> of(String etcd, String bindAddress, String advertiseAddress, int securePort, PkiPaths files,
      String certDirectory, String encryptionConfig, List<String> extraFlags) {
    List<String> flags = new ArrayList<>();
    flags.add("--etcd-servers=" + etcd);
    flags.add("--etcd-cafile=" + files.of(ClusterPki::etcdCaCert));
    flags.add("--etcd-certfile=" + files.of(ClusterPki::apiserverEtcdClientCert));
    flags.add("--etcd-keyfile=" + files.of(ClusterPki::apiserverEtcdClientKey));
    flags.add("--bind-address=" + bindAddress);
    if (advertiseAddress != null) {
      flags.add("--advertise-address=" + advertiseAddress);
    }
    flags.add("--secure-port=" + securePort);
    flags.add("--cert-dir=" + certDirectory);
    flags.add("--tls-cert-file=" + files.of(ClusterPki::apiserverCert));
    flags.add("--tls-private-key-file=" + files.of(ClusterPki::apiserverKey));
    flags.add("--client-ca-file=" + files.of(ClusterPki::caCert));
    flags.add("--service-account-issuer=https://kubernetes.default.svc.cluster.local");
    flags.add("--service-account-key-file=" + files.of(ClusterPki::serviceAccountPublicKey));
    flags.add("--service-account-signing-key-file=" + files.of(ClusterPki::serviceAccountKey));
    flags.add("--service-cluster-ip-range=" + SERVICE_CLUSTER_IP_RANGE);
    flags.add("--authorization-mode=RBAC");
    flags.add("--disable-admission-plugins=ServiceAccount");
    flags.add("--allow-privileged=true");
    flags.add("--profiling=false");
    if (encryptionConfig != null) {
      flags.add("--encryption-provider-config=" + encryptionConfig);
    }
    flags.addAll(extraFlags); // last, so that a user's value wins over ours
    return flags;
  }
}
