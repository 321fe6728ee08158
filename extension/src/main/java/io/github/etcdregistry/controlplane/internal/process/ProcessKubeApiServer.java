package io.github.etcdregistry.controlplane.internal.process;

import io.github.etcdregistry.controlplane.internal.FreePorts;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.controlplane.internal.kubernetes.ApiServerReadiness;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServer;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServerFlags;
import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** kube-apiserver as a local process bound to 127.0.0.1 on a free port. */
public final class ProcessKubeApiServer extends ProcessComponent implements KubeApiServer {

  private final ClusterPki pki;
  private final Path workDirectory;
  private final HttpsProbe adminProbe;
  private final String etcd; // --etcd-servers: one URL per member
  private final Path encryptionConfig;
  private final List<String> extraFlags;
  private URI url;
  private List<String> flags = List.of();

  public ProcessKubeApiServer(Path binary, ClusterPki pki, Path workDirectory, HttpsProbe adminProbe, String etcd, Path encryptionConfig,
      List<String> extraFlags) {
    super("kube-apiserver", binary, workDirectory);
    this.pki = pki;
    this.workDirectory = workDirectory;
    this.adminProbe = adminProbe;
    this.etcd = etcd;
    this.encryptionConfig = encryptionConfig;
    this.extraFlags = extraFlags;
  }

  @Override
  public void start(StartupTimeout timeout) {
    startOnFreePorts(attempt -> {
      int port = FreePorts.next("kube-apiserver");
      url = URI.create("https://127.0.0.1:" + port);
      // no --advertise-address: loopback is refused by the endpoint reconciler, so kube-apiserver picks the host's own IP
      flags = KubeApiServerFlags.of(etcd, "127.0.0.1", null, port, PkiPaths.onHost(pki),
          workDirectory.resolve("apiserver-certs").toString(), encryptionConfig == null ? null : encryptionConfig.toString(),
          extraFlags);
      return flags;
    }, () -> "kube-apiserver at " + url, timeout, () -> ApiServerReadiness.ready(adminProbe, url));
  }

  @Override
  public URI url() {
    return url;
  }

  @Override
  public List<String> flags() {
    return flags;
  }

  @Override
  public String at() {
    return " at " + url;
  }
}
