package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.binaries.Binaries;
import io.github.etcdregistry.binaries.Bundle;
import io.github.etcdregistry.binaries.MissingBinaryException;
import io.github.etcdregistry.binaries.Platform;
import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.ControlPlaneSpec;
import io.github.etcdregistry.controlplane.DefaultVersions;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.container.LocalImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.testcontainers.utility.DockerImageName;

/**
 * Finds the binary or image of a component to run.
 *
 * <p>A binary or image set in code wins, then (for a Kubernetes component) a version set in code; then system
 * properties, then environment variables, then {@code ~/.etcd-registry.properties}, where on each level the component's
 * binary or image setting wins over {@code etcdregistry.kubernetes.version}; last the default version. A version's
 * binary comes from {@link Binaries}: the cache, else a binary artifact on the class path. Its image is built here from
 * the Linux binary of the Docker engine's architecture when one is at hand ({@link LocalImages}), else it is the
 * official {@code registry.k8s.io/kube-apiserver:v1.36.3}, or the same from the mirror {@code etcdregistry.image-registry}
 * names.
 */
public final class ComponentSources {

  private final Settings settings;
  private final Binaries binaries;
  private final LocalImageSource localImages;

  public ComponentSources(Settings settings) {
    this(settings, new Binaries(settings.cacheDirectory()), null);
  }

  /** {@code localImages} null: built by {@link LocalImages} from the same binaries. */
  public ComponentSources(Settings settings, Binaries binaries, LocalImageSource localImages) {
    this.settings = settings;
    this.binaries = binaries;
    this.localImages = localImages != null ? localImages : new LocalImages(binaries)::image;
  }

  /** The executable of {@code component}; refuses naming the dependency that brings it when it is missing. */
  public Path binary(Component component, Path explicitBinary, KubernetesVersion explicitVersion) {
    if (explicitBinary != null) {
      return requireExecutable(explicitBinary, "the configured " + component + " binary");
    }
    if (component.followsKubernetesVersion() && explicitVersion != null) {
      return binaryOf(component, explicitVersion.toString(), "the Kubernetes version asked for");
    }
    Optional<Settings.Value> setting = configured(component, component.binarySetting());
    if (setting.isPresent() && setting.get().setting() == component.binarySetting()) {
      return requireExecutable(Path.of(setting.get().value()), setting.get().source());
    }
    return setting.map(version -> binaryOf(component, parse(version).toString(), version.source()))
        .orElseGet(() -> binaryOf(component, defaultVersion(component), "the default "
            + (component.followsKubernetesVersion() ? "Kubernetes" : component.id()) + " version"));
  }

  /** etcd's offline tool, which restores snapshots: as configured, else from etcd's bundle. */
  public Path etcdutl() {
    Optional<Settings.Value> configured = settings.get(Setting.ETCDUTL);
    if (configured.isPresent()) {
      return requireExecutable(Path.of(configured.get().value()), configured.get().source());
    }
    try {
      return binaries.executable(Bundle.ETCD, "etcdutl", DefaultVersions.ETCD, Platform.current());
    } catch (MissingBinaryException e) {
      throw new ControlPlaneException("A snapshot is restored with etcdutl: " + e.getMessage() + " Or set " + Setting.ETCDUTL + " (or "
          + Setting.ETCDUTL.environmentName() + ") to its path.", e);
    }
  }

  /** The Stages kwok plays by default: nodes that become Ready and renew their Lease, Pods that run, complete and go. */
  public List<Path> kwokStages() {
    try {
      return binaries.files(Bundle.KWOK, DefaultVersions.KWOK, Platform.current());
    } catch (MissingBinaryException e) {
      throw new ControlPlaneException("Simulated nodes need kwok and its Stages: " + e.getMessage(), e);
    }
  }

  /** Why local processes could not run {@code asked}, or empty when every binary they need is configured or at hand. */
  public Optional<String> missingLocalBinary(ControlPlaneSpec asked) {
    for (Component component : Component.values()) {
      if (asked.runs(component) && !hasBinary(component, asked.options(component).binary(), asked.kubernetesVersion())) {
        return binaries.whyMissing(component.bundle(), version(component, asked.kubernetesVersion()), Platform.current());
      }
    }
    return Optional.empty();
  }

  /** Whether {@link #binary} would find an executable without a build: one is configured, cached or on the class path. */
  public boolean hasBinary(Component component, Path explicitBinary, KubernetesVersion explicitVersion) {
    if (explicitBinary != null) {
      return true;
    }
    if ((explicitVersion == null || !component.followsKubernetesVersion())
        && configured(component, component.binarySetting()).filter(setting -> setting.setting() == component.binarySetting()).isPresent()) {
      return true;
    }
    return binaries.has(component.bundle(), version(component, explicitVersion), Platform.current());
  }

  /** The image of {@code component}: as configured, else the local or official image of the wanted version. */
  public DockerImageName image(Component component, DockerImageName explicitImage, KubernetesVersion explicitVersion) {
    if (explicitImage != null) {
      return explicitImage;
    }
    if (component.followsKubernetesVersion() && explicitVersion != null) {
      return imageOf(component, explicitVersion.toString());
    }
    Optional<Settings.Value> setting = configured(component, component.imageSetting());
    if (setting.isPresent() && setting.get().setting() == component.imageSetting()) {
      return DockerImageName.parse(setting.get().value());
    }
    return imageOf(component, setting.map(version -> parse(version).toString()).orElse(defaultVersion(component)));
  }

  /** The Kubernetes version asked for in code, else by {@code etcdregistry.kubernetes.version}, else the default. */
  public KubernetesVersion version(KubernetesVersion explicitVersion) {
    if (explicitVersion != null) {
      return explicitVersion;
    }
    return settings.get(Setting.KUBERNETES_VERSION).map(ComponentSources::parse).orElse(KubernetesVersion.DEFAULT);
  }

  /** The version of {@code component} that runs: the Kubernetes release's for its components, etcd's and kwok's own. */
  public String version(Component component, KubernetesVersion explicitVersion) {
    return component.followsKubernetesVersion() ? version(explicitVersion).toString() : component.ownVersion();
  }

  /** {@code registry.k8s.io/kube-apiserver:v1.37.2}, or the same name under {@code etcdregistry.image-registry}. */
  public DockerImageName officialImage(Component component, String version) {
    String official = component.officialImage(version);
    return DockerImageName.parse(settings.get(Setting.IMAGE_REGISTRY)
        .map(mirror -> mirror.value().replaceAll("/+$", "") + official.substring(official.lastIndexOf('/')))
        .orElse(official));
  }

  public static Path requireExecutable(Path path, String source) {
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

  /** Its own setting, or for a Kubernetes component whichever of it and the version setting comes first by level. */
  private Optional<Settings.Value> configured(Component component, Setting own) {
    return component.followsKubernetesVersion() ? settings.firstOf(own, Setting.KUBERNETES_VERSION) : settings.get(own);
  }

  /** That version's executable from the cache or a binary artifact; refuses naming the dependency that brings it. */
  private Path binaryOf(Component component, String version, String askedBy) {
    try {
      return binaries.executable(component.bundle(), component.id(), version, Platform.current());
    } catch (MissingBinaryException e) {
      throw new ControlPlaneException("For " + askedBy + ": " + e.getMessage() + " Or set " + component.binarySetting() + " (or "
          + component.binarySetting().environmentName() + ") to a " + component + " executable.", e);
    }
  }

  private DockerImageName imageOf(Component component, String version) {
    return localImages.image(component.bundle(), component.id(), version).orElseGet(() -> officialImage(component, version));
  }

  private static String defaultVersion(Component component) {
    return component.followsKubernetesVersion() ? KubernetesVersion.DEFAULT.toString() : component.ownVersion();
  }

  private static KubernetesVersion parse(Settings.Value setting) {
    try {
      return KubernetesVersion.parse(setting.value());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting.source() + ": " + e.getMessage(), e);
    }
  }

  /** Where a local image comes from; {@link LocalImages} builds one from a Linux binary. */
  @FunctionalInterface
  public interface LocalImageSource {
    Optional<DockerImageName> image(Bundle bundle, String component, String version);
  }
}
