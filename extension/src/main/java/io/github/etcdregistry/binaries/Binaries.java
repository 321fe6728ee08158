package io.github.etcdregistry.binaries;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the control-plane binaries: in the cache ({@code <cache>/<platform>/<bundle>-<version>/}, as {@code control-plane/build}
 * or an earlier extraction left them), else in a binary artifact on the class path, which is then extracted into the
 * cache once. A setting that names a binary is the caller's business and wins over both.
 */
public final class Binaries {

  private static final Logger LOG = LoggerFactory.getLogger(Binaries.class);

  private final BinaryCache cache;
  private final ClasspathBinaries classpath;

  public Binaries(Path cacheDirectory) {
    this(cacheDirectory, Binaries.class.getClassLoader());
  }

  /**
   * Binaries from the cache, else from the binary artifacts {@code loader} sees: a class loader over an artifact fetched
   * at run time (the command line's etcd) rather than the one that loaded this class.
   */
  public Binaries(Path cacheDirectory, ClassLoader loader) {
    this.cache = new BinaryCache(cacheDirectory);
    this.classpath = new ClasspathBinaries(loader);
  }

  /** Whether the cache or the class path holds the bundle, without extracting anything. */
  public boolean has(Bundle bundle, String version, Platform platform) {
    return cache.isComplete(cache.directory(bundle, version, platform), bundle) || classpath.has(bundle, version, platform);
  }

  /**
   * The executable {@code name} of {@code bundle}, from the cache or extracted from the class path.
   *
   * @throws MissingBinaryException when neither holds it; the message names the Maven dependency that brings it
   */
  public Path executable(Bundle bundle, String name, String version, Platform platform) {
    if (!bundle.executables().contains(name)) {
      throw new IllegalArgumentException(bundle + " holds " + bundle.executables() + ", not " + name);
    }
    return directory(bundle, version, platform).resolve(name);
  }

  /**
   * The file {@code path} of {@code bundle} ({@code stages/pod-ready.yaml}, one of {@link Bundle#files()}), from the cache
   * or extracted from the class path with the rest of the bundle.
   *
   * @throws MissingBinaryException when neither holds the bundle
   */
  public Path file(Bundle bundle, String path, String version, Platform platform) {
    if (!bundle.files().contains(path)) {
      throw new IllegalArgumentException(bundle + " holds the files " + bundle.files() + ", not " + path);
    }
    return directory(bundle, version, platform).resolve(path);
  }

  /** Every one of {@link Bundle#files()}, in that order (kwok's Stages, for its {@code --config}). */
  public List<Path> files(Bundle bundle, String version, Platform platform) {
    Path directory = directory(bundle, version, platform);
    return bundle.files().stream().map(directory::resolve).toList();
  }

  /**
   * The directory that holds {@code bundle} whole, its executables and other files, each as its {@code SHA256SUMS} says:
   * the cache's entry, extracted from the class path first when the cache has none.
   *
   * @throws MissingBinaryException when neither holds it
   */
  public Path directory(Bundle bundle, String version, Platform platform) {
    Path directory = cache.directory(bundle, version, platform);
    if (cache.isComplete(directory, bundle)) {
      return directory;
    }
    if (!classpath.has(bundle, version, platform)) {
      throw new MissingBinaryException(missing(bundle, version, platform, directory));
    }
    long start = System.nanoTime();
    cache.fill(directory, bundle, into -> classpath.extract(bundle, version, platform, into));
    LOG.info("Extracted {} into {} in {} ms (once; later runs use the cache)", ClasspathBinaries.describe(bundle, version, platform),
        directory, (System.nanoTime() - start) / 1_000_000);
    return directory;
  }

  private String missing(Bundle bundle, String version, Platform platform, Path directory) {
    List<String> available = classpath.available();
    return ClasspathBinaries.describe(bundle, version, platform) + " is neither in the cache (" + directory + ") nor in a binary artifact"
        + " on the class path (" + (available.isEmpty() ? "which holds none" : "which holds " + String.join(", ", available)) + ")."
        + " Add the test dependency " + bundle.familyArtifact(version) + " (<type>pom</type>: it brings the binaries of the platform"
        + " Maven runs on), or " + bundle.artifact(version, platform) + " for this platform alone.";
  }

  /** The SHA-256 of an executable as its bundle's {@code SHA256SUMS} says, after {@link #executable} made sure it is so. */
  public String sha256(Bundle bundle, String name, String version, Platform platform) {
    Path executable = executable(bundle, name, version, platform);
    try {
      return Checksums.read(executable.resolveSibling(Checksums.FILE_NAME)).byFile().get(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@code executable} throws for, without throwing: for a backend choice that looks before it leaps. */
  public Optional<String> whyMissing(Bundle bundle, String version, Platform platform) {
    return has(bundle, version, platform) ? Optional.empty()
        : Optional.of(missing(bundle, version, platform, cache.directory(bundle, version, platform)));
  }
}
