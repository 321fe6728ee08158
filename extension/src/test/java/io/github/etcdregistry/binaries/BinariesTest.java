package io.github.etcdregistry.binaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Binaries come from the cache, else from an artifact on the class path, extracted once, whole and checked. */
class BinariesTest {

  private static final Platform PLATFORM = Platform.LINUX_AMD64;
  private static final String VERSION = "v1.37.2";

  @TempDir
  Path cache;

  @TempDir
  Path artifact;

  @Test
  void anArtifactIsExtractedIntoThePlatformsCacheOnceAndRunsFromThere() throws IOException {
    Binaries binaries = new Binaries(cache, artifact(Bundle.KUBE_APISERVER, "kube-apiserver", "#!/bin/sh\necho v1.37.2\n", false));

    Path executable = binaries.executable(Bundle.KUBE_APISERVER, "kube-apiserver", VERSION, PLATFORM);

    assertThat(executable).isEqualTo(cache.resolve("linux-amd64/kube-apiserver-v1.37.2/kube-apiserver")).isExecutable()
        .hasContent("#!/bin/sh\necho v1.37.2");
    assertThat(executable.resolveSibling("LICENSE")).hasContent("Apache License");
    FileTime extracted = Files.getLastModifiedTime(executable);
    assertThat(binaries.executable(Bundle.KUBE_APISERVER, "kube-apiserver", VERSION, PLATFORM)).isEqualTo(executable);
    assertThat(Files.getLastModifiedTime(executable)).as("not extracted a second time").isEqualTo(extracted);
    assertThat(leftovers()).as("no temporary directories").isEmpty();
  }

  @Test
  void aCorruptedCacheEntryIsReplacedFromTheArtifact() throws IOException {
    Binaries binaries = new Binaries(cache, artifact(Bundle.KUBE_APISERVER, "kube-apiserver", "#!/bin/sh\necho good\n", false));
    Path executable = binaries.executable(Bundle.KUBE_APISERVER, "kube-apiserver", VERSION, PLATFORM);
    Files.writeString(executable, "#!/bin/sh\necho evil\n");

    assertThat(binaries.executable(Bundle.KUBE_APISERVER, "kube-apiserver", VERSION, PLATFORM)).hasContent("#!/bin/sh\necho good");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void whatControlPlaneBuildLeftInTheCacheIsUsedWithoutAnyArtifact() throws IOException {
    Path directory = Files.createDirectories(cache.resolve("linux-amd64/etcd-v3.6.16"));
    StringBuilder sums = new StringBuilder();
    for (String name : Bundle.ETCD.executables()) {
      Path file = Files.writeString(directory.resolve(name), "#!/bin/sh\necho " + name + "\n");
      file.toFile().setExecutable(true);
      sums.append(Checksums.sha256(file)).append("  ").append(name).append('\n');
    }
    Files.writeString(directory.resolve("SHA256SUMS"), sums);

    Binaries binaries = new Binaries(cache, new URLClassLoader(new URL[0], null));
    assertThat(binaries.has(Bundle.ETCD, "v3.6.16", PLATFORM)).isTrue();
    assertThat(binaries.executable(Bundle.ETCD, "etcdutl", "v3.6.16", PLATFORM)).isEqualTo(directory.resolve("etcdutl"));
  }

  @Test
  void anArtifactWhoseExecutableDoesNotMatchItsChecksumIsRefusedAndNothingIsLeftInTheCache() throws IOException {
    Binaries binaries = new Binaries(cache, artifact(Bundle.KUBE_APISERVER, "kube-apiserver", "#!/bin/sh\n", true));

    assertThatThrownBy(() -> binaries.executable(Bundle.KUBE_APISERVER, "kube-apiserver", VERSION, PLATFORM))
        .isInstanceOf(MissingBinaryException.class)
        .hasMessageContaining("kube-apiserver in kube-apiserver v1.37.2 for linux-amd64 on the class path is corrupt")
        .hasMessageContaining("Delete the artifact from the local Maven repository");
    assertThat(cache.resolve("linux-amd64/kube-apiserver-v1.37.2")).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aMissingBinaryNamesTheDependencyThatBringsItAndWhatTheClassPathHolds() throws IOException {
    Binaries binaries = new Binaries(cache, artifact(Bundle.ETCD, "etcd", "#!/bin/sh\n", false));

    assertThatThrownBy(() -> binaries.executable(Bundle.KUBE_CONTROLLER_MANAGER, "kube-controller-manager", "v1.36.3", PLATFORM))
        .isInstanceOf(MissingBinaryException.class)
        .hasMessage("kube-controller-manager v1.36.3 for linux-amd64 is neither in the cache ("
            + cache.resolve("linux-amd64/kube-controller-manager-v1.36.3") + ") nor in a binary artifact on the class path (which holds"
            + " linux-amd64/etcd-v1.37.2). Add the test dependency io.github.etcdregistry.binaries:kubernetes:1.36.3 (<type>pom</type>:"
            + " it brings the binaries of the platform Maven runs on), or"
            + " io.github.etcdregistry.binaries:kube-controller-manager-linux-amd64:1.36.3 for this platform alone.");
  }

  @Test
  void threadsThatAskAtOnceGetOneExtraction() throws Exception {
    Binaries binaries = new Binaries(cache, artifact(Bundle.KUBE_APISERVER, "kube-apiserver", "#!/bin/sh\n", false));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Path>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> binaries.executable(Bundle.KUBE_APISERVER, "kube-apiserver", VERSION, PLATFORM));
      }
      for (Future<Path> result : pool.invokeAll(calls)) {
        assertThat(result.get()).isExecutable();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void platformsAreNamedAsGoNamesThem() {
    assertThat(Platform.fromJava("Linux", "amd64")).hasToString("linux-amd64");
    assertThat(Platform.fromJava("Linux", "aarch64")).hasToString("linux-arm64");
    assertThat(Platform.fromJava("Mac OS X", "x86_64")).hasToString("darwin-amd64");
    assertThat(Platform.fromJava("Mac OS X", "aarch64")).hasToString("darwin-arm64");
    assertThat(Platform.linux("x86_64")).isEqualTo(Platform.LINUX_AMD64);
  }

  /** Temporary, broken or lock files left in the platform's directory. */
  private List<Path> leftovers() throws IOException {
    Path platform = cache.resolve(PLATFORM.toString());
    if (!Files.isDirectory(platform)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(platform)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".tmp") || file.getFileName().toString().endsWith(".broken"))
          .toList();
    }
  }

  /** A class loader holding one binary artifact laid out as control-plane/package lays it out. */
  private ClassLoader artifact(Bundle bundle, String executable, String content, boolean wrongChecksum) throws IOException {
    Path inside = Files.createDirectories(artifact.resolve("META-INF/etcd-registry/binaries/linux-amd64/" + bundle.directoryName(VERSION)));
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    StringBuilder sums = new StringBuilder();
    for (String name : bundle.executables()) {
      try (OutputStream out = new XZOutputStream(Files.newOutputStream(inside.resolve(name + ".xz")), new LZMA2Options())) {
        out.write(bytes);
      }
      byte[] hashed = wrongChecksum ? "something else".getBytes(StandardCharsets.UTF_8) : bytes;
      sums.append(HexFormat.of().formatHex(Checksums.sha256().digest(hashed))).append("  ").append(name).append('\n');
    }
    Files.writeString(inside.resolve("SHA256SUMS"), sums);
    Files.writeString(inside.resolve("LICENSE"), "Apache License\n");
    Files.writeString(artifact.resolve("META-INF/etcd-registry/binaries.list"), "linux-amd64/" + bundle.directoryName(VERSION) + "\n");
    return new URLClassLoader(new URL[] {artifact.toUri().toURL()}, null);
  }
}
