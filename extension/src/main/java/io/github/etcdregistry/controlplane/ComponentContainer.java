package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.pki.ClusterPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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

  ComponentContainer(DockerImageName image, String binary, List<String> flags, Network network, String alias, int port) {
    super(image);
    withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint(binary));
    withCommand(flags.toArray(String[]::new));
    withNetwork(network);
    withNetworkAliases(alias);
    withExposedPorts(port);
    withLabels(Map.of(LABEL, "true", LABEL + ".component", alias));
  }

  /** Copies every PKI file to {@link PkiPaths#IN_CONTAINER}; private keys stay readable by the owner only. */
  ComponentContainer withPki(ClusterPki pki) {
    for (Path file : filesOf(pki.directory())) {
      String inside = PkiPaths.IN_CONTAINER + "/" + pki.directory().relativize(file).toString().replace('\\', '/');
      int mode = file.getFileName().toString().endsWith(".key") ? 0600 : 0644;
      withCopyToContainer(Transferable.of(readAll(file), mode), inside);
    }
    return self();
  }

  private static List<Path> filesOf(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new ControlPlaneException("Could not list the PKI files in " + directory, e);
    }
  }

  static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ControlPlaneException("Could not read PKI file " + file, e);
    }
  }
}
