package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.binaries.Binaries;
import io.github.etcdregistry.binaries.Bundle;
import io.github.etcdregistry.binaries.MissingBinaryException;
import io.github.etcdregistry.binaries.Platform;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.testcontainers.utility.DockerImageName;

/**
 * What a control plane runs, resolved before anything starts: the backend, the startup timeout, etcd's image or binary
 * (and etcdutl for a restore), the Kubernetes release with kube-apiserver's and kube-controller-manager's images or
 * binaries, and etcd's and kube-apiserver's extra flags. Each comes from code, else a setting, else a default; what
 * cannot be found fails here, naming the setting to fix. Images are set for the container backend, binaries for the
 * process one; {@link Backend#EXISTING} resolves only the backend and the timeout.
 */
record ComponentSpec(Backend backend, StartupTimeout timeout, int etcdMembers, boolean kubeApiServer, boolean kubeControllerManager,
    DockerImageName etcdImage, Path etcdBinary, Path etcdutl, Path snapshotToRestore, KubernetesVersion version,
    DockerImageName kubeApiServerImage, Path kubeApiServerBinary, DockerImageName kubeControllerManagerImage,
    Path kubeControllerManagerBinary, List<String> etcdFlags, List<String> kubeApiServerFlags) {

  static ComponentSpec resolve(ControlPlaneOptions options, Settings settings) {
    StartupTimeout timeout = startupTimeout(options.startupTimeout, settings);
    Binaries binaries = new Binaries(settings.cacheDirectory());
    KubernetesComponents components = new KubernetesComponents(settings, binaries, null);
    Backend backend = options.snapshotToRestore != null && options.backend == null
        ? Backend.PROCESS : new BackendChoice(settings).resolve(options.backend, () -> missingLocalBinary(options, settings, binaries, components));
    if (backend == Backend.EXISTING) {
      return new ComponentSpec(backend, timeout, options.etcdMembers, options.kubeApiServer, options.kubeControllerManager, null, null,
          null, null, null, null, null, null, null, List.of(), List.of());
    }
    boolean containers = backend == Backend.CONTAINER;
    if (containers && options.snapshotToRestore != null) {
      throw new ControlPlaneException("A snapshot is restored with the process backend only (etcdutl runs on this machine);"
          + " drop withBackend(CONTAINER) or set etcdregistry.backend=process");
    }
    Path etcdutl = options.snapshotToRestore == null ? null : etcdBinary(settings, binaries, null, Settings.ETCDUTL, "etcdutl");
    DockerImageName etcdImage = containers ? etcdImage(settings, binaries, options.etcdImage) : null;
    Path etcdBinary = containers ? null : etcdBinary(settings, binaries, options.etcdBinary, Settings.ETCD_BINARY, "etcd");
    KubernetesVersion version = components.version(options.kubernetesVersion);
    return new ComponentSpec(backend, timeout, options.etcdMembers, options.kubeApiServer, options.kubeControllerManager, etcdImage,
        etcdBinary, etcdutl, options.snapshotToRestore, version, null, null, null, null, options.etcdFlags, options.kubeApiServerFlags)
        .withKubernetesComponents(settings, options.kubeApiServerBinary, options.kubeApiServerImage, options.kubeControllerManagerBinary,
            options.kubeControllerManagerImage, options.kubernetesVersion);
  }

  /** Why local processes could not run this configuration, or empty when every binary they need is configured or at hand. */
  private static Optional<String> missingLocalBinary(ControlPlaneOptions options, Settings settings, Binaries binaries,
      KubernetesComponents components) {
    if (options.etcdBinary == null && settings.get(Settings.ETCD_BINARY).isEmpty()) {
      Optional<String> etcd = binaries.whyMissing(Bundle.ETCD, DefaultVersions.ETCD, Platform.current());
      if (etcd.isPresent()) {
        return etcd;
      }
    }
    if (options.kubeApiServer && !components.hasBinary("kube-apiserver", options.kubeApiServerBinary, options.kubernetesVersion)) {
      return binaries.whyMissing(Bundle.KUBE_APISERVER, components.version(options.kubernetesVersion).toString(), Platform.current());
    }
    if (options.kubeControllerManager
        && !components.hasBinary("kube-controller-manager", options.kubeControllerManagerBinary, options.kubernetesVersion)) {
      return binaries.whyMissing(Bundle.KUBE_CONTROLLER_MANAGER, components.version(options.kubernetesVersion).toString(),
          Platform.current());
    }
    return Optional.empty();
  }

  boolean containers() {
    return backend == Backend.CONTAINER;
  }

  /**
   * The same components of another Kubernetes release: the version decides, binaries or images set explicitly are not
   * used. Fails, naming the build command, when that version is not built.
   */
  ComponentSpec withKubernetesVersion(Settings settings, KubernetesVersion next) {
    ComponentSpec switched = withKubernetesComponents(settings, null, null, null, null, next);
    return new ComponentSpec(backend, timeout, etcdMembers, kubeApiServer, kubeControllerManager, etcdImage, etcdBinary, etcdutl,
        snapshotToRestore, next, switched.kubeApiServerImage, switched.kubeApiServerBinary, switched.kubeControllerManagerImage,
        switched.kubeControllerManagerBinary, etcdFlags, kubeApiServerFlags);
  }

  /** The prefix kube-apiserver writes under: its default, unless the user's flags move it. */
  String etcdPrefix() {
    return kubeApiServerFlags.stream().filter(flag -> flag.startsWith("--etcd-prefix="))
        .reduce((first, last) -> last).map(flag -> flag.substring("--etcd-prefix=".length()))
        .orElse(EtcdRegistry.DEFAULT_PREFIX);
  }

  /** Binaries or images of kube-apiserver and kube-controller-manager, resolved before anything starts or stops. */
  private ComponentSpec withKubernetesComponents(Settings settings, Path apiServerBinary, DockerImageName apiServerImage,
      Path controllerManagerBinary, DockerImageName controllerManagerImage, KubernetesVersion explicitVersion) {
    if (!kubeApiServer) {
      return this;
    }
    KubernetesComponents components = new KubernetesComponents(settings);
    boolean containers = containers();
    DockerImageName nextApiServerImage = containers ? components.image("kube-apiserver", apiServerImage, explicitVersion) : null;
    Path nextApiServerBinary = containers ? null : components.binary("kube-apiserver", apiServerBinary, explicitVersion);
    DockerImageName nextControllerManagerImage = containers && kubeControllerManager
        ? components.image("kube-controller-manager", controllerManagerImage, explicitVersion) : null;
    Path nextControllerManagerBinary = !containers && kubeControllerManager
        ? components.binary("kube-controller-manager", controllerManagerBinary, explicitVersion) : null;
    return new ComponentSpec(backend, timeout, etcdMembers, kubeApiServer, kubeControllerManager, etcdImage, etcdBinary, etcdutl,
        snapshotToRestore, version, nextApiServerImage, nextApiServerBinary, nextControllerManagerImage, nextControllerManagerBinary,
        etcdFlags, kubeApiServerFlags);
  }

  /** The timeout with the knob that set it: code or the annotation win over the property, which wins over the default. */
  private static StartupTimeout startupTimeout(Duration explicit, Settings settings) {
    if (explicit != null) {
      return new StartupTimeout(explicit, "@WithEtcdRegistry(startupTimeoutSeconds = ...) or ControlPlane.withStartupTimeout(...),"
          + " whichever set it; " + Settings.STARTUP_TIMEOUT + " does not apply then");
    }
    String anyKnob = " or @WithEtcdRegistry(startupTimeoutSeconds = ...)";
    return settings.get(Settings.STARTUP_TIMEOUT).map(setting -> {
      try {
        return new StartupTimeout(Duration.ofSeconds(Long.parseLong(setting.value())), setting.source() + "=<seconds>" + anyKnob);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(setting.source() + " must be a number of seconds, was '" + setting.value() + "'");
      }
    }).orElse(new StartupTimeout(Duration.ofSeconds(60), "-D" + Settings.STARTUP_TIMEOUT + "=<seconds> (environment "
        + Settings.environmentName(Settings.STARTUP_TIMEOUT) + ")" + anyKnob));
  }

  /** As configured, else built here from the Linux etcd binary at hand, else the official image (or its mirror). */
  private static DockerImageName etcdImage(Settings settings, Binaries binaries, DockerImageName explicit) {
    if (explicit != null) {
      return explicit;
    }
    return settings.get(Settings.ETCD_IMAGE).map(setting -> DockerImageName.parse(setting.value()))
        .or(() -> new LocalImages(binaries).image(Bundle.ETCD, "etcd", DefaultVersions.ETCD))
        .orElseGet(() -> KubernetesComponents.officialImage(settings, ControlPlane.OFFICIAL_ETCD_REPOSITORY, "etcd:" + DefaultVersions.ETCD));
  }

  /** An executable of etcd's bundle (etcd, etcdutl): as configured, else from the cache or a binary artifact. */
  private static Path etcdBinary(Settings settings, Binaries binaries, Path explicit, String setting, String name) {
    if (explicit != null) {
      return KubernetesComponents.requireExecutable(explicit, "the configured " + name + " binary");
    }
    Optional<Settings.Setting> configured = settings.get(setting);
    if (configured.isPresent()) {
      return KubernetesComponents.requireExecutable(Path.of(configured.get().value()), configured.get().source());
    }
    try {
      return binaries.executable(Bundle.ETCD, name, DefaultVersions.ETCD, Platform.current());
    } catch (MissingBinaryException e) {
      throw new ControlPlaneException("The process backend needs " + name + ": " + e.getMessage() + " Or set " + setting + " (or "
          + Settings.environmentName(setting) + ") to its path.", e);
    }
  }
}
