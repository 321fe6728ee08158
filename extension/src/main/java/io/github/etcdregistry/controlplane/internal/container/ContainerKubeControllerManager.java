package io.github.etcdregistry.controlplane.internal.container;

import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.controlplane.internal.Readiness;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServerFlags;
import io.github.etcdregistry.controlplane.internal.kubernetes.ApiClientComponent;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeControllerManagerFlags;
import io.github.etcdregistry.controlplane.internal.kubernetes.Kubeconfig;
import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/** kube-controller-manager in a container on the control plane's network, reaching kube-apiserver by its alias. */
public final class ContainerKubeControllerManager extends ContainerComponent implements ApiClientComponent {

  public static final String ALIAS = "kube-controller-manager";
  private static final String BINARY = "/usr/local/bin/kube-controller-manager";
  private static final String KUBECONFIG = "/etc/kubernetes/controller-manager.conf";

  private final ComponentContainer container;
  private final List<String> flags;
  private final HttpsProbe adminProbe;
  private final URI kubeApiServer;

  public ContainerKubeControllerManager(DockerImageName image, ClusterPki pki, Network network, HttpsProbe adminProbe, URI kubeApiServer,
      List<String> extraFlags, String controlPlaneId, String publishAddress) {
    super(ALIAS);
    this.adminProbe = adminProbe;
    this.kubeApiServer = kubeApiServer;
    this.flags = KubeControllerManagerFlags.of(KUBECONFIG, "0.0.0.0", KubeControllerManagerFlags.SECURE_PORT, "/var/run/kubernetes",
        PkiPaths.inContainer(pki), extraFlags);
    PkiPaths inside = PkiPaths.inContainer(pki);
    String kubeconfig = Kubeconfig.yaml(URI.create("https://" + ContainerKubeApiServer.ALIAS + ":" + KubeApiServerFlags.SECURE_PORT),
        inside.of(ClusterPki::caCert), inside.of(ClusterPki::adminCert), inside.of(ClusterPki::adminKey));
    this.container = new ComponentContainer(image, BINARY, flags, network, ALIAS, KubeControllerManagerFlags.SECURE_PORT, controlPlaneId,
            publishAddress)
        .withPkiFiles(pki, pki.caCert(), pki.caKey(), pki.adminCert(), pki.adminKey(), pki.serviceAccountKey());
    container.withCopyToContainer(Transferable.of(kubeconfig.getBytes(StandardCharsets.UTF_8), 0600), KUBECONFIG);
  }

  @Override
  public ComponentContainer container() {
    return container;
  }

  @Override
  public void start(StartupTimeout timeout) {
    container.startOrExplain(ALIAS, Setting.KUBE_CONTROLLER_MANAGER_IMAGE);
    Readiness.await("kube-controller-manager container", timeout, () -> KubeControllerManagerFlags.acting(adminProbe, kubeApiServer),
        container::isRunning, () -> "Started with:" + System.lineSeparator() + "  kube-controller-manager " + String.join(" ", flags)
            + System.lineSeparator() + "Last log lines:" + System.lineSeparator() + recentLogs());
  }

  @Override
  public List<String> flags() {
    return flags;
  }
}
