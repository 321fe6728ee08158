package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the protobuf schemas {@code control-plane/build-schemas} compiled for one Kubernetes version, in the
 * cache the control-plane binaries are built into: {@code <cache>/schemas-<version>/kubernetes.binpb}.
 */
public final class KubernetesSchemas {

  private KubernetesSchemas() {
  }

  /** The descriptor set of {@code kubernetesVersion} (e.g. {@code v1.37.2}), when one was built. */
  public static Optional<Path> descriptorSet(Settings settings, String kubernetesVersion) {
    Path file = settings.cacheDirectory().resolve("schemas-" + kubernetesVersion).resolve("kubernetes.binpb");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }
}
