package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.registry.EtcdRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    Backend backend = options.snapshotToRestore != null && options.backend == null
        ? Backend.PROCESS : new BackendChoice(settings).resolve(options.backend, options.etcdBinary);
    if (backend == Backend.EXISTING) {
      return new ComponentSpec(backend, timeout, options.etcdMembers, options.kubeApiServer, options.kubeControllerManager, null, null,
          null, null, null, null, null, null, null, List.of(), List.of());
    }
    boolean containers = backend == Backend.CONTAINER;
    if (containers && options.snapshotToRestore != null) {
      throw new ControlPlaneException("A snapshot is restored with the process backend only (etcdutl runs on this machine);"
          + " drop withBackend(CONTAINER) or set etcdregistry.backend=process");
    }
    Path etcdutl = options.snapshotToRestore == null ? null : binary(settings, null, Settings.ETCDUTL, "etcdutl");
    DockerImageName etcdImage = containers ? image(settings, options.etcdImage, Settings.ETCD_IMAGE, ControlPlane.DEFAULT_ETCD_IMAGE) : null;
    Path etcdBinary = containers ? null : binary(settings, options.etcdBinary, Settings.ETCD_BINARY, "etcd");
    KubernetesVersion version = new KubernetesComponents(settings).version(options.kubernetesVersion);
    return new ComponentSpec(backend, timeout, options.etcdMembers, options.kubeApiServer, options.kubeControllerManager, etcdImage,
        etcdBinary, etcdutl, options.snapshotToRestore, version, null, null, null, null, options.etcdFlags, options.kubeApiServerFlags)
        .withKubernetesComponents(settings, options.kubeApiServerBinary, options.kubeApiServerImage, options.kubeControllerManagerBinary,
            options.kubeControllerManagerImage, options.kubernetesVersion);
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

  private static DockerImageName image(Settings settings, DockerImageName explicit, String setting, String fallback) {
    if (explicit != null) {
      return explicit;
    }
    return DockerImageName.parse(settings.get(setting).map(Settings.Setting::value).orElse(fallback));
  }

  private static Path binary(Settings settings, Path explicit, String setting, String name) {
    Path path;
    String source;
    if (explicit != null) {
      path = explicit;
      source = "the configured " + name + " binary";
    } else {
      Settings.Setting configured = settings.get(setting).orElseThrow(() -> new ControlPlaneException(
          "The process backend needs the " + name + " binary: set " + setting + " (or " + Settings.environmentName(setting)
              + ") to its path. control-plane/build prints it: eval \"$(control-plane/build)\"."));
      path = Path.of(configured.value());
      source = configured.source();
    }
    String fix = explicit != null ? "fix the path given to the control plane" : "fix " + source;
    if (!Files.isRegularFile(path)) {
      throw new ControlPlaneException(source + " points at " + path + ", which is not an executable file: it does not exist. Build it with"
          + " eval \"$(control-plane/build)\" (which sets " + Settings.environmentName(setting) + "), or " + fix + ".");
    }
    if (!Files.isExecutable(path)) {
      throw new ControlPlaneException(source + " points at " + path + ", which is not an executable file: it may not be run."
          + " Make it executable (chmod +x " + path + "), or " + fix + ".");
    }
    return path;
  }
}
