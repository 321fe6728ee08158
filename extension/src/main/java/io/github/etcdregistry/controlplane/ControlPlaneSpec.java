package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.controlplane.internal.etcd.EtcdFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.testcontainers.utility.DockerImageName;

/**
 * What a control plane is asked for, as one immutable value: which components run and, per component, its image,
 * binary and extra flags, with the backend, etcd's members, the simulated nodes, the CRDs, the Kubernetes release, the startup
 * timeout, encryption at rest and a snapshot to restore. Built by {@link ControlPlane}'s {@code withX} methods or from
 * {@code @WithEtcdRegistry}; what is left unset ({@code null}, no image or binary) falls back on the {@link Setting}s
 * when the control plane starts. Equal values ask for the same control plane, which is how test classes share one and
 * how a run finds the control plane an earlier run left for reuse.
 */
public record ControlPlaneSpec(Backend backend, Set<Component> components, int etcdMembers, int nodes, List<String> stages,
    CustomResourceDefinitions crds, Map<Component, ComponentOptions> options,
    KubernetesVersion kubernetesVersion, Duration startupTimeout, EncryptionAtRest encryption, Path snapshotToRestore) {

  private static final ControlPlaneSpec ETCD_ONLY = new ControlPlaneSpec(null, Set.of(Component.ETCD), 1, 0, List.of(),
      CustomResourceDefinitions.of(), Map.of(), null, null, EncryptionAtRest.none(), null);

  public ControlPlaneSpec {
    components = Set.copyOf(components);
    if (!components.contains(Component.ETCD)) {
      throw new IllegalArgumentException("Every control plane runs etcd, was asked for " + components);
    }
    options = Map.copyOf(options);
    stages = List.copyOf(stages);
    Objects.requireNonNull(crds, "crds");
    Objects.requireNonNull(encryption, "encryption");
  }

  /** etcd alone, everything else from the settings or the defaults. */
  public static ControlPlaneSpec etcdOnly() {
    return ETCD_ONLY;
  }

  /** Whether {@code component} runs. */
  public boolean runs(Component component) {
    return components.contains(component);
  }

  /** The image, binary and flags asked for {@code component}; {@link ComponentOptions#NONE} when nothing was. */
  public ComponentOptions options(Component component) {
    return options.getOrDefault(component, ComponentOptions.NONE);
  }

  public ControlPlaneSpec withBackend(Backend value) {
    return new ControlPlaneSpec(Objects.requireNonNull(value, "backend"), components, etcdMembers, nodes, stages, crds, options, kubernetesVersion,
        startupTimeout, encryption, snapshotToRestore);
  }

  /**
   * With or without {@code component}, and what it needs or what needs it: every component but etcd brings
   * kube-apiserver, and without kube-apiserver only etcd runs. etcd always runs.
   */
  public ControlPlaneSpec withComponent(Component component, boolean run) {
    Set<Component> next = EnumSet.copyOf(components);
    if (run) {
      next.add(component);
      if (component != Component.ETCD) {
        next.add(Component.KUBE_APISERVER);
      }
    } else if (component == Component.ETCD) {
      throw new IllegalArgumentException("etcd always runs: every other component stores in it");
    } else if (component == Component.KUBE_APISERVER) {
      next.retainAll(Set.of(Component.ETCD));
    } else {
      next.remove(component);
    }
    return new ControlPlaneSpec(backend, next, etcdMembers, nodes, stages, crds,
        options, kubernetesVersion, startupTimeout, encryption, snapshotToRestore);
  }

  /** 1, or 3, 5 or 7 members for a raft cluster. */
  public ControlPlaneSpec withEtcdMembers(int members) {
    if (members < 1 || members % 2 == 0 || members > 7) {
      throw new IllegalArgumentException("etcd members must be 1, 3, 5 or 7, was " + members + ": an even count tolerates no more"
          + " failures than the odd count below it");
    }
    return new ControlPlaneSpec(backend, components, members, nodes, stages, crds,
        options, kubernetesVersion, startupTimeout, encryption, snapshotToRestore);
  }

  /**
   * {@code count} simulated nodes (0 for none, up to 100), which kwok plays the kubelet of: kube-scheduler binds Pods to
   * them and kwok moves the Pods through their lifecycle. Brings kube-controller-manager, kube-scheduler and kwok; kwok's
   * binary artifact is a test dependency of its own, {@code io.github.etcdregistry.binaries:kwok} (type pom).
   */
  public ControlPlaneSpec withNodes(int count) {
    if (count < 0 || count > 100) {
      throw new IllegalArgumentException("nodes must be 0 to 100, was " + count);
    }
    ControlPlaneSpec spec = count == 0 ? this : withComponent(Component.KUBE_CONTROLLER_MANAGER, true)
        .withComponent(Component.KUBE_SCHEDULER, true).withComponent(Component.KWOK, true);
    return new ControlPlaneSpec(spec.backend, spec.components, spec.etcdMembers, count, spec.stages, spec.crds, spec.options, spec.kubernetesVersion,
        spec.startupTimeout, spec.encryption, spec.snapshotToRestore);
  }

  /**
   * kwok Stages to play besides its own, each a YAML document ({@code KwokStages} reads them from files), for a slow start,
   * a crash loop or a Pod that fails; they need {@link #withNodes(int) nodes}.
   */
  public ControlPlaneSpec withStages(List<String> stageDocuments) {
    return new ControlPlaneSpec(backend, components, etcdMembers, nodes, stageDocuments, crds, options, kubernetesVersion, startupTimeout,
        encryption, snapshotToRestore);
  }

  /**
   * CRDs applied once kube-apiserver is ready and before kube-controller-manager starts: its garbage collector knows
   * only the resources there are when it starts, and finds later ones 30 s after, so a custom resource's dependents
   * would wait that long to be collected. Brings kube-apiserver unless there are none.
   */
  public ControlPlaneSpec withCustomResourceDefinitions(CustomResourceDefinitions definitions) {
    Objects.requireNonNull(definitions, "definitions");
    ControlPlaneSpec spec = definitions.definitions().isEmpty() ? this : withComponent(Component.KUBE_APISERVER, true);
    return new ControlPlaneSpec(spec.backend, spec.components, spec.etcdMembers, spec.nodes, spec.stages, definitions, spec.options,
        spec.kubernetesVersion, spec.startupTimeout, spec.encryption, spec.snapshotToRestore);
  }

  public ControlPlaneSpec withImage(Component component, DockerImageName image) {
    Objects.requireNonNull(image, "image");
    return withOptions(component, options(component).withImage(image));
  }

  public ControlPlaneSpec withBinary(Component component, Path binary) {
    Objects.requireNonNull(binary, "binary");
    return withOptions(component, options(component).withBinary(binary));
  }

  /**
   * Extra flags for {@code component}, after (and so over) the ones the control plane sets. etcd's flags that would
   * change its TLS, PKI, ports, data directory or members are refused, since the control plane relies on them.
   */
  public ControlPlaneSpec withFlags(Component component, List<String> flags) {
    List<String> extra = List.copyOf(flags);
    for (String flag : extra) {
      if (!flag.startsWith("--")) {
        throw new IllegalArgumentException(component + " flags look like --name=value, was: " + flag);
      }
    }
    if (component == Component.ETCD) {
      EtcdFlags.checkExtra(extra);
    }
    return withOptions(component, options(component).withFlags(extra));
  }

  public ControlPlaneSpec withKubernetesVersion(KubernetesVersion version) {
    return new ControlPlaneSpec(backend, components, etcdMembers, nodes, stages, crds, options,
        Objects.requireNonNull(version, "version"), startupTimeout, encryption, snapshotToRestore);
  }

  public ControlPlaneSpec withStartupTimeout(Duration timeout) {
    return new ControlPlaneSpec(backend, components, etcdMembers, nodes, stages, crds, options,
        kubernetesVersion, Objects.requireNonNull(timeout, "timeout"), encryption, snapshotToRestore);
  }

  public ControlPlaneSpec withEncryption(EncryptionAtRest value) {
    return new ControlPlaneSpec(backend, components, etcdMembers, nodes, stages, crds, options, kubernetesVersion, startupTimeout,
        Objects.requireNonNull(value, "encryption"), snapshotToRestore);
  }

  public ControlPlaneSpec withRestoredSnapshot(Path snapshotFile) {
    Objects.requireNonNull(snapshotFile, "snapshotFile");
    if (!Files.isRegularFile(snapshotFile) || !Files.isReadable(snapshotFile)) {
      throw new IllegalArgumentException("The etcd snapshot " + snapshotFile.toAbsolutePath()
          + " is not a readable file; take one with: etcdctl snapshot save <file>");
    }
    return new ControlPlaneSpec(backend, components, etcdMembers, nodes, stages, crds,
        options, kubernetesVersion, startupTimeout, encryption, snapshotFile);
  }

  private ControlPlaneSpec withOptions(Component component, ComponentOptions value) {
    Map<Component, ComponentOptions> next = new EnumMap<>(Component.class);
    next.putAll(options);
    next.put(component, value);
    return new ControlPlaneSpec(backend, components, etcdMembers, nodes, stages, crds,
        next, kubernetesVersion, startupTimeout, encryption, snapshotToRestore);
  }

  /** One component's image (container backend), binary (process backend) and extra flags; null where not asked for. */
  public record ComponentOptions(DockerImageName image, Path binary, List<String> flags) {

    public static final ComponentOptions NONE = new ComponentOptions(null, null, List.of());

    public ComponentOptions {
      flags = List.copyOf(flags);
    }

    public ComponentOptions withImage(DockerImageName value) {
      return new ComponentOptions(value, binary, flags);
    }

    public ComponentOptions withBinary(Path value) {
      return new ComponentOptions(image, value, flags);
    }

    public ComponentOptions withFlags(List<String> value) {
      return new ComponentOptions(image, binary, value);
    }
  }
}
