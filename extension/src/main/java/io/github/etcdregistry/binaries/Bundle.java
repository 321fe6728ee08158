package io.github.etcdregistry.binaries;

import java.util.List;
import java.util.stream.Stream;

/**
 * What one binary artifact holds: a component's executables of one version for one platform, and any other files it needs
 * (kwok's Stages). Its Maven coordinates are {@code io.github.etcdregistry.binaries:<name>-<platform>:<version>}, and
 * {@code <family>:<version>} (type {@code pom}) brings the build host's platform of every bundle of that family.
 */
public enum Bundle {
  ETCD("etcd", "etcd", List.of("etcd", "etcdctl", "etcdutl"), List.of()),
  KUBE_APISERVER("kube-apiserver", "kubernetes", List.of("kube-apiserver"), List.of()),
  KUBE_CONTROLLER_MANAGER("kube-controller-manager", "kubernetes", List.of("kube-controller-manager"), List.of()),
  KUBE_SCHEDULER("kube-scheduler", "kubernetes", List.of("kube-scheduler"), List.of()),
  /**
   * kwok, which plays the kubelet of simulated nodes, and the Stages it plays ({@code stages/*.yaml}, as kwok's module
   * has them under {@code kustomize/stage/}: kwok has none built in). Its own family and version: etcd-registry-extension
   * does not depend on it.
   */
  KWOK("kwok", "kwok", List.of("kwok"), List.of(
      "stages/node-initialize.yaml",
      "stages/node-heartbeat-with-lease.yaml",
      "stages/pod-ready.yaml",
      "stages/pod-complete.yaml",
      "stages/pod-delete.yaml"));

  /** The group of every binary artifact. */
  public static final String GROUP_ID = "io.github.etcdregistry.binaries";

  private final String bundleName;
  private final String family;
  private final List<String> executables;
  private final List<String> files;

  Bundle(String bundleName, String family, List<String> executables, List<String> files) {
    this.bundleName = bundleName;
    this.family = family;
    this.executables = executables;
    this.files = files;
  }

  /** The bundle named {@code kube-apiserver}, or holding the executable {@code etcdutl}. */
  public static Bundle of(String nameOrExecutable) {
    for (Bundle bundle : values()) {
      if (bundle.bundleName.equals(nameOrExecutable) || bundle.executables.contains(nameOrExecutable)) {
        return bundle;
      }
    }
    throw new IllegalArgumentException("no binary bundle is called or holds '" + nameOrExecutable + "'");
  }

  /** {@code kube-apiserver}: the cache directory's and the artifact's name. */
  public String bundleName() {
    return bundleName;
  }

  /** The executables this bundle holds, the component's own first. */
  public List<String> executables() {
    return executables;
  }

  /**
   * The other files this bundle must hold, each by its path inside the bundle's directory with {@code /} between names
   * ({@code stages/pod-ready.yaml}); checked against the bundle's {@code SHA256SUMS} like the executables.
   */
  public List<String> files() {
    return files;
  }

  /** The executables and the other files: what an entry in the cache must hold to count. */
  List<String> required() {
    return Stream.concat(executables.stream(), files.stream()).toList();
  }

  /** {@code io.github.etcdregistry.binaries:kube-apiserver-linux-amd64:1.37.2}. */
  public String artifact(String version, Platform platform) {
    return GROUP_ID + ":" + bundleName + "-" + platform + ":" + mavenVersion(version);
  }

  /** {@code io.github.etcdregistry.binaries:kubernetes:1.37.2}, a POM that brings the build host's platform. */
  public String familyArtifact(String version) {
    return GROUP_ID + ":" + family + ":" + mavenVersion(version);
  }

  /** {@code kube-apiserver-v1.37.2}: the directory of one version, in the cache and in the artifact. */
  String directoryName(String version) {
    return bundleName + "-" + version;
  }

  private static String mavenVersion(String version) {
    return version.startsWith("v") ? version.substring(1) : version;
  }

  @Override
  public String toString() {
    return bundleName;
  }
}
