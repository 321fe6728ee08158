package io.github.etcdregistry.controlplane;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.testcontainers.utility.DockerImageName;

/**
 * What a {@link ControlPlane} was asked for in code, as one value: reuse across runs hashes it, writes it for the JVM
 * that keeps the control plane running, and builds the same control plane there from it.
 */
record ReuseConfiguration(Backend backend, boolean kubeApiServer, boolean kubeControllerManager, int etcdMembers,
    DockerImageName etcdImage, DockerImageName kubeApiServerImage, DockerImageName kubeControllerManagerImage,
    Path etcdBinary, Path kubeApiServerBinary, Path kubeControllerManagerBinary, KubernetesVersion kubernetesVersion,
    Duration startupTimeout, EncryptionAtRest encryption, List<String> etcdFlags, List<String> kubeApiServerFlags,
    Path snapshotToRestore) {

  /** Why a control plane so configured is not reused, or empty: state that belongs to one run is never shared. */
  Optional<String> notReusable() {
    if (snapshotToRestore != null) {
      return Optional.of("it restores an etcd snapshot (withRestoredSnapshot), whose data each run expects afresh");
    }
    if (encryption.isEnabled()) {
      return Optional.of("it encrypts at rest (withEncryption) with keys made for this run, which another run could not read with");
    }
    return Optional.empty();
  }

  /**
   * Every value that makes two control planes different, as {@code name=value} lines. The startup timeout is left out,
   * since it changes how long a start may take, not what runs; encryption and a snapshot too, since a control plane
   * with either is never reused ({@link #notReusable()}).
   */
  Properties toProperties() {
    Properties properties = new Properties();
    put(properties, "backend", backend);
    properties.setProperty("kube-apiserver", Boolean.toString(kubeApiServer));
    properties.setProperty("kube-controller-manager", Boolean.toString(kubeControllerManager));
    properties.setProperty("etcd-members", Integer.toString(etcdMembers));
    put(properties, "etcd.image", etcdImage);
    put(properties, "kube-apiserver.image", kubeApiServerImage);
    put(properties, "kube-controller-manager.image", kubeControllerManagerImage);
    put(properties, "etcd.binary", etcdBinary);
    put(properties, "kube-apiserver.binary", kubeApiServerBinary);
    put(properties, "kube-controller-manager.binary", kubeControllerManagerBinary);
    put(properties, "kubernetes.version", kubernetesVersion);
    putAll(properties, "etcd.flag.", etcdFlags);
    putAll(properties, "kube-apiserver.flag.", kubeApiServerFlags);
    return properties;
  }

  /** The same control plane again, in the JVM that keeps it running. */
  static ControlPlane newControlPlane(Properties configuration, Settings settings) {
    ControlPlane controlPlane = new ControlPlane(settings)
        .withKubeApiServer(Boolean.parseBoolean(configuration.getProperty("kube-apiserver")))
        .withKubeControllerManager(Boolean.parseBoolean(configuration.getProperty("kube-controller-manager")))
        .withEtcdMembers(Integer.parseInt(configuration.getProperty("etcd-members")));
    value(configuration, "backend").map(Backend::valueOf).ifPresent(controlPlane::withBackend);
    value(configuration, "etcd.image").map(DockerImageName::parse).ifPresent(controlPlane::withEtcdImage);
    value(configuration, "kube-apiserver.image").map(DockerImageName::parse).ifPresent(controlPlane::withKubeApiServerImage);
    value(configuration, "kube-controller-manager.image").map(DockerImageName::parse)
        .ifPresent(controlPlane::withKubeControllerManagerImage);
    value(configuration, "etcd.binary").map(Path::of).ifPresent(controlPlane::withEtcdBinary);
    value(configuration, "kube-apiserver.binary").map(Path::of).ifPresent(controlPlane::withKubeApiServerBinary);
    value(configuration, "kube-controller-manager.binary").map(Path::of).ifPresent(controlPlane::withKubeControllerManagerBinary);
    value(configuration, "kubernetes.version").ifPresent(controlPlane::withKubernetesVersion);
    value(configuration, "startup-timeout-millis").map(millis -> Duration.ofMillis(Long.parseLong(millis)))
        .ifPresent(controlPlane::withStartupTimeout);
    return controlPlane.withEtcdFlags(values(configuration, "etcd.flag.").toArray(String[]::new))
        .withKubeApiServerFlags(values(configuration, "kube-apiserver.flag.").toArray(String[]::new));
  }

  /** {@link #toProperties()} with the startup timeout, for the JVM that starts it. */
  Properties toStartProperties() {
    Properties properties = toProperties();
    put(properties, "startup-timeout-millis", startupTimeout == null ? null : startupTimeout.toMillis());
    return properties;
  }

  private static void put(Properties properties, String name, Object value) {
    if (value != null) {
      properties.setProperty(name, value.toString());
    }
  }

  private static void putAll(Properties properties, String prefix, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      properties.setProperty(prefix + i, values.get(i));
    }
  }

  private static List<String> values(Properties properties, String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 0; properties.containsKey(prefix + i); i++) {
      values.add(properties.getProperty(prefix + i));
    }
    return values;
  }

  private static Optional<String> value(Properties properties, String name) {
    return Optional.ofNullable(properties.getProperty(name));
  }
}
