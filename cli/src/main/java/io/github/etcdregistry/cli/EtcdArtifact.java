package io.github.etcdregistry.cli;

import io.github.etcdregistry.binaries.Binaries;
import io.github.etcdregistry.binaries.Bundle;
import io.github.etcdregistry.binaries.Platform;
import io.github.etcdregistry.controlplane.DefaultVersions;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * etcd and etcdutl for {@code snapshot-audit} on a machine that has neither, such as a control-plane node where etcd runs
 * as a static Pod. The runnable jar is the same for every platform and does not carry them (etcd's artifact is 14–17 MB
 * per platform); at first use it takes etcd's binary artifact of this platform
 * ({@code io.github.etcdregistry.binaries:etcd-linux-amd64}) from the local Maven repository, else from a Maven
 * repository (Maven Central by default), checks the download against the repository's SHA-1, and extracts it into the
 * cache the library uses, where each binary is checked against the artifact's {@code SHA256SUMS}. Later runs find them
 * there. Settings that name both binaries ({@code ETCDREGISTRY_ETCD_BINARY}, {@code ETCDREGISTRY_ETCDUTL}) need none of it.
 */
final class EtcdArtifact {

  static final String CENTRAL = "https://repo1.maven.org/maven2/";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private final Settings settings;
  private final URI repository;
  private final PrintWriter log;

  EtcdArtifact(Settings settings, URI repository, PrintWriter log) {
    this.settings = settings;
    this.repository = repository.toString().endsWith("/") ? repository : URI.create(repository + "/");
    this.log = log;
  }

  /** Makes etcd's bundle of this platform available in the cache, unless settings name both binaries or it is there. */
  void ensure() {
    if (settings.get(Setting.ETCD_BINARY).isPresent() && settings.get(Setting.ETCDUTL).isPresent()) {
      return;
    }
    String version = DefaultVersions.ETCD;
    Platform platform = Platform.current();
    Path cache = settings.cacheDirectory();
    if (new Binaries(cache).has(Bundle.ETCD, version, platform)) {
      return;
    }
    String coordinates = Bundle.ETCD.artifact(version, platform);
    String path = repositoryPath(coordinates);
    Path local = localRepository().resolve(path);
    if (Files.isRegularFile(local)) {
      extract(local, cache, version, platform);
      return;
    }
    URI remote = repository.resolve(path);
    log.println("etcd-registry: etcd " + version + " for " + platform + " is not in " + cache + "; fetching " + coordinates + " from "
        + repository + " (once: later runs use the cache)");
    log.flush();
    try {
      Files.createDirectories(cache);
      Path download = Files.createTempFile(cache, ".etcd-", ".jar");
      try {
        download(remote, download);
        extract(download, cache, version, platform);
      } finally {
        Files.deleteIfExists(download);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not fetch etcd for snapshot-audit: " + remote + ": " + e.getMessage() + ". Point"
          + " --maven-repository at a repository that has " + coordinates + ", put its jar into " + local.getParent() + ", or set"
          + " ETCDREGISTRY_ETCD_BINARY and ETCDREGISTRY_ETCDUTL to etcd's and etcdutl's paths", e);
    }
  }

  /** {@code io/github/etcdregistry/binaries/etcd-linux-amd64/3.6.16/etcd-linux-amd64-3.6.16.jar}. */
  static String repositoryPath(String coordinates) {
    String[] gav = coordinates.split(":");
    return gav[0].replace('.', '/') + "/" + gav[1] + "/" + gav[2] + "/" + gav[1] + "-" + gav[2] + ".jar";
  }

  private Path localRepository() {
    return settings.systemProperty("maven.repo.local").map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".m2", "repository"));
  }

  private static void download(URI remote, Path target) throws IOException {
    MessageDigest sha1 = sha1();
    try (InputStream in = open(remote); OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha1)) {
      in.transferTo(out);
    }
    String expected;
    try (InputStream in = open(URI.create(remote + ".sha1"))) {
      expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip().split("\\s+")[0];
    }
    String actual = HexFormat.of().formatHex(sha1.digest());
    if (!actual.equalsIgnoreCase(expected)) {
      throw new IOException("its SHA-1 is " + actual + ", the repository says " + expected);
    }
  }

  private static InputStream open(URI uri) throws IOException {
    URLConnection connection = uri.toURL().openConnection();
    connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
    return connection.getInputStream();
  }

  private static void extract(Path artifact, Path cache, String version, Platform platform) {
    // a loader of its own, without a parent: it sees this artifact's bundle, not the class path's
    try (URLClassLoader loader = new URLClassLoader(new URL[] {artifact.toUri().toURL()}, null)) {
      new Binaries(cache, loader).directory(Bundle.ETCD, version, platform);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-1", e);
    }
  }
}
