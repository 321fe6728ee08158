package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.binaries.Binaries;
import io.github.etcdregistry.binaries.Bundle;
import io.github.etcdregistry.binaries.MissingBinaryException;
import io.github.etcdregistry.binaries.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.utility.DockerImageName;

/**
 * Finds the binary or image of a Kubernetes component (kube-apiserver, kube-controller-manager) to run.
 *
 * <p>A binary or image set in code wins, then a version set in code; then system properties, then environment
 * variables, where on each level the binary or image setting wins over {@code etcdregistry.kubernetes.version}; last
 * the default version. A version's binary comes from {@link Binaries}: the cache, else a binary artifact on the class
 * path. Its image is built here from the Linux binary of the Docker engine's architecture when one is at hand
 * ({@link LocalImages}), else it is the official {@code registry.k8s.io/kube-apiserver:v1.36.3}, or the same from the
 * mirror {@code etcdregistry.image-registry} names.
 */
final class KubernetesComponents {

  static final String OFFICIAL_IMAGE_REPOSITORY = "registry.k8s.io/";

  private final Settings settings;
  private final Binaries binaries;
  private final LocalImageSource localImages;

  KubernetesComponents(Settings settings) {
    this(settings, new Binaries(settings.cacheDirectory()), null);
  }

  /** {@code localImages} null: built by {@link LocalImages} from the same binaries. */
  KubernetesComponents(Settings settings, Binaries binaries, LocalImageSource localImages) {
    this.settings = settings;
    this.binaries = binaries;
    this.localImages = localImages != null ? localImages : new LocalImages(binaries)::image;
  }

  /** The executable of {@code component} ({@code kube-apiserver}); refuses naming the dependency that brings it when it is missing. */
  Path binary(String component, Path explicitBinary, KubernetesVersion explicitVersion) {
    if (explicitBinary != null) {
      return requireExecutable(explicitBinary, "the configured " + component + " binary");
    }
    if (explicitVersion != null) {
      return binaryOf(component, explicitVersion, "the Kubernetes version asked for");
    }
    Optional<Settings.Setting> setting = settings.firstOf(binarySetting(component), Settings.KUBERNETES_VERSION);
    if (setting.isPresent() && !setting.get().name().equals(Settings.KUBERNETES_VERSION)) {
      return requireExecutable(Path.of(setting.get().value()), setting.get().source());
    }
    return setting.map(version -> binaryOf(component, parse(version), version.source()))
        .orElseGet(() -> binaryOf(component, KubernetesVersion.DEFAULT, "the default Kubernetes version"));
  }

  /** Whether {@link #binary} would find an executable without a build: one is configured, cached or on the class path. */
  boolean hasBinary(String component, Path explicitBinary, KubernetesVersion explicitVersion) {
    if (explicitBinary != null) {
      return true;
    }
    if (explicitVersion == null && settings.firstOf(binarySetting(component), Settings.KUBERNETES_VERSION)
        .filter(setting -> !setting.name().equals(Settings.KUBERNETES_VERSION)).isPresent()) {
      return true;
    }
    return binaries.has(Bundle.of(component), version(explicitVersion).toString(), Platform.current());
  }

  /** The image of {@code component}: as configured, else the local or official image of the wanted version. */
  DockerImageName image(String component, DockerImageName explicitImage, KubernetesVersion explicitVersion) {
    if (explicitImage != null) {
      return explicitImage;
    }
    if (explicitVersion != null) {
      return imageOf(component, explicitVersion);
    }
    Optional<Settings.Setting> setting = settings.firstOf(imageSetting(component), Settings.KUBERNETES_VERSION);
    if (setting.isPresent() && !setting.get().name().equals(Settings.KUBERNETES_VERSION)) {
      return DockerImageName.parse(setting.get().value());
    }
    return imageOf(component, setting.map(KubernetesComponents::parse).orElse(KubernetesVersion.DEFAULT));
  }

  /** The version asked for in code, else by {@code etcdregistry.kubernetes.version}, else the default. */
  KubernetesVersion version(KubernetesVersion explicitVersion) {
    if (explicitVersion != null) {
      return explicitVersion;
    }
    return settings.get(Settings.KUBERNETES_VERSION).map(KubernetesComponents::parse).orElse(KubernetesVersion.DEFAULT);
  }

  /** That version's executable from the cache or a binary artifact; refuses naming the dependency that brings it. */
  Path binaryOf(String component, KubernetesVersion version, String askedBy) {
    try {
      return binaries.executable(Bundle.of(component), component, version.toString(), Platform.current());
    } catch (MissingBinaryException e) {
      throw new ControlPlaneException("For " + askedBy + ": " + e.getMessage() + " Or set " + binarySetting(component) + " to a "
          + component + " executable.", e);
    }
  }

  DockerImageName imageOf(String component, KubernetesVersion version) {
    return localImages.image(Bundle.of(component), component, version.toString())
        .orElseGet(() -> officialImage(settings, OFFICIAL_IMAGE_REPOSITORY, component + ":" + version));
  }

  /** {@code registry.k8s.io/kube-apiserver:v1.37.2}, or the same name under {@code etcdregistry.image-registry}. */
  static DockerImageName officialImage(Settings settings, String officialRepository, String nameAndTag) {
    return DockerImageName.parse(settings.get(Settings.IMAGE_REGISTRY)
        .map(mirror -> mirror.value().replaceAll("/+$", "") + "/" + nameAndTag)
        .orElse(officialRepository + nameAndTag));
  }

  static Path requireExecutable(Path path, String source) {
    if (!Files.isRegularFile(path)) {
      throw new ControlPlaneException(source + " points at " + path + ", which is not an executable file: it does not exist."
          + " Fix " + source + ", or remove it: the binary artifacts on the class path then provide one.");
    }
    if (!Files.isExecutable(path)) {
      throw new ControlPlaneException(source + " points at " + path + ", which is not an executable file: it may not be run."
          + " Make it executable (chmod +x " + path + "), or fix " + source + ".");
    }
    return path;
  }

  private static KubernetesVersion parse(Settings.Setting setting) {
    try {
      return KubernetesVersion.parse(setting.value());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting.source() + ": " + e.getMessage(), e);
    }
  }

  private static String binarySetting(String component) {
    return "etcdregistry." + component + ".binary";
  }

  private static String imageSetting(String component) {
    return "etcdregistry." + component + ".image";
  }

  /** Where a local image comes from; {@link LocalImages} builds one from a Linux binary. */
  @FunctionalInterface
  interface LocalImageSource {
    Optional<DockerImageName> image(Bundle bundle, String component, String version);
  }
}
