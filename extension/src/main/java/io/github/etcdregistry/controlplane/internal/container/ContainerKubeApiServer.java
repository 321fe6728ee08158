package io.github.etcdregistry.controlplane.internal.container;

import io.github.etcdregistry.controlplane.Setting;
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
import java.util.function.BooleanSupplier;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/** kube-apiserver in a container on the control plane's network, reaching etcd by its alias. */
public final class ContainerKubeApiServer extends ContainerComponent implements KubeApiServer {

  public static final String ALIAS = "kube-apiserver";
  private static final String BINARY = "/usr/local/bin/kube-apiserver";
  private static final String ENCRYPTION_CONFIG = "/etc/kubernetes/encryption/config.yaml";

  private final ComponentContainer container;
  private final HttpsWaitStrategy readiness;
  private final List<String> flags;

  public ContainerKubeApiServer(DockerImageName image, ClusterPki pki, Network network, HttpsProbe adminProbe, String etcd, Path encryptionConfig,
      List<String> extraFlags, String controlPlaneId, String publishAddress, BooleanSupplier etcdUsable) {
    super(ALIAS);
    this.flags = KubeApiServerFlags.of(etcd, "0.0.0.0", null, KubeApiServerFlags.SECURE_PORT, PkiPaths.inContainer(pki),
        "/var/run/kubernetes", encryptionConfig == null ? null : ENCRYPTION_CONFIG, extraFlags);
    this.readiness = new HttpsWaitStrategy(KubeApiServerFlags.SECURE_PORT, url -> ApiServerReadiness.ready(adminProbe, url), etcdUsable,
        () -> "Started with:" + System.lineSeparator() + "  kube-apiserver " + String.join(" ", flags));
    this.container = new ComponentContainer(image, BINARY, flags, network, ALIAS, KubeApiServerFlags.SECURE_PORT, controlPlaneId,
            publishAddress)
        .withPkiFiles(pki, pki.etcdCaCert(), pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey(), pki.caCert(),
            pki.apiserverCert(), pki.apiserverKey(), pki.serviceAccountKey(), pki.serviceAccountPublicKey())
        .waitingFor(readiness);
    if (encryptionConfig != null) {
      container.withCopyToContainer(Transferable.of(ComponentContainer.readAll(encryptionConfig), 0600), ENCRYPTION_CONFIG);
    }
  }

  @Override
  public ComponentContainer container() {
    return container;
  }

  @Override
  public void start(StartupTimeout timeout) {
    startWaiting(readiness, timeout, Setting.KUBE_APISERVER_IMAGE);
  }

  @Override
  public URI url() {
    return URI.create("https://" + container.getHost() + ":" + container.getMappedPort(KubeApiServerFlags.SECURE_PORT));
  }

  @Override
  public List<String> flags() {
    return flags;
  }
}
