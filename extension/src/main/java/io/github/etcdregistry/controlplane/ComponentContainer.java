package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A control-plane component in a container: the binary is the entrypoint (so official images and local
 * {@code FROM scratch} ones behave alike), the PKI is copied in with the modes it has on the host, and
 * the container is labelled so leftovers can be found.
 */
final class ComponentContainer extends GenericContainer<ComponentContainer> {

  static final String LABEL = "io.github.etcdregistry";
  static final String CONTROL_PLANE_LABEL = LABEL + ".control-plane";

  ComponentContainer(DockerImageName image, String binary, List<String> flags, Network network, String alias, int port,
      String controlPlaneId) {
    super(image);
    withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint(binary));
    withCommand(flags.toArray(String[]::new));
    if (network != null) { // etcd alone needs no network of its own: nobody else has to reach it by name
      withNetwork(network);
      withNetworkAliases(alias);
    }
    withExposedPorts(port);
    withLabels(Map.of(LABEL, "true", CONTROL_PLANE_LABEL, controlPlaneId, LABEL + ".component", alias));
  }

  /**
   * Starts the container; a failure names the image and the setting that chooses it, and keeps the cause
   * (which carries the container's log when it ran at all).
   */
  void startOrExplain(String component, String imageSetting) {
    try {
      start();
    } catch (RuntimeException e) {
      String reason = rootMessage(e);
      throw new ControlPlaneException("Could not start " + component + " in a container from image " + getDockerImageName()
          + ": " + reason + System.lineSeparator() + "If the image cannot be pulled here, build a local one with control-plane/build"
          + " and point " + imageSetting + " (environment " + Settings.environmentName(imageSetting) + ") at it, or use the process backend.", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
  }

  /** The last lines the container logged, or nothing once it is gone. */
  String recentLogs(int lines) {
    return isRunning() ? ContainerLogs.tail(getLogs(), lines) : "";
  }

  /**
   * Copies the PKI files this component needs — never a CA's private key — to where {@link PkiPaths#inContainer()}
   * expects them; private keys stay readable by the owner only.
   */
  ComponentContainer withPkiFiles(ClusterPki pki, Path... files) {
    for (Path file : files) {
      String inside = PkiPaths.IN_CONTAINER + "/" + pki.directory().relativize(file).toString().replace('\\', '/');
      int mode = file.getFileName().toString().endsWith(".key") ? 0600 : 0644;
      withCopyToContainer(Transferable.of(readAll(file), mode), inside);
    }
    return self();
  }

  static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ControlPlaneException("Could not read PKI file " + file, e);
    }
  }
}
