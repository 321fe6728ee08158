package io.github.etcdregistry.controlplane;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testcontainers.utility.DockerImageName;

/**
 * What the {@code withX} methods of {@link ControlPlane} asked for, unresolved: {@code null} where nothing was set,
 * so that {@link ComponentSpec#resolve} falls back on the settings and defaults.
 */
final class ControlPlaneOptions {

  Backend backend;
  boolean kubeApiServer;
  boolean kubeControllerManager;
  int etcdMembers = 1;
  DockerImageName etcdImage;
  DockerImageName kubeApiServerImage;
  DockerImageName kubeControllerManagerImage;
  Path etcdBinary;
  Path kubeApiServerBinary;
  Path kubeControllerManagerBinary;
  KubernetesVersion kubernetesVersion;
  Duration startupTimeout;
  EncryptionAtRest encryption = EncryptionAtRest.none();
  List<String> kubeApiServerFlags = List.of();
  List<String> etcdFlags = List.of();
  Path snapshotToRestore;
}
