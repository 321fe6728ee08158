package io.github.etcdregistry.benchmarks;

import io.github.etcdregistry.benchmarks.ChildJvm.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Sections 4 and 5 of the report, both over the same stored Pods: decoding them on one thread (against Kubernetes' own
 * Go decoder), and reading plus decoding many of them from etcd. The Pods are created first, through kube-apiserver.
 */
final class DecodeSections {

  private static final int CORPUS_PODS = 100;

  private final Config config;
  private final Report report;
  private final Children children;

  DecodeSections(Config config, Report report, Children children) {
    this.config = config;
    this.report = report;
    this.children = children;
  }

  /** Creates the Pods the decode and scan sections read, in {@code file}; false when it failed (then they do not run). */
  boolean corpus(Path file) {
    Outcome outcome = children.scenario("pod corpus", Duration.ofMinutes(5), "corpus", file.toString(),
        String.valueOf(CORPUS_PODS));
    if (!outcome.ok()) {
      children.oursFailed("creating " + CORPUS_PODS + " Pods for the decode and scan measurements",
          outcome.failure() + Children.logHint(outcome));
      return false;
    }
    report.note("**Pods decoded in 4. and 5.**: " + outcome.info().get("pods") + " different Pods created through kube-apiserver "
        + "(shapes of Deployment, StatefulSet and Job replicas: 1–2 containers, init containers, probes, resources, env, volumes, "
        + "affinity, security contexts; the apiserver adds its defaults, tolerations and managedFields) and read from etcd "
        + "with `EtcdRegistry.entries(\"/registry/pods/\")`: protobuf values of " + outcome.info().get("bytes.min") + "–"
        + outcome.info().get("bytes.max") + " bytes, " + outcome.info().get("bytes.average") + " on average.");
    return true;
  }

  void decode(Path corpus) {
    Duration timeout = Duration.ofSeconds(120L + 2L * (config.decodeWarmupSeconds() + config.decodeRounds() * 3L));
    List<String> arguments = List.of(corpus.toString(), String.valueOf(config.decodeWarmupSeconds()),
        String.valueOf(config.decodeRounds()));
    Outcome outcome = children.ours(children.scenario("decode", timeout, "decode", arguments.get(0), arguments.get(1),
        arguments.get(2)), "decode");
    Outcome go = decodeInGo(timeout, arguments);
    String m = "decode (Pods/s, one thread)";
    String cpu = "decode (Pods per CPU-second of the thread)";
    Stats json = Stats.of(outcome.values("json"));
    Stats pod = Stats.of(outcome.values("pod"));
    Stats goWall = Stats.of(go.values("json"));
    Stats goCpu = Stats.of(go.values("json.cpu"));
    for (String measurement : List.of(m, cpu)) {
      String suffix = measurement.equals(m) ? "" : ".cpu";
      Stats peer = measurement.equals(m) ? goWall : goCpu;
      report.result("4", measurement, "`StorageCodec.decode(key, value, modRevision)` → DecodedObject (JSON tree)",
          Stats.of(outcome.values("json" + suffix)), null, throughputRatio(Stats.of(outcome.values("json" + suffix)), peer));
      report.result("4", measurement, "… then `.toJson()` (JSON text)", Stats.of(outcome.values("text" + suffix)), null,
          throughputRatio(Stats.of(outcome.values("text" + suffix)), peer));
      report.result("4", measurement, "… then `.as(Pod.class)` (fabric8 Pod)", Stats.of(outcome.values("pod" + suffix)), null,
          throughputRatio(Stats.of(outcome.values("pod" + suffix)), peer));
      report.result("4", measurement, "Kubernetes' Go decoder: apimachinery protobuf serializer → `*v1.Pod` → `json.Marshal`",
          peer, null, "");
    }
    report.target("decode ≥ 50,000 Pods/s — JSON tree", json == null ? "n/a" : Table.number(json.median()) + " Pods/s",
        json == null ? null : json.median() >= 50_000);
    report.target("decode ≥ 50,000 Pods/s — to fabric8 Pod", pod == null ? "n/a" : Table.number(pod.median()) + " Pods/s",
        pod == null ? null : pod.median() >= 50_000);
    Stats text = Stats.of(outcome.values("text"));
    Stats textCpu = Stats.of(outcome.values("text.cpu"));
    report.target("decode to JSON text ≥ Kubernetes' Go decoder, one thread (per CPU-second; wall clock after the ;)",
        textCpu == null || goCpu == null ? "n/a" : throughputRatio(textCpu, goCpu) + " (" + Table.number(textCpu.median())
            + " / " + Table.number(goCpu.median()) + "); " + throughputRatio(text, goWall),
        textCpu == null || goCpu == null ? null : textCpu.median() >= goCpu.median());
    report.summary("decode stored Pods to a JSON tree, one thread", json, " Pods/s", "", null);
    report.summary("decode stored Pods to JSON text, one thread, per CPU-second", textCpu, " Pods/s",
        "Kubernetes' Go decoder (apimachinery), one goroutine", goCpu);
    report.summary("decode stored Pods to a fabric8 `Pod`, one thread", pod, " Pods/s", "", null);
    report.note("**4. Decode**: one thread, in one JVM; " + config.decodeWarmupSeconds() + " s warm-up per variant, then "
        + config.decodeRounds() + " rounds of ~1 s cycling through the stored Pods, each round reporting Pods/s (n = rounds). "
        + "The \"cold\" column is the first round after warm-up. The thread is not pinned: the JVM's JIT and GC threads may "
        + "use the other CPUs. The peer is Kubernetes' own decoding (what kube-apiserver and auger run), built by "
        + "benchmarks/scripts/build-go-decoder from the Go module proxy with k8s.io/api, apimachinery and client-go of the same "
        + "Kubernetes version (benchmarks/peer-go-decoder): the same stored values, `protobuf.NewSerializer(scheme.Scheme, "
        + "scheme.Scheme).Decode` into a `*v1.Pod`, apiVersion, kind and resourceVersion set as the apiserver does on read, "
        + "then `json.Marshal`, on one goroutine locked to its thread (Go's collector may use the other CPUs); the ratio "
        + "column is ours / Go's. Pods per CPU-second divide by the CPU time of the decoding thread alone (Java's "
        + "`ThreadMXBean`, Linux `RUSAGE_THREAD` in Go), so they hold still when other work shares the machine; the "
        + "collectors' own threads are left out on both sides.");
  }

  void scan(Path corpus) {
    Outcome outcome = children.ours(children.scenario("scan", Duration.ofMinutes(10), "scan", corpus.toString(),
        String.valueOf(config.scanKeys()), String.valueOf(config.scanRuns())), "scan + decode");
    Stats scan = Stats.of(outcome.values("scan"));
    String keys = String.format(java.util.Locale.ROOT, "%,d", config.scanKeys());
    report.result("5", "scan + decode of " + keys + " Pods (ms)", "`EtcdRegistry.entries(\"/registry/pods/\")` + `decode()` of each",
        scan, null, "");
    report.result("5", "… of which (ms)", "`entries(...)`: reading from etcd", Stats.of(outcome.values("read")), null, "");
    report.result("5", "… of which (ms)", "`decode()` of every entry", Stats.of(outcome.values("decode")), null, "");
    report.target("scan + decode of " + keys + " keys ≤ 1 s", scan == null ? "n/a" : Table.number(scan.median()) + " ms",
        scan == null ? null : scan.median() <= 1000);
    report.summary("read + decode " + keys + " Pods from etcd over mutual TLS", scan, " ms", "", null);
    report.note("**5. Scan + decode**: etcd-registry's etcd (process backend, mTLS) holding " + keys + " Pods, copies of the "
        + "stored Pods above renamed by re-encoding their protobuf with client-java-proto (" + outcome.info().getOrDefault("bytes.total", "?")
        + " bytes in all), written with jetcd puts; then " + config.scanRuns() + " times, in one JVM, the registry's "
        + "page-by-page read (up to 500 entries and about 2 MiB per page, one revision) plus `RegistryEntry.decode()` of every entry.");
  }

  /** Kubernetes' Go decoder on the same corpus: series json (Pods/s) and json.cpu; none when it is not built or failed. */
  private Outcome decodeInGo(Duration timeout, List<String> arguments) {
    if (config.goDecoder().isEmpty()) {
      report.problem("Kubernetes' Go decoder: no binary (BENCHMARK_GO_DECODER); benchmarks/scripts/build-go-decoder builds it");
      return Children.notRun("no binary");
    }
    System.err.println("benchmark: decode go ...");
    Outcome outcome = children.executable("decode go", config.goDecoder().get(), arguments, timeout);
    if (!outcome.ok()) {
      report.problem("Kubernetes' Go decoder: " + outcome.failure() + Children.logHint(outcome));
    }
    return outcome;
  }

  /** Ours over the peer's throughput: above 1 is faster. */
  private static String throughputRatio(Stats ours, Stats peer) {
    return ours == null || peer == null ? "" : Table.ratio(ours.median() / peer.median()) + " Go";
  }
}
