package io.github.etcdregistry.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What to run and how often: system properties {@code benchmarks.*} (set by the harness pom), binaries and images from ETCDREGISTRY_*. */
record Config(
    int etcdRuns,
    int apiServerRuns,
    int reuseRuns,
    int decodeRounds,
    int decodeWarmupSeconds,
    int scanRuns,
    int scanKeys,
    int heapRuns,
    int scaleRuns,
    int scaleValues,
    int scaleValueBytes,
    int nodesRuns,
    Set<String> only,
    List<String> childJvmArgs,
    Path results,
    Path workDirectory,
    Path kindcontainerTarget,
    Path kubeApiTestTarget,
    String command,
    Optional<Path> kubectl,
    Optional<Path> goDecoder,
    Optional<Path> etcdBinary,
    Optional<Path> kubeApiServerBinary,
    Optional<String> etcdImage,
    Optional<String> kubeApiServerImage) {

  static final Set<String> SECTIONS = Set.of("etcd", "apiserver", "reuse", "decode", "scan", "heap", "scale", "nodes");

  static Config fromSystem() {
    Set<String> only = Arrays.stream(property("benchmarks.only", String.join(",", SECTIONS)).split(","))
        .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    if (!SECTIONS.containsAll(only)) {
      throw new IllegalArgumentException("benchmarks.only takes some of " + SECTIONS + ", was " + only);
    }
    Path work = Path.of(property("benchmarks.work.dir", "target")).toAbsolutePath().normalize();
    return new Config(
        integer("benchmarks.etcd.runs", 10),
        integer("benchmarks.apiserver.runs", 5),
        integer("benchmarks.reuse.runs", 5),
        integer("benchmarks.decode.rounds", 5),
        integer("benchmarks.decode.warmup.seconds", 5),
        integer("benchmarks.scan.runs", 5),
        integer("benchmarks.scan.keys", 10_000),
        integer("benchmarks.heap.runs", 3),
        integer("benchmarks.scale.runs", 3),
        integer("benchmarks.scale.values", 10_000),
        integer("benchmarks.scale.value.bytes", 10 * 1024),
        integer("benchmarks.nodes.runs", 5),
        only,
        Arrays.stream(property("benchmarks.child.jvm.args", "").split("\\s+")).filter(s -> !s.isBlank()).toList(),
        Path.of(property("benchmarks.results", work.resolve("results.md").toString())).toAbsolutePath().normalize(),
        work,
        Path.of(property("benchmarks.peer.kindcontainer", work.resolve("../peer-kindcontainer/target").toString())).normalize(),
        Path.of(property("benchmarks.peer.kube-api-test", work.resolve("../peer-kube-api-test/target").toString())).normalize(),
        property("benchmarks.command", "scripts/benchmark"),
        setting("benchmarks.kubectl", "BENCHMARK_KUBECTL").map(Path::of).filter(Files::isExecutable),
        setting("benchmarks.go-decoder", "BENCHMARK_GO_DECODER").map(Path::of).filter(Files::isExecutable),
        setting("etcdregistry.etcd.binary", "ETCDREGISTRY_ETCD_BINARY").map(Path::of),
        setting("etcdregistry.kube-apiserver.binary", "ETCDREGISTRY_KUBE_APISERVER_BINARY").map(Path::of),
        setting("etcdregistry.etcd.image", "ETCDREGISTRY_ETCD_IMAGE"),
        setting("etcdregistry.kube-apiserver.image", "ETCDREGISTRY_KUBE_APISERVER_IMAGE"));
  }

  /** The one-minute load average per CPU above which the benchmark does not start (after waiting for it to fall). */
  static double maxLoadPerCpu() {
    return Double.parseDouble(property("benchmarks.max.load.per.cpu", "0.25"));
  }

  boolean runs(String section) {
    return only.contains(section);
  }

  private static String property(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() || value.startsWith("${") ? fallback : value.strip();
  }

  private static int integer(String name, int fallback) {
    int value = Integer.parseInt(property(name, String.valueOf(fallback)));
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
    return value;
  }

  private static Optional<String> setting(String property, String environment) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(environment);
    }
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }
}
