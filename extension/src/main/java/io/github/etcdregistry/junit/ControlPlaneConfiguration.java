package io.github.etcdregistry.junit;

import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import io.github.etcdregistry.controlplane.EncryptionAtRest;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.testcontainers.utility.DockerImageName;

/**
 * The settings one {@link WithEtcdRegistry} asks for, as a value: equal configurations may share a control
 * plane in {@link WithEtcdRegistry.Lifecycle#SHARED} mode.
 */
record ControlPlaneConfiguration(
    boolean kubeApiServer,
    boolean kubeControllerManager,
    io.github.etcdregistry.controlplane.Backend backend,
    String encryption,
    List<String> encryptedResources,
    int encryptionKeys,
    String encryptionConfiguration,
    String etcdImage,
    String kubeApiServerImage,
    String etcdBinary,
    String kubeApiServerBinary,
    String kubeControllerManagerImage,
    String kubeControllerManagerBinary,
    String kubernetesVersion,
    List<String> etcdFlags,
    List<String> kubeApiServerFlags,
    int startupTimeoutSeconds,
    int etcdMembers,
    List<String> crds) {

  static ControlPlaneConfiguration of(WithEtcdRegistry annotation) {
    boolean kubeApiServer = annotation.kubeApiServer() || annotation.kubeControllerManager() || annotation.crds().length > 0;
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
    return new ControlPlaneConfiguration(kubeApiServer, annotation.kubeControllerManager(), annotation.backend(), annotation.encryption(),
        Arrays.asList(annotation.encryptedResources()), annotation.encryptionKeys(), annotation.encryptionConfiguration(),
        annotation.etcdImage(), annotation.kubeApiServerImage(), annotation.etcdBinary(), annotation.kubeApiServerBinary(),
        annotation.kubeControllerManagerImage(), annotation.kubeControllerManagerBinary(), kubernetesVersion(annotation),
        Arrays.asList(annotation.etcdFlags()), Arrays.asList(annotation.kubeApiServerFlags()), annotation.startupTimeoutSeconds(),
        annotation.etcdMembers(), Arrays.asList(annotation.crds()));
  }

  /** The CRDs asked for, read now: a wrong location fails before anything starts. */
  CustomResourceDefinitions customResourceDefinitions() {
    return CustomResourceDefinitions.read(crds.toArray(String[]::new));
  }

  /** How long the CRDs may take to be Established. */
  Duration crdTimeout() {
    return Duration.ofSeconds(startupTimeoutSeconds > 0 ? startupTimeoutSeconds : 60);
  }

  /** {@code "1.36"} and {@code "v1.36.3"} are one configuration: the version resolved, so classes can share its control plane. */
  private static String kubernetesVersion(WithEtcdRegistry annotation) {
    String version = annotation.kubernetesVersion().trim();
    if (version.isEmpty()) {
      return version;
    }
    try {
      return KubernetesVersion.parse(version).toString();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("@WithEtcdRegistry(kubernetesVersion = \"" + version + "\"): " + e.getMessage(), e);
    }
  }

  /** A control plane configured as asked; attributes left empty fall back to system properties and environment. */
  ControlPlane newControlPlane() {
    ControlPlane controlPlane = new ControlPlane().withBackend(backend).withKubeApiServer(kubeApiServer)
        .withKubeControllerManager(kubeControllerManager).withEtcdMembers(etcdMembers);
    if (!etcdImage.isEmpty()) {
      controlPlane.withEtcdImage(DockerImageName.parse(etcdImage));
    }
    if (!kubeApiServerImage.isEmpty()) {
      controlPlane.withKubeApiServerImage(DockerImageName.parse(kubeApiServerImage));
    }
    if (!kubeControllerManagerImage.isEmpty()) {
      controlPlane.withKubeControllerManagerImage(DockerImageName.parse(kubeControllerManagerImage));
    }
    if (!kubeControllerManagerBinary.isEmpty()) {
      controlPlane.withKubeControllerManagerBinary(Path.of(kubeControllerManagerBinary));
    }
    if (!kubernetesVersion.isEmpty()) {
      controlPlane.withKubernetesVersion(kubernetesVersion);
    }
    if (!etcdBinary.isEmpty()) {
      controlPlane.withEtcdBinary(Path.of(etcdBinary));
    }
    if (!kubeApiServerBinary.isEmpty()) {
      controlPlane.withKubeApiServerBinary(Path.of(kubeApiServerBinary));
    }
    if (!etcdFlags.isEmpty()) {
      controlPlane.withEtcdFlags(etcdFlags.toArray(String[]::new));
    }
    if (!kubeApiServerFlags.isEmpty()) {
      controlPlane.withKubeApiServerFlags(kubeApiServerFlags.toArray(String[]::new));
    }
    if (startupTimeoutSeconds > 0) {
      controlPlane.withStartupTimeout(Duration.ofSeconds(startupTimeoutSeconds));
    }
    if (!encryption.isEmpty()) {
      controlPlane.withEncryption(EncryptionAtRest.provider(encryption, encryptedResources.toArray(String[]::new)).withKeyCount(
          encryption.equals("identity") ? 0 : encryptionKeys));
    } else if (!encryptionConfiguration.isEmpty()) {
      controlPlane.withEncryption(EncryptionAtRest.fromFile(Path.of(encryptionConfiguration)));
    }
    return controlPlane;
  }
}
