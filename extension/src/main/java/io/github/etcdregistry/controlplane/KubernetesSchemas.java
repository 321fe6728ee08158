package io.github.etcdregistry.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the protobuf schemas {@code control-plane/build-schemas} compiled for one Kubernetes version, in the
 * cache the control-plane binaries are built into: {@code <cache>/schemas-<version>/kubernetes.binpb}.
 */
final class KubernetesSchemas {

  private KubernetesSchemas() {
  }

  /** The descriptor set of {@code kubernetesVersion} (e.g. {@code v1.37.2}), when one was built. */
  static Optional<Path> descriptorSet(Settings settings, String kubernetesVersion) {
    Path file = cacheDirectory(settings).resolve("schemas-" + kubernetesVersion).resolve("kubernetes.binpb");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** Where control-plane/build caches: {@code etcdregistry.cache-dir}, else {@code $XDG_CACHE_HOME/etcd-registry}. */
  private static Path cacheDirectory(Settings settings) {
    return settings.get(Settings.CACHE_DIR).map(setting -> Path.of(setting.value())).orElseGet(() -> {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
      return cache.resolve("etcd-registry");
    });
  }
}
