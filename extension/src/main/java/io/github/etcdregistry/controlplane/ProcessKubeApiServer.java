package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** kube-apiserver as a local process bound to 127.0.0.1 on a free port. */
final class ProcessKubeApiServer extends ProcessComponent implements KubeApiServer {

  private final ClusterPki pki;
  private final Path workDirectory;
  private final HttpsProbe adminProbe;
  private final String etcd; // --etcd-servers: one URL per member
  private final Path encryptionConfig;
  private final List<String> extraFlags;
  private URI url;
  private List<String> flags = List.of();

  ProcessKubeApiServer(Path binary, ClusterPki pki, Path workDirectory, HttpsProbe adminProbe, String etcd, Path encryptionConfig,
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
  String at() {
    return " at " + url;
  }
}
