package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.binaries.Bundle;

/**
 * The programs a control plane can run. Each has its name (as in its binary, image and log lines), the settings that
 * point at its own image or binary, the binary artifact that brings it, and where its official image is.
 */
public enum Component {
  ETCD("etcd", Bundle.ETCD, Setting.ETCD_IMAGE, Setting.ETCD_BINARY, "gcr.io/etcd-development/"),
  KUBE_APISERVER("kube-apiserver", Bundle.KUBE_APISERVER, Setting.KUBE_APISERVER_IMAGE, Setting.KUBE_APISERVER_BINARY,
      "registry.k8s.io/"),
  KUBE_CONTROLLER_MANAGER("kube-controller-manager", Bundle.KUBE_CONTROLLER_MANAGER, Setting.KUBE_CONTROLLER_MANAGER_IMAGE,
      Setting.KUBE_CONTROLLER_MANAGER_BINARY, "registry.k8s.io/"),
  KUBE_SCHEDULER("kube-scheduler", Bundle.KUBE_SCHEDULER, Setting.KUBE_SCHEDULER_IMAGE, Setting.KUBE_SCHEDULER_BINARY,
      "registry.k8s.io/"),
  /** Kubernetes WithOut Kubelet: plays the kubelet of simulated nodes, moving their Pods through the stages it is given. */
  KWOK("kwok", Bundle.KWOK, Setting.KWOK_IMAGE, Setting.KWOK_BINARY, "registry.k8s.io/kwok/");

  private final String id;
  private final Bundle bundle;
  private final Setting imageSetting;
  private final Setting binarySetting;
  private final String officialRepository;

  Component(String id, Bundle bundle, Setting imageSetting, Setting binarySetting, String officialRepository) {
    this.id = id;
    this.bundle = bundle;
    this.imageSetting = imageSetting;
    this.binarySetting = binarySetting;
    this.officialRepository = officialRepository;
  }

  /** {@code kube-apiserver}: the executable's, the image's and the logs' name. */
  public String id() {
    return id;
  }

  /** Whether it belongs to a Kubernetes release, and so follows {@code kubernetesVersion}; etcd and kwok have their own. */
  public boolean followsKubernetesVersion() {
    return this != ETCD && this != KWOK;
  }

  /** Whether it works through kube-apiserver as a client, started after it and stopped before it. */
  public boolean isApiClient() {
    return this != ETCD && this != KUBE_APISERVER;
  }

  /** The version that runs of a component that does not follow {@code kubernetesVersion}; null for those that do. */
  public String ownVersion() {
    return switch (this) {
      case ETCD -> DefaultVersions.ETCD;
      case KWOK -> DefaultVersions.KWOK;
      default -> null;
    };
  }

  public Bundle bundle() {
    return bundle;
  }

  public Setting imageSetting() {
    return imageSetting;
  }

  public Setting binarySetting() {
    return binarySetting;
  }

  /** {@code registry.k8s.io/kube-apiserver:v1.37.2}, before a mirror ({@link Setting#IMAGE_REGISTRY}) rewrites it. */
  public String officialImage(String version) {
    return officialRepository + id + ":" + version;
  }

  /** The component called {@code id}, e.g. {@code kube-apiserver}; fails naming the known ones. */
  public static Component of(String id) {
    for (Component component : values()) {
      if (component.id.equals(id)) {
        return component;
      }
    }
    throw new IllegalArgumentException("No component is called '" + id + "'; the components are "
        + java.util.Arrays.stream(values()).map(Component::id).toList());
  }

  @Override
  public String toString() {
    return id;
  }
}
