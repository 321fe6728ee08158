package io.github.etcdregistry.binaries;

import java.util.List;

/**
 * What one binary artifact holds: a component's executables of one version for one platform. Its Maven coordinates are
 * {@code io.github.etcdregistry.binaries:<name>-<platform>:<version>}, and {@code <family>:<version>} (type {@code pom})
 * brings the build host's platform of every bundle of that family.
 */
public enum Bundle {
  ETCD("etcd", "etcd", List.of("etcd", "etcdctl", "etcdutl")),
  KUBE_APISERVER("kube-apiserver", "kubernetes", List.of("kube-apiserver")),
  KUBE_CONTROLLER_MANAGER("kube-controller-manager", "kubernetes", List.of("kube-controller-manager"));

  /** The group of every binary artifact. */
  public static final String GROUP_ID = "io.github.etcdregistry.binaries";

  private final String bundleName;
  private final String family;
  private final List<String> executables;

  Bundle(String bundleName, String family, List<String> executables) {
    this.bundleName = bundleName;
    this.family = family;
    this.executables = executables;
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
