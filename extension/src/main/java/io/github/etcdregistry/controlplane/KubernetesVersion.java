package io.github.etcdregistry.controlplane;

import io.github.etcdregistry.registry.StorageTable;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kubernetes release such as {@code v1.36.3}. A minor alone ({@code 1.36}) means the latest patch of it that
 * this version of etcd-registry knows (and ships binary artifacts of); a full version is taken as given.
 */
public final class KubernetesVersion implements Comparable<KubernetesVersion> {

  private static final Pattern SYNTAX = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  /**
   * The latest patch of each supported minor, oldest first: the releases whose storage table the assertions module
   * holds ({@link StorageTable#versions()}), which {@code control-plane/build} reads too.
   */
  public static final List<KubernetesVersion> KNOWN = StorageTable.versions().stream().map(KubernetesVersion::exactly).toList();

  /** The version used when none is asked for: the one whose binary artifacts this library brings. */
  public static final KubernetesVersion DEFAULT = KNOWN.stream().filter(known -> known.toString().equals(DefaultVersions.KUBERNETES))
      .findFirst().orElseThrow(() -> new IllegalStateException("the default Kubernetes version " + DefaultVersions.KUBERNETES
          + " is not one of " + KNOWN));

  private final int major;
  private final int minor;
  private final int patch;

  private KubernetesVersion(int major, int minor, int patch) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
  }

  /** {@code v1.36.3} exactly, as the list of supported releases spells it. */
  private static KubernetesVersion exactly(String text) {
    Matcher matcher = SYNTAX.matcher(text);
    if (!matcher.matches() || matcher.group(3) == null) {
      throw new IllegalStateException("'" + text + "' in the list of supported Kubernetes releases is not vX.Y.Z");
    }
    return new KubernetesVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)));
  }

  /**
   * {@code 1.36} or {@code v1.36} (its latest known patch), {@code 1.36.3} or {@code v1.36.3} (exactly that).
   *
   * @throws IllegalArgumentException when the text is no version, or names a minor this library does not know
   */
  public static KubernetesVersion parse(String text) {
    Objects.requireNonNull(text, "text");
    Matcher matcher = SYNTAX.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a Kubernetes version; write 1.36 (its latest known patch) or 1.36.3");
    }
    int major = Integer.parseInt(matcher.group(1));
    int minor = Integer.parseInt(matcher.group(2));
    if (matcher.group(3) != null) {
      return new KubernetesVersion(major, minor, Integer.parseInt(matcher.group(3)));
    }
    return KNOWN.stream().filter(known -> known.major == major && known.minor == minor).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Kubernetes " + major + "." + minor + " is not a minor etcd-registry knows ("
            + KNOWN.stream().map(KubernetesVersion::toString).collect(Collectors.joining(", "))
            + "); name a patch release in full, e.g. " + major + "." + minor + ".0, and set etcdregistry.kube-apiserver.binary (and"
            + " etcdregistry.kube-controller-manager.binary) to its executables, or the images of it"));
  }

  public int major() {
    return major;
  }

  public int minor() {
    return minor;
  }

  public int patch() {
    return patch;
  }

  /** {@code 1.36}: the part that decides which APIs and storage versions exist. */
  public String minorVersion() {
    return major + "." + minor;
  }

  /** {@code v1.36.3}, as in image tags, cache directories and {@code kube-apiserver --version}. */
  @Override
  public String toString() {
    return "v" + major + "." + minor + "." + patch;
  }

  @Override
  public int compareTo(KubernetesVersion other) {
    int byMajor = Integer.compare(major, other.major);
    if (byMajor != 0) {
      return byMajor;
    }
    int byMinor = Integer.compare(minor, other.minor);
    return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KubernetesVersion that && major == that.major && minor == that.minor && patch == that.patch;
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch);
  }
}
