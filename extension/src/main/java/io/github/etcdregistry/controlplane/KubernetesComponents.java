package io.github.etcdregistry.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Finds the binary or image of a Kubernetes component (kube-apiserver, kube-controller-manager) to run.
 *
 * <p>A binary or image set in code wins, then a version set in code; then system properties, then environment
 * variables, where on each level the binary or image setting wins over {@code etcdregistry.kubernetes.version}; last
 * the default version. A version's binary is {@code <cache>/kube-apiserver-v1.36.3/kube-apiserver}, as
 * {@code control-plane/build} leaves it; its image is the local {@code etcd-registry/kube-apiserver:v1.36.3} when
 * that was built here, else the official {@code registry.k8s.io/kube-apiserver:v1.36.3}.
 */
final class KubernetesComponents {

  static final String LOCAL_IMAGE_REPOSITORY = "etcd-registry/";
  static final String OFFICIAL_IMAGE_REPOSITORY = "registry.k8s.io/";

  private final Settings settings;
  private final Predicate<String> imageIsLocal;

  KubernetesComponents(Settings settings) {
    this(settings, KubernetesComponents::dockerHasImage);
  }

  KubernetesComponents(Settings settings, Predicate<String> imageIsLocal) {
    this.settings = settings;
    this.imageIsLocal = imageIsLocal;
  }

  /** The executable of {@code component} ({@code kube-apiserver}); refuses with the build command when it is missing. */
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

  /** {@code control-plane/build}'s output for that version; refuses with the command that builds it. */
  Path binaryOf(String component, KubernetesVersion version, String askedBy) {
    Path binary = cacheDirectory().resolve(component + "-" + version).resolve(component);
    if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
      // the script reads ETCDREGISTRY_CACHE_DIR itself, but cannot see a system property
      String cacheOption = settings.systemProperty(Settings.CACHE_DIR).map(dir -> " --cache-dir " + cacheDirectory()).orElse("");
      throw new ControlPlaneException(component + " " + version + " (" + askedBy + ") is not built: there is no executable "
          + binary + ". Build it with: control-plane/build" + cacheOption + " --kube-version " + version
          + " (or set " + binarySetting(component) + " to a " + component + " binary).");
    }
    return binary;
  }

  DockerImageName imageOf(String component, KubernetesVersion version) {
    String local = LOCAL_IMAGE_REPOSITORY + component + ":" + version;
    return DockerImageName.parse(imageIsLocal.test(local) ? local : OFFICIAL_IMAGE_REPOSITORY + component + ":" + version);
  }

  /** {@code etcdregistry.cache-dir}, else {@code $XDG_CACHE_HOME/etcd-registry}, else {@code ~/.cache/etcd-registry}: as the build script. */
  Path cacheDirectory() {
    return settings.get(Settings.CACHE_DIR).map(setting -> Path.of(setting.value()))
        .or(() -> settings.environmentVariable("XDG_CACHE_HOME").map(dir -> Path.of(dir, "etcd-registry")))
        .orElseGet(() -> Path.of(settings.systemProperty("user.home").orElse("."), ".cache", "etcd-registry"));
  }

  static Path requireExecutable(Path path, String source) {
    if (!Files.isRegularFile(path)) {
      throw new ControlPlaneException(source + " points at " + path + ", which is not an executable file: it does not exist."
          + " Build it with eval \"$(control-plane/build)\", or fix " + source + ".");
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

  private static boolean dockerHasImage(String image) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return true;
    } catch (RuntimeException e) { // NotFoundException, or no engine: the official image is the answer either way
      return false;
    }
  }
}
