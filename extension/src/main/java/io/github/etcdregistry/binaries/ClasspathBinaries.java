package io.github.etcdregistry.binaries;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.tukaani.xz.XZInputStream;

/**
 * The binary artifacts on the class path. Each holds one bundle of one version for one platform under
 * {@code META-INF/etcd-registry/binaries/<platform>/<bundle>-<version>/}: every executable xz-compressed
 * ({@code kube-apiserver.xz}), the bundle's other files as they are ({@code stages/pod-ready.yaml}), the
 * {@code SHA256SUMS} of all of them, the upstream {@code LICENSE} and the Go module versions it was built from
 * ({@code go-modules.txt}); and a line {@code <platform>/<bundle>-<version>} in
 * {@code META-INF/etcd-registry/binaries.list}, so that a message can say what is there instead.
 */
final class ClasspathBinaries {

  static final String ROOT = "META-INF/etcd-registry/binaries/";
  static final String LIST = "META-INF/etcd-registry/binaries.list";
  /** Files shipped beside the executables and kept in the cache with them. */
  private static final List<String> NOTICES = List.of("LICENSE", "go-modules.txt");

  private final ClassLoader loader;

  ClasspathBinaries(ClassLoader loader) {
    this.loader = loader;
  }

  /** Whether an artifact on the class path holds {@code bundle} of {@code version} for {@code platform}. */
  boolean has(Bundle bundle, String version, Platform platform) {
    return loader.getResource(base(bundle, version, platform) + Checksums.FILE_NAME) != null;
  }

  /**
   * Writes every file the artifact's {@code SHA256SUMS} names into {@code directory} (uncompressed when the artifact holds
   * it as {@code <name>.xz}, copied otherwise), checking each against its checksum, and makes the executables executable.
   */
  void extract(Bundle bundle, String version, Platform platform, Path directory) throws IOException {
    String base = base(bundle, version, platform);
    byte[] sums = read(base + Checksums.FILE_NAME);
    Checksums checksums;
    try {
      checksums = Checksums.parse(new String(sums, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new MissingBinaryException(describe(bundle, version, platform) + " on the class path has a malformed " + base
          + Checksums.FILE_NAME + " (" + e.getMessage() + "). Replace it (delete it from the local Maven repository).", e);
    }
    for (String name : bundle.required()) {
      if (!checksums.byFile().containsKey(name)) {
        throw new MissingBinaryException(describe(bundle, version, platform) + " on the class path has no checksum for " + name
            + " in " + base + Checksums.FILE_NAME + ": the artifact is incomplete. Replace it (delete it from the local Maven repository).");
      }
    }
    for (String name : new TreeSet<>(checksums.byFile().keySet())) {
      String expected = checksums.byFile().get(name);
      Path target = directory.resolve(name);
      Files.createDirectories(target.getParent());
      MessageDigest digest = Checksums.sha256();
      boolean compressed = loader.getResource(base + name + ".xz") != null;
      try (InputStream stored = open(base + name + (compressed ? ".xz" : ""));
          InputStream in = compressed ? new XZInputStream(stored) : stored;
          OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
        in.transferTo(out);
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(expected)) {
        throw new MissingBinaryException(name + " in " + describe(bundle, version, platform) + " on the class path is corrupt: its"
            + " SHA-256 is " + actual + ", its SHA256SUMS says " + expected + ". Delete the artifact from the local Maven repository so"
            + " that Maven downloads it again.");
      }
      if (bundle.executables().contains(name)) {
        makeExecutable(target);
      }
    }
    Files.write(directory.resolve(Checksums.FILE_NAME), sums);
    for (String notice : NOTICES) {
      URL url = loader.getResource(base + notice);
      if (url != null && !checksums.byFile().containsKey(notice)) {
        try (InputStream in = url.openStream()) {
          Files.copy(in, directory.resolve(notice));
        }
      }
    }
  }

  /** Every {@code <platform>/<bundle>-<version>} the class path holds, sorted. */
  List<String> available() {
    TreeSet<String> entries = new TreeSet<>();
    try {
      for (URL url : Collections.list(loader.getResources(LIST))) {
        try (InputStream in = url.openStream()) {
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).filter(line -> !line.isEmpty())
              .forEach(entries::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(entries);
  }

  static String describe(Bundle bundle, String version, Platform platform) {
    return bundle + " " + version + " for " + platform;
  }

  private static String base(Bundle bundle, String version, Platform platform) {
    return ROOT + platform + "/" + bundle.directoryName(version) + "/";
  }

  private byte[] read(String resource) throws IOException {
    try (InputStream in = open(resource)) {
      return in.readAllBytes();
    }
  }

  private InputStream open(String resource) throws IOException {
    return Optional.ofNullable(loader.getResourceAsStream(resource))
        .orElseThrow(() -> new MissingBinaryException("The class path lacks " + resource + ": the binary artifact is incomplete."
            + " Delete it from the local Maven repository so that Maven downloads it again."));
  }

  private static void makeExecutable(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      if (!file.toFile().setExecutable(true)) {
        throw new IOException("could not make " + file + " executable", e);
      }
    }
  }
}
