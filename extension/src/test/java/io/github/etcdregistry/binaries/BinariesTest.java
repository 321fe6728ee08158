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
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Binaries come from the cache, else from an artifact on the class path, extracted once, whole and checked. */
class BinariesTest {

  private static final Platform PLATFORM = Platform.LINUX_AMD64;
  private static final String VERSION = "v1.37.2";
  private static final String KWOK_VERSION = "v0.8.0";

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
  void kwokIsExtractedWithItsStagesEachCheckedAndOnlyTheExecutableMadeExecutable() throws IOException {
    Binaries binaries = new Binaries(cache, artifact(Bundle.KWOK, KWOK_VERSION, "#!/bin/sh\necho kwok\n", Set.of(), Set.of()));

    List<Path> stages = binaries.files(Bundle.KWOK, KWOK_VERSION, PLATFORM);

    Path directory = cache.resolve("linux-amd64/kwok-v0.8.0");
    assertThat(binaries.directory(Bundle.KWOK, KWOK_VERSION, PLATFORM)).isEqualTo(directory);
    assertThat(stages).containsExactly(directory.resolve("stages/node-initialize.yaml"),
        directory.resolve("stages/node-heartbeat-with-lease.yaml"), directory.resolve("stages/pod-ready.yaml"),
        directory.resolve("stages/pod-complete.yaml"), directory.resolve("stages/pod-delete.yaml"));
    for (Path stage : stages) {
      assertThat(stage).hasContent("kind: Stage # " + directory.relativize(stage).toString().replace('\\', '/'));
      assertThat(Files.getPosixFilePermissions(stage)).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
    }
    assertThat(directory.resolve("stages/LICENSE")).as("named by SHA256SUMS though the bundle does not need it").hasContent("Apache License");
    assertThat(binaries.executable(Bundle.KWOK, "kwok", KWOK_VERSION, PLATFORM)).isExecutable().hasContent("#!/bin/sh\necho kwok");
    assertThat(binaries.file(Bundle.KWOK, "stages/pod-ready.yaml", KWOK_VERSION, PLATFORM))
        .isEqualTo(directory.resolve("stages/pod-ready.yaml"));
    assertThatThrownBy(() -> binaries.file(Bundle.KWOK, "stages/LICENSE", KWOK_VERSION, PLATFORM))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("kwok holds the files [stages/node-initialize.yaml,");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aStageThatDoesNotMatchItsChecksumIsRefusedAndNothingIsLeftInTheCache() throws IOException {
    Binaries binaries = new Binaries(cache, artifact(Bundle.KWOK, KWOK_VERSION, "#!/bin/sh\n", Set.of("stages/pod-ready.yaml"), Set.of()));

    assertThatThrownBy(() -> binaries.files(Bundle.KWOK, KWOK_VERSION, PLATFORM))
        .isInstanceOf(MissingBinaryException.class)
        .hasMessageContaining("stages/pod-ready.yaml in kwok v0.8.0 for linux-amd64 on the class path is corrupt");
    assertThat(cache.resolve("linux-amd64/kwok-v0.8.0")).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void anEditedStageInTheCacheIsReplacedFromTheArtifact() throws IOException {
    Binaries binaries = new Binaries(cache, artifact(Bundle.KWOK, KWOK_VERSION, "#!/bin/sh\n", Set.of(), Set.of()));
    Path stage = binaries.file(Bundle.KWOK, "stages/pod-complete.yaml", KWOK_VERSION, PLATFORM);
    Files.writeString(stage, "kind: Stage # edited\n");

    assertThat(binaries.has(Bundle.KWOK, KWOK_VERSION, PLATFORM)).isTrue();
    assertThat(binaries.file(Bundle.KWOK, "stages/pod-complete.yaml", KWOK_VERSION, PLATFORM))
        .hasContent("kind: Stage # stages/pod-complete.yaml");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void anArtifactWhoseChecksumsLackAStageTheBundleNeedsIsIncomplete() throws IOException {
    Binaries binaries = new Binaries(cache, artifact(Bundle.KWOK, KWOK_VERSION, "#!/bin/sh\n", Set.of(), Set.of("stages/pod-delete.yaml")));

    assertThatThrownBy(() -> binaries.executable(Bundle.KWOK, "kwok", KWOK_VERSION, PLATFORM))
        .isInstanceOf(MissingBinaryException.class)
        .hasMessageContaining("kwok v0.8.0 for linux-amd64 on the class path has no checksum for stages/pod-delete.yaml")
        .hasMessageContaining("the artifact is incomplete");
    assertThat(cache.resolve("linux-amd64/kwok-v0.8.0")).doesNotExist();
  }

  @Test
  void aChecksumFileThatNamesAPathOutsideTheBundleIsRefusedBeforeAnythingIsWritten() throws IOException {
    ClassLoader loader = artifact(Bundle.KWOK, KWOK_VERSION, "#!/bin/sh\n", Set.of(), Set.of());
    Path sums = artifact.resolve("META-INF/etcd-registry/binaries/linux-amd64/kwok-v0.8.0/SHA256SUMS");
    Files.writeString(sums, Files.readString(sums) + "0".repeat(64) + "  ../../escaped\n");
    Binaries binaries = new Binaries(cache, loader);

    assertThatThrownBy(() -> binaries.executable(Bundle.KWOK, "kwok", KWOK_VERSION, PLATFORM))
        .isInstanceOf(MissingBinaryException.class)
        .hasMessageContaining("has a malformed META-INF/etcd-registry/binaries/linux-amd64/kwok-v0.8.0/SHA256SUMS")
        .hasMessageContaining("not a path inside the bundle: '../../escaped'");
    assertThat(cache.resolve("escaped")).doesNotExist();
    assertThat(cache.resolve("linux-amd64/kwok-v0.8.0")).doesNotExist();
    for (String outside : List.of("/etc/passwd", "stages//x.yaml", "./kwok", "stages/../../x", "C:\\x")) {
      assertThatThrownBy(() -> Checksums.parse("0".repeat(64) + "  " + outside)).as(outside).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void whatControlPlaneBuildLeftForKwokCountsOnlyWithEveryStage() throws IOException {
    Path directory = Files.createDirectories(cache.resolve("linux-amd64/kwok-v0.8.0/stages"));
    Path executable = Files.writeString(directory.resolveSibling("kwok"), "#!/bin/sh\n");
    executable.toFile().setExecutable(true);
    StringBuilder sums = new StringBuilder(Checksums.sha256(executable) + "  kwok\n");
    for (String name : Bundle.KWOK.files()) {
      Path stage = Files.writeString(directory.resolveSibling(name), "kind: Stage\n");
      sums.append(Checksums.sha256(stage)).append("  ").append(name).append('\n');
    }
    Files.writeString(directory.resolveSibling("SHA256SUMS"), sums);
    Binaries binaries = new Binaries(cache, new URLClassLoader(new URL[0], null));

    assertThat(binaries.has(Bundle.KWOK, KWOK_VERSION, PLATFORM)).isTrue();
    Files.delete(directory.resolve("pod-delete.yaml"));
    assertThat(binaries.has(Bundle.KWOK, KWOK_VERSION, PLATFORM)).isFalse();
    assertThat(binaries.whyMissing(Bundle.KWOK, KWOK_VERSION, PLATFORM)).hasValueSatisfying(message -> assertThat(message)
        .contains("Add the test dependency io.github.etcdregistry.binaries:kwok:0.8.0 (<type>pom</type>")
        .contains("or io.github.etcdregistry.binaries:kwok-linux-amd64:0.8.0 for this platform alone"));
  }

  @Test
  void kubeSchedulerIsAKubernetesBundleAndKwokAFamilyOfItsOwn() {
    assertThat(Bundle.of("kube-scheduler")).isEqualTo(Bundle.KUBE_SCHEDULER);
    assertThat(Bundle.KUBE_SCHEDULER.familyArtifact(VERSION)).isEqualTo("io.github.etcdregistry.binaries:kubernetes:1.37.2");
    assertThat(Bundle.KUBE_SCHEDULER.artifact(VERSION, PLATFORM))
        .isEqualTo("io.github.etcdregistry.binaries:kube-scheduler-linux-amd64:1.37.2");
    assertThat(Bundle.of("kwok")).isEqualTo(Bundle.KWOK);
    assertThat(Bundle.KWOK.familyArtifact(KWOK_VERSION)).isEqualTo("io.github.etcdregistry.binaries:kwok:0.8.0");
    assertThat(Bundle.KWOK.artifact(KWOK_VERSION, new Platform("darwin", "arm64")))
        .isEqualTo("io.github.etcdregistry.binaries:kwok-darwin-arm64:0.8.0");
    assertThat(Bundle.ETCD.files()).isEmpty();
  }

  /** {@code KWOK_STAGES=(node/fast/node-initialize.yaml ...)} in control-plane/build: each is copied to stages/<file name>. */
  @Test
  void kwoksStagesAreTheOnesControlPlaneBuildCopies() throws IOException {
    Matcher matcher = Pattern.compile("(?m)^KWOK_STAGES=\\(([^)]*)\\)").matcher(Files.readString(Path.of("..", "control-plane", "build")));
    assertThat(matcher.find()).as("KWOK_STAGES in control-plane/build").isTrue();
    List<String> copied = Stream.of(matcher.group(1).trim().split("\\s+")).map(path -> "stages/" + path.substring(path.lastIndexOf('/') + 1))
        .toList();

    assertThat(Bundle.KWOK.files()).containsExactlyElementsOf(copied);
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
    return artifact(bundle, VERSION, content, wrongChecksum ? Set.copyOf(bundle.executables()) : Set.of(), Set.of());
  }

  /**
   * An artifact of {@code bundle}: each executable holding {@code content}, xz-compressed; each of its other files
   * ({@code stages/pod-ready.yaml}) holding {@code kind: Stage # <path>} as it is, and a {@code stages/LICENSE} too when
   * it has any. SHA256SUMS names them all, except those in {@code unlisted}, with a wrong checksum for those in
   * {@code corrupt}.
   */
  private ClassLoader artifact(Bundle bundle, String version, String content, Set<String> corrupt, Set<String> unlisted) throws IOException {
    Path inside = Files.createDirectories(artifact.resolve("META-INF/etcd-registry/binaries/linux-amd64/" + bundle.directoryName(version)));
    StringBuilder sums = new StringBuilder();
    List<String> others = new ArrayList<>(bundle.files());
    if (!others.isEmpty()) {
      others.add("stages/LICENSE");
    }
    for (String name : Stream.concat(bundle.executables().stream(), others.stream()).toList()) {
      boolean executable = bundle.executables().contains(name);
      byte[] bytes = (executable ? content : name.equals("stages/LICENSE") ? "Apache License\n" : "kind: Stage # " + name + "\n")
          .getBytes(StandardCharsets.UTF_8);
      Path file = inside.resolve(name + (executable ? ".xz" : ""));
      Files.createDirectories(file.getParent());
      try (OutputStream out = executable ? new XZOutputStream(Files.newOutputStream(file), new LZMA2Options())
          : Files.newOutputStream(file)) {
        out.write(bytes);
      }
      byte[] hashed = corrupt.contains(name) ? "something else".getBytes(StandardCharsets.UTF_8) : bytes;
      if (!unlisted.contains(name)) {
        sums.append(HexFormat.of().formatHex(Checksums.sha256().digest(hashed))).append("  ").append(name).append('\n');
      }
    }
    Files.writeString(inside.resolve("SHA256SUMS"), sums);
    Files.writeString(inside.resolve("LICENSE"), "Apache License\n");
    Files.writeString(artifact.resolve("META-INF/etcd-registry/binaries.list"), "linux-amd64/" + bundle.directoryName(version) + "\n");
    return new URLClassLoader(new URL[] {artifact.toUri().toURL()}, null);
  }
}
