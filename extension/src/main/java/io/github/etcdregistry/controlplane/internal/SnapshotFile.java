package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryAccessException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * An etcd snapshot saved to a file — the same file {@code etcdctl snapshot save} writes — readable only by its owner,
 * since it holds every Secret. Written beside the target and moved into place, so a failed save leaves no half file.
 * The folder must exist, as for {@code etcdctl snapshot save}: a mistyped path then fails instead of leaving every
 * Secret in a tree of folders nobody meant to create.
 */
public final class SnapshotFile {

  private SnapshotFile() {}

  public static Path save(EtcdRegistry registry, Path file, Duration timeout) {
    Path target = file.toAbsolutePath();
    if (!Files.isDirectory(target.getParent())) {
      throw new ControlPlaneException("Could not save an etcd snapshot to " + target + ": the folder " + target.getParent()
          + " does not exist; create it first");
    }
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try {
      Files.deleteIfExists(partial);
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (OutputStream out = Files.newOutputStream(partial)) {
        registry.writeSnapshot(out, timeout);
      }
      return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RegistryAccessException e) {
      throw new ControlPlaneException("Could not save an etcd snapshot to " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // best effort: the partial file of a failed save
      }
    }
  }
}
