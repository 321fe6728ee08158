package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/** kube-apiserver in a container on the control plane's network, reaching etcd by its alias. */
final class ContainerKubeApiServer implements KubeApiServer {

  static final String ALIAS = "kube-apiserver";
  private static final String BINARY = "/usr/local/bin/kube-apiserver";
  private static final String ENCRYPTION_CONFIG = "/etc/kubernetes/encryption/config.yaml";

  private final ComponentContainer container;
  private final HttpsWaitStrategy readiness;
  private final List<String> flags;

  ContainerKubeApiServer(DockerImageName image, ClusterPki pki, Network network, HttpsProbe adminProbe, String etcd, Path encryptionConfig,
      List<String> extraFlags, String controlPlaneId, String publishAddress, BooleanSupplier etcdUsable) {
    this.flags = KubeApiServerFlags.of(etcd, "0.0.0.0", null, KubeApiServerFlags.SECURE_PORT, PkiPaths.inContainer(pki),
        "/var/run/kubernetes", encryptionConfig == null ? null : ENCRYPTION_CONFIG, extraFlags);
    this.container = new ComponentContainer(image, BINARY, flags, network, ALIAS, KubeApiServerFlags.SECURE_PORT, controlPlaneId,
            publishAddress)
        .withPkiFiles(pki, pki.etcdCaCert(), pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey(), pki.caCert(),
            pki.apiserverCert(), pki.apiserverKey(), pki.serviceAccountKey(), pki.serviceAccountPublicKey())
        .waitingFor(this.readiness = new HttpsWaitStrategy(KubeApiServerFlags.SECURE_PORT, url -> ApiServerReadiness.ready(adminProbe, url),
            etcdUsable, () -> "Started with:" + System.lineSeparator() + "  kube-apiserver " + String.join(" ", flags)));
    if (encryptionConfig != null) {
      container.withCopyToContainer(Transferable.of(ComponentContainer.readAll(encryptionConfig), 0600), ENCRYPTION_CONFIG);
    }
  }

  @Override
  public void start(StartupTimeout timeout) {
    readiness.withTimeoutKnob(timeout.knob());
    container.withStartupTimeout(timeout.duration());
    container.startOrExplain("kube-apiserver", Settings.KUBE_APISERVER_IMAGE);
  }

  @Override
  public URI url() {
    return URI.create("https://" + container.getHost() + ":" + container.getMappedPort(KubeApiServerFlags.SECURE_PORT));
  }

  @Override
  public List<String> flags() {
    return flags;
  }

  @Override
  public String recentLogs() {
    return container.recentLogs(50);
  }

  @Override
  public java.util.Optional<String> exitReport() {
    return container.exitReport("kube-apiserver");
  }

  @Override
  public void close() {
    container.stopDeliberately();
  }

  @Override
  public String toString() {
    return "kube-apiserver container " + container.image();
  }
}
