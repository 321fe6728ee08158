package io.github.etcdregistry.controlplane.internal.reuse;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlaneSpec;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.testcontainers.utility.DockerImageName;

/** A {@link ControlPlaneSpec} as reuse across runs hashes it and hands it to the JVM that keeps the control plane. */
public final class SpecProperties {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private SpecProperties() {}

  /** Why a control plane so asked for is not reused across runs, or empty: state that belongs to one run is never shared. */
  static Optional<String> notReusable(ControlPlaneSpec spec) {
    if (spec.snapshotToRestore() != null) {
      return Optional.of("it restores an etcd snapshot (withRestoredSnapshot), whose data each run expects afresh");
    }
    if (spec.encryption().isEnabled()) {
      return Optional.of("it encrypts at rest (withEncryption) with keys made for this run, which another run could not read with");
    }
    return Optional.empty();
  }

  /**
   * What tells two control planes apart, as {@code name=value} lines: the reused control plane's name is a hash of them,
   * and the JVM that keeps it builds it again from them ({@link #spec}). The startup timeout is left out, since
   * it changes how long a start may take, not what runs; encryption and a snapshot too, since a control plane with
   * either is never reused. CRDs count by name: each run applies them again, so a changed schema takes effect, but
   * kube-controller-manager's garbage collector knows only the custom resources there were when it started.
   */
  static Properties of(ControlPlaneSpec spec) {
    Properties properties = new Properties();
    if (spec.backend() != null) {
      properties.setProperty("backend", spec.backend().name());
    }
    properties.setProperty("components", String.join(",", spec.components().stream().sorted().map(Component::id).toList()));
    properties.setProperty("etcd-members", Integer.toString(spec.etcdMembers()));
    properties.setProperty("nodes", Integer.toString(spec.nodes()));
    for (int i = 0; i < spec.stages().size(); i++) {
      properties.setProperty("stage." + i, spec.stages().get(i));
    }
    if (!spec.crds().definitions().isEmpty()) {
      properties.setProperty("crds", String.join(",", spec.crds().names()));
    }
    if (spec.kubernetesVersion() != null) {
      properties.setProperty("kubernetes.version", spec.kubernetesVersion().toString());
    }
    spec.options().forEach((component, asked) -> {
      if (asked.image() != null) {
        properties.setProperty(component.id() + ".image", asked.image().asCanonicalNameString());
      }
      if (asked.binary() != null) {
        properties.setProperty(component.id() + ".binary", asked.binary().toString());
      }
      for (int i = 0; i < asked.flags().size(); i++) {
        properties.setProperty(component.id() + ".flag." + i, asked.flags().get(i));
      }
    });
    return properties;
  }

  /** {@link #of} with the startup timeout and the CRDs themselves: what the JVM keeping a reused control plane starts. */
  static Properties toStart(ControlPlaneSpec spec) {
    Properties properties = of(spec);
    List<CustomResourceDefinition> crds = spec.crds().definitions();
    for (int i = 0; i < crds.size(); i++) {
      properties.setProperty("crd." + i, SERIALIZATION.asJson(crds.get(i)));
    }
    if (spec.startupTimeout() != null) {
      properties.setProperty("startup-timeout-millis", Long.toString(spec.startupTimeout().toMillis()));
    }
    return properties;
  }

  /** The spec {@link #toStart} wrote. */
  static ControlPlaneSpec spec(Properties properties) {
    ControlPlaneSpec spec = ControlPlaneSpec.etcdOnly().withEtcdMembers(Integer.parseInt(properties.getProperty("etcd-members")))
        .withNodes(Integer.parseInt(properties.getProperty("nodes"))).withStages(values(properties, "stage."))
        .withCustomResourceDefinitions(CustomResourceDefinitions.of(values(properties, "crd.").stream()
            .map(json -> SERIALIZATION.unmarshal(json, CustomResourceDefinition.class)).toArray(CustomResourceDefinition[]::new)));
    for (String id : properties.getProperty("components").split(",")) {
      spec = spec.withComponent(Component.of(id), true);
    }
    String backendName = properties.getProperty("backend");
    if (backendName != null) {
      spec = spec.withBackend(Backend.valueOf(backendName));
    }
    String version = properties.getProperty("kubernetes.version");
    if (version != null) {
      spec = spec.withKubernetesVersion(KubernetesVersion.parse(version));
    }
    String timeout = properties.getProperty("startup-timeout-millis");
    if (timeout != null) {
      spec = spec.withStartupTimeout(Duration.ofMillis(Long.parseLong(timeout)));
    }
    for (Component component : Component.values()) {
      String image = properties.getProperty(component.id() + ".image");
      if (image != null) {
        spec = spec.withImage(component, DockerImageName.parse(image));
      }
      String binary = properties.getProperty(component.id() + ".binary");
      if (binary != null) {
        spec = spec.withBinary(component, Path.of(binary));
      }
      List<String> flags = values(properties, component.id() + ".flag.");
      if (!flags.isEmpty()) {
        spec = spec.withFlags(component, flags);
      }
    }
    return spec;
  }

  private static List<String> values(Properties properties, String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 0; properties.containsKey(prefix + i); i++) {
      values.add(properties.getProperty(prefix + i));
    }
    return values;
  }
}
