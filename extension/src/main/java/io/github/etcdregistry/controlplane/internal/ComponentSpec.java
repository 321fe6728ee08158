package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.ControlPlaneSpec;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testcontainers.utility.DockerImageName;

/**
 * What a control plane runs, resolved from what was asked for ({@link ControlPlaneSpec}) before anything starts: the
 * backend, the startup timeout, the Kubernetes release, and each component's image (container backend) or binary
 * (process backend), with etcdutl for a restore and the Stages kwok plays. Each comes from code, else a setting, else a default; what cannot be
 * found fails here, naming the setting to fix. {@link Backend#EXISTING} resolves only the backend and the timeout.
 */
public record ComponentSpec(Backend backend, StartupTimeout timeout, ControlPlaneSpec asked, KubernetesVersion version,
    Map<Component, DockerImageName> images, Map<Component, Path> binaries, Path etcdutl, List<Path> stages) {

  public static ComponentSpec resolve(ControlPlaneSpec asked, Settings settings) {
    StartupTimeout timeout = startupTimeout(asked.startupTimeout(), settings);
    ComponentSources sources = new ComponentSources(settings);
    Backend backend = asked.snapshotToRestore() != null && asked.backend() == null
        ? Backend.PROCESS : new BackendChoice(settings).resolve(asked.backend(), () -> sources.missingLocalBinary(asked));
    if (backend == Backend.EXISTING) {
      return new ComponentSpec(backend, timeout, asked, null, Map.of(), Map.of(), null, List.of());
    }
    if (backend == Backend.CONTAINER && asked.snapshotToRestore() != null) {
      throw new ControlPlaneException("A snapshot is restored with the process backend only (etcdutl runs on this machine);"
          + " drop withBackend(CONTAINER) or set etcdregistry.backend=process");
    }
    Path etcdutl = asked.snapshotToRestore() == null ? null : sources.etcdutl();
    List<Path> stages = asked.runs(Component.KWOK) ? sources.kwokStages() : List.of();
    return new ComponentSpec(backend, timeout, asked, sources.version(asked.kubernetesVersion()), Map.of(), Map.of(), etcdutl, stages)
        .resolveComponents(sources, false, asked.kubernetesVersion());
  }

  public boolean containers() {
    return backend == Backend.CONTAINER;
  }

  public boolean runs(Component component) {
    return asked.runs(component);
  }

  /** The image {@code component} runs from; the container backend only. */
  public DockerImageName image(Component component) {
    return images.get(component);
  }

  /** The executable {@code component} runs; the process backend only. */
  public Path binary(Component component) {
    return binaries.get(component);
  }

  /** The user's extra flags for {@code component}. */
  public List<String> flags(Component component) {
    return asked.options(component).flags();
  }

  public int etcdMembers() {
    return asked.etcdMembers();
  }

  public Path snapshotToRestore() {
    return asked.snapshotToRestore();
  }

  /**
   * The same components of another Kubernetes release: the version decides, binaries or images set explicitly are not
   * used. Fails, naming the dependency that brings it, when that version's binaries are not at hand.
   */
  public ComponentSpec withKubernetesVersion(Settings settings, KubernetesVersion next) {
    return new ComponentSpec(backend, timeout, asked, next, images, binaries, etcdutl, stages)
        .resolveComponents(new ComponentSources(settings), true, next);
  }

  /** The same, kwok playing {@code own} Stages besides its defaults. */
  public ComponentSpec withStages(List<Path> own) {
    return new ComponentSpec(backend, timeout, asked, version, images, binaries, etcdutl,
        Stream.concat(stages.stream(), own.stream()).toList());
  }

  /** The prefix kube-apiserver writes under: its default, unless the user's flags move it. */
  public String etcdPrefix() {
    return flags(Component.KUBE_APISERVER).stream().filter(flag -> flag.startsWith("--etcd-prefix="))
        .reduce((first, last) -> last).map(flag -> flag.substring("--etcd-prefix=".length()))
        .orElse(EtcdRegistry.DEFAULT_PREFIX);
  }

  /**
   * Each component's image or binary, resolved before anything starts or stops; with {@code kubernetesOnly} etcd's stay,
   * and the Kubernetes components follow {@code explicitVersion} alone.
   */
  private ComponentSpec resolveComponents(ComponentSources sources, boolean kubernetesOnly, KubernetesVersion explicitVersion) {
    Map<Component, DockerImageName> nextImages = new EnumMap<>(Component.class);
    Map<Component, Path> nextBinaries = new EnumMap<>(Component.class);
    nextImages.putAll(images);
    nextBinaries.putAll(binaries);
    for (Component component : asked.components()) {
      if (kubernetesOnly && !component.followsKubernetesVersion()) {
        continue;
      }
      ControlPlaneSpec.ComponentOptions options = kubernetesOnly ? ControlPlaneSpec.ComponentOptions.NONE : asked.options(component);
      if (containers()) {
        nextImages.put(component, sources.image(component, options.image(), explicitVersion));
      } else {
        nextBinaries.put(component, sources.binary(component, options.binary(), explicitVersion));
      }
    }
    return new ComponentSpec(backend, timeout, asked, version, Map.copyOf(nextImages), Map.copyOf(nextBinaries), etcdutl, stages);
  }

  /** The timeout with the knob that set it: code or the annotation win over the property, which wins over the default. */
  private static StartupTimeout startupTimeout(Duration explicit, Settings settings) {
    if (explicit != null) {
      return new StartupTimeout(explicit, "@WithEtcdRegistry(startupTimeoutSeconds = ...) or ControlPlane.withStartupTimeout(...),"
          + " whichever set it; " + Setting.STARTUP_TIMEOUT + " does not apply then");
    }
    String anyKnob = " or @WithEtcdRegistry(startupTimeoutSeconds = ...)";
    return settings.get(Setting.STARTUP_TIMEOUT).map(setting -> {
      try {
        return new StartupTimeout(Duration.ofSeconds(Long.parseLong(setting.value())), setting.source() + "=<seconds>" + anyKnob);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(setting.source() + " must be a number of seconds, was '" + setting.value() + "'");
      }
    }).orElse(new StartupTimeout(Duration.ofSeconds(60), Setting.STARTUP_TIMEOUT.howToSet("<seconds>") + anyKnob));
  }
}
