package io.github.etcdregistry.junit;

import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.ControlPlaneSpec;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import io.github.etcdregistry.controlplane.EncryptionAtRest;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.internal.kubernetes.KwokStages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testcontainers.utility.DockerImageName;

/**
 * What one {@link WithEtcdRegistry} asks for, as a value: the control plane's {@link ControlPlaneSpec}, CRDs included.
 * Equal configurations share a control plane in {@link WithEtcdRegistry.Lifecycle#SHARED} mode.
 */
record ControlPlaneConfiguration(ControlPlaneSpec spec) {

  static ControlPlaneConfiguration of(WithEtcdRegistry annotation) {
    boolean kubeApiServer = annotation.kubeApiServer() || annotation.kubeControllerManager() || annotation.crds().length > 0
        || annotation.nodes() > 0;
    if (annotation.lifecycle() == WithEtcdRegistry.Lifecycle.PER_METHOD && kubeApiServer) {
      throw new IllegalArgumentException("@WithEtcdRegistry(lifecycle = PER_METHOD) starts etcd only; kube-apiserver takes"
          + " seconds to start, so use PER_CLASS or SHARED with kubeApiServer = true");
    }
    if (!annotation.encryption().isEmpty() && !annotation.encryptionConfiguration().isEmpty()) {
      throw new IllegalArgumentException("@WithEtcdRegistry: set encryption or encryptionConfiguration, not both");
    }
    if ((!annotation.encryption().isEmpty() || !annotation.encryptionConfiguration().isEmpty()) && !kubeApiServer) {
      throw new IllegalArgumentException("@WithEtcdRegistry: encryption at rest is done by kube-apiserver; add kubeApiServer = true");
    }
    if (annotation.stages().length > 0 && annotation.nodes() == 0) {
      throw new IllegalArgumentException("@WithEtcdRegistry(stages = ...) are played on simulated nodes: add nodes = 1 or more");
    }
    ControlPlaneSpec spec = ControlPlaneSpec.etcdOnly().withBackend(annotation.backend()).withEtcdMembers(annotation.etcdMembers())
        .withComponent(Component.KUBE_APISERVER, kubeApiServer)
        .withComponent(Component.KUBE_CONTROLLER_MANAGER, annotation.kubeControllerManager()).withNodes(annotation.nodes())
        .withStages(KwokStages.read(annotation.stages()))
        .withCustomResourceDefinitions(CustomResourceDefinitions.read(annotation.crds())); // a wrong location fails before starting
    spec = withComponent(spec, Component.ETCD, annotation.etcdImage(), annotation.etcdBinary(), annotation.etcdFlags());
    spec = withComponent(spec, Component.KUBE_APISERVER, annotation.kubeApiServerImage(), annotation.kubeApiServerBinary(),
        annotation.kubeApiServerFlags());
    spec = withComponent(spec, Component.KUBE_CONTROLLER_MANAGER, annotation.kubeControllerManagerImage(),
        annotation.kubeControllerManagerBinary(), new String[0]);
    String version = annotation.kubernetesVersion().trim();
    if (!version.isEmpty()) {
      try {
        spec = spec.withKubernetesVersion(KubernetesVersion.parse(version));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("@WithEtcdRegistry(kubernetesVersion = \"" + version + "\"): " + e.getMessage(), e);
      }
    }
    if (annotation.startupTimeoutSeconds() > 0) {
      spec = spec.withStartupTimeout(Duration.ofSeconds(annotation.startupTimeoutSeconds()));
    }
    if (!annotation.encryption().isEmpty()) {
      spec = spec.withEncryption(encryption(annotation));
    } else if (!annotation.encryptionConfiguration().isEmpty()) {
      spec = spec.withEncryption(EncryptionAtRest.fromFile(Path.of(annotation.encryptionConfiguration())));
    }
    return new ControlPlaneConfiguration(spec);
  }

  ControlPlane newControlPlane() {
    return new ControlPlane(spec);
  }

  /** An attribute left empty falls back on the settings when the control plane starts. */
  private static ControlPlaneSpec withComponent(ControlPlaneSpec spec, Component component, String image, String binary, String[] flags) {
    ControlPlaneSpec result = spec;
    if (!image.isEmpty()) {
      result = result.withImage(component, DockerImageName.parse(image));
    }
    if (!binary.isEmpty()) {
      result = result.withBinary(component, Path.of(binary));
    }
    if (flags.length > 0) {
      result = result.withFlags(component, List.of(flags));
    }
    return result;
  }

  private static EncryptionAtRest encryption(WithEtcdRegistry annotation) {
    try {
      return EncryptionAtRest.provider(annotation.encryption(), annotation.encryptedResources())
          .withKeyCount(annotation.encryption().equals("identity") ? 0 : annotation.encryptionKeys());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("@WithEtcdRegistry(encryption = \"" + annotation.encryption() + "\"): " + e.getMessage(), e);
    }
  }
}
