package io.github.etcdregistry.controlplane.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.github.etcdregistry.controlplane.internal.container.ComponentContainer;
import io.github.etcdregistry.pki.Directories;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Removes what control planes of dead JVMs left behind — a JVM killed with SIGKILL runs no shutdown hook:
 * temp directories, containers and networks whose {@link Owner} is gone. Testcontainers' reaper gives that
 * guarantee where its image can be pulled; this gives it everywhere, at the next start.
 */
public final class Leftovers {

  private Leftovers() {}

  /** Removes {@code etcd-registry-*} directories in {@code java.io.tmpdir} whose owner is gone. */
  public static void reapDirectories() {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> ours = Files.newDirectoryStream(temp, "etcd-registry-*")) {
      for (Path directory : ours) {
        // another user's directories are theirs to remove
        if (Files.isWritable(directory) && Owner.ofMarker(directory).map(Owner::isGone).orElse(false)) {
          try {
            Directories.deleteRecursively(directory);
          } catch (RuntimeException e) {
            System.err.println("etcd-registry: could not remove " + directory + " of a dead run: " + e.getMessage());
          }
        }
      }
    } catch (IOException e) {
      // an unreadable temp directory will fail the start with its own message
    }
  }

  /** Removes containers, then networks, labelled by control planes whose owner is gone. */
  public static void reapDocker(DockerClient docker) {
    List<Container> containers = docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(ComponentContainer.LABEL, "true")).exec();
    for (Container container : containers) {
      if (Owner.ofLabels(container.getLabels()).map(Owner::isGone).orElse(false)) {
        ignoreGone(() -> docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec());
      }
    }
    for (Network network : docker.listNetworksCmd().withFilter("label", List.of(ComponentContainer.LABEL)).exec()) {
      if (Owner.ofLabels(network.getLabels()).map(Owner::isGone).orElse(false)) {
        ignoreGone(() -> docker.removeNetworkCmd(network.getId()).exec());
      }
    }
  }

  /** Another run reaping at the same moment may have removed it first. */
  private static void ignoreGone(Runnable removal) {
    try {
      removal.run();
    } catch (NotFoundException e) {
      // already gone
    } catch (RuntimeException e) {
      System.err.println("etcd-registry: could not remove a leftover of a dead run: " + e.getMessage());
    }
  }
}
