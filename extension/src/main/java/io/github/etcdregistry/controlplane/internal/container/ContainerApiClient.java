package io.github.etcdregistry.controlplane.internal.container;

import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.controlplane.internal.Readiness;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.controlplane.internal.kubernetes.ApiClientComponent;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServerFlags;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeSchedulerFlags;
import io.github.etcdregistry.controlplane.internal.kubernetes.Kubeconfig;
import io.github.etcdregistry.controlplane.internal.kubernetes.KwokFlags;
import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * kube-scheduler or kwok in a container on the control plane's network, reaching kube-apiserver by its alias with the
 * admin's kubeconfig. Neither publishes a port; each is at work once it runs, and kwok reads its Stages from
 * {@value #STAGES}.
 */
public final class ContainerApiClient extends ContainerComponent implements ApiClientComponent {

  static final String STAGES = "/etc/kwok/stages/";
  private static final String KUBECONFIG = "/etc/kubernetes/admin.conf";

  private final ComponentContainer container;
  private final List<String> flags;

  ContainerApiClient(Component component, DockerImageName image, ClusterPki pki, Network network, List<Path> stages,
      List<String> extraFlags, String controlPlaneId, String publishAddress) {
    super(component.id());
    this.flags = switch (component) {
      case KUBE_SCHEDULER -> KubeSchedulerFlags.of(KUBECONFIG, extraFlags);
      case KWOK -> KwokFlags.of(KUBECONFIG, stages.stream().map(stage -> STAGES + stage.getFileName()).toList(), extraFlags);
      default -> throw new IllegalArgumentException(component + " runs in a container of its own kind");
    };
    PkiPaths inside = PkiPaths.inContainer(pki);
    String kubeconfig = Kubeconfig.yaml(URI.create("https://" + ContainerKubeApiServer.ALIAS + ":" + KubeApiServerFlags.SECURE_PORT),
        inside.of(ClusterPki::caCert), inside.of(ClusterPki::adminCert), inside.of(ClusterPki::adminKey));
    this.container = new ComponentContainer(image, "/usr/local/bin/" + component.id(), flags, network, component.id(), 0, controlPlaneId,
        publishAddress).withPkiFiles(pki, pki.caCert(), pki.adminCert(), pki.adminKey());
    container.withCopyToContainer(Transferable.of(kubeconfig.getBytes(StandardCharsets.UTF_8), 0600), KUBECONFIG);
    for (Path stage : stages) {
      container.withCopyToContainer(Transferable.of(ComponentContainer.readAll(stage), 0644), STAGES + stage.getFileName());
    }
  }

  @Override
  public ComponentContainer container() {
    return container;
  }

  @Override
  public void start(StartupTimeout timeout) {
    container.startOrExplain(name(), Component.of(name()).imageSetting());
    Readiness.await(name() + " container", timeout, () -> true, container::isRunning, () -> "Started with:" + System.lineSeparator()
        + "  " + name() + " " + String.join(" ", flags) + System.lineSeparator() + "Last log lines:" + System.lineSeparator() + recentLogs());
  }

  @Override
  public List<String> flags() {
    return flags;
  }
}
