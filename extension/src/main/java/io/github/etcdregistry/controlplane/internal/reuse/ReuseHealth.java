package io.github.etcdregistry.controlplane.internal.reuse;

import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.etcd.EtcdFlags;
import io.github.etcdregistry.pki.TlsFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Asks a reused control plane's etcd for {@code /health} and its kube-apiserver for {@code /readyz}, with their client certificates. */
public final class ReuseHealth {

  private final URI etcd;
  private final URI kubeApiServer;
  private final HttpsProbe etcdProbe;
  private final HttpsProbe adminProbe;

  public ReuseHealth(ReuseState state) {
    Map<String, String> attach = state.attachSettings();
    this.etcd = URI.create(attach.get(Setting.EXISTING_ETCD_ENDPOINTS.key()).split(",")[0]);
    this.kubeApiServer = state.kubeApiServer();
    this.etcdProbe = new HttpsProbe(TlsFiles.clientSslContext(Path.of(attach.get(Setting.EXISTING_ETCD_CA.key())),
        Path.of(attach.get(Setting.EXISTING_ETCD_CERT.key())), Path.of(attach.get(Setting.EXISTING_ETCD_KEY.key()))));
    this.adminProbe = new HttpsProbe(TlsFiles.clientSslContext(state.ca(), state.adminCert(), state.adminKey()));
  }

  /** What does not answer healthy now, or empty. */
  public Optional<String> problem() {
    if (!EtcdFlags.healthy(etcdProbe, etcd)) {
      return Optional.of("etcd at " + etcd + " does not answer /health");
    }
    HttpsProbe.Response readyz = adminProbe.get(kubeApiServer.resolve("/readyz"));
    if (readyz == null || readyz.status() != 200) {
      return Optional.of("kube-apiserver at " + kubeApiServer + " is not ready (/readyz)");
    }
    return Optional.empty();
  }
}
