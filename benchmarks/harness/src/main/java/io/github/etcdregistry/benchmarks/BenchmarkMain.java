package io.github.etcdregistry.benchmarks;

import io.github.etcdregistry.benchmarks.ChildJvm.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coordinator: runs every measurement in a fresh child JVM (same options for every subject, each peer on the
 * classpath its own users get), then prints one Markdown report of medians, ratios and targets, and writes it to
 * {@code benchmarks/target/results.md}. Run it with {@code scripts/benchmark}.
 *
 * <p>Long because each section keeps its method note beside its figures, so a reader of the report finds how a row
 * was measured in the same place as the code that measured it.
 */
public final class BenchmarkMain {

  private static final String SCENARIO = "io.github.etcdregistry.benchmarks.child.Scenario";
  private static final String KINDCONTAINER_MAIN = "io.github.etcdregistry.benchmarks.peers.KindcontainerStart";
  private static final String KUBE_API_TEST_MAIN = "io.github.etcdregistry.benchmarks.peers.KubeApiTestStart";
  private static final int CORPUS_PODS = 100;

  private final Config config;
  private final Report report = new Report();
  private final List<String> harnessClasspath = Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
  private final Path logs;
  private boolean oursFailed;

  private BenchmarkMain(Config config) {
    this.config = config;
    this.logs = config.workDirectory().resolve("benchmark-logs");
  }

  public static void main(String[] args) throws IOException {
    // Maven's exec:exec does not stop this JVM when Maven itself is stopped: follow it, so that the shutdown hooks
    // stop the running measurement and remove what it started.
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
      System.err.println("benchmark: the parent process ended; stopping");
      System.exit(130);
    }));
    Config config = Config.fromSystem();
    try {
      LoadGate.awaitQuietMachine(Config.maxLoadPerCpu(), Duration.ofMinutes(3));
    } catch (IllegalStateException | InterruptedException e) {
      System.err.println("benchmark: " + e.getMessage());
      System.exit(2);
    }
    BenchmarkMain benchmark = new BenchmarkMain(config);
    String markdown = benchmark.run();
    Files.createDirectories(config.results().getParent());
    Files.writeString(config.results(), markdown, StandardCharsets.UTF_8);
    System.out.println(markdown);
    System.err.println("benchmark: written to " + config.results() + " (child logs in " + benchmark.logs + ")");
    System.exit(benchmark.oursFailed ? 1 : 0);
  }

  private String run() {
    String loadBefore = loadAverage();
    header();
    try (LocalImages images = new LocalImages()) {
      String peerEtcdImage = null;
      String peerEtcdImageProblem = null;
      if (config.runs("etcd") || config.runs("apiserver")) {
        try {
          String base = config.etcdImage().orElseThrow(() -> new IllegalStateException(
              "ETCDREGISTRY_ETCD_IMAGE is not set (eval \"$(control-plane/build)\" sets it)"));
          peerEtcdImage = images.etcdWithOfficialLayout(base);
        } catch (RuntimeException e) {
          peerEtcdImageProblem = e.getMessage();
        }
      }
      if (config.runs("etcd")) {
        etcd(peerEtcdImage, peerEtcdImageProblem);
      }
      if (config.runs("apiserver")) {
        apiServer(peerEtcdImage, peerEtcdImageProblem);
      }
      if (config.runs("reuse")) {
        reuse();
      }
      Path corpus = config.workDirectory().resolve("pod-corpus.bin");
      boolean corpusReady = (!config.runs("decode") && !config.runs("scan")) || corpus(corpus);
      if (config.runs("decode") && corpusReady) {
        decode(corpus);
      }
      if (config.runs("scan") && corpusReady) {
        scan(corpus);
      }
      if (config.runs("heap")) {
        heap();
      }
      if (config.runs("scale")) {
        scale();
      }
      List<String> peerImages = new ArrayList<>();
      if (peerEtcdImage != null) {
        peerImages.add(peerEtcdImage);
      }
      config.kubeApiServerImage().ifPresent(peerImages::add);
      List<String> leftovers = peerImages.isEmpty() ? List.of() : images.removeLeftoverPeerContainers(peerImages);
      if (!leftovers.isEmpty()) {
        report.problem("containers a peer left behind, removed now: " + String.join(", ", leftovers));
      }
    }
    report.header("Load average before / after: " + loadBefore + " / " + loadAverage()
        + " (other work on the machine makes every figure slower and noisier)");
    return report.markdown();
  }

  // ---------------------------------------------------------------------------------------------- 1. etcd

  private void etcd(String peerImage, String peerImageProblem) {
    int n = config.etcdRuns();
    Duration timeout = Duration.ofSeconds(60L + 90L * n);
    Outcome process = ours(child("etcd ours process", harnessClasspath, SCENARIO, timeout, "etcd", "PROCESS", n), "etcd, process backend");
    Outcome container = ours(child("etcd ours container", harnessClasspath, SCENARIO, timeout, "etcd", "CONTAINER", n),
        "etcd, container backend");
    String launcher = "jetcd-launcher " + version(harnessClasspath, "jetcd-launcher");
    Outcome jetcd = peerImage == null ? notRun(peerImageProblem)
        : child("etcd jetcd-launcher", harnessClasspath, SCENARIO, timeout, "etcd-jetcd-launcher", peerImage, n);
    if (!jetcd.ok()) {
      report.problem(launcher + " (io.etcd:jetcd-launcher, Testcontainers " + version(harnessClasspath, "testcontainers") + "): "
          + jetcd.failure() + logHint(jetcd));
    }
    Stats jetcdStart = Stats.of(jetcd.values("start"));
    String m = "etcd ready (ms)";
    report.result("1", m, "**etcd-registry, process backend** (mTLS)", Stats.of(process.values("start")),
        Stats.of(process.values("close")), ratioText(process, jetcdStart, "jetcd-launcher"));
    report.result("1", m, "**etcd-registry, container backend** (mTLS)", Stats.of(container.values("start")),
        Stats.of(container.values("close")), ratioText(container, jetcdStart, "jetcd-launcher"));
    report.result("1", m, launcher + ", container (plain HTTP)", jetcdStart, Stats.of(jetcd.values("close")),
        jetcdStart == null ? "" : "reference");
    summary("etcd ready, mutual TLS, process backend (n = " + n + ")", Stats.of(process.values("start")), " ms",
        launcher + ", plain HTTP", jetcdStart);
    summary("etcd ready, mutual TLS, container backend (n = " + n + ")", Stats.of(container.values("start")), " ms",
        launcher + ", plain HTTP", jetcdStart);
    target("etcd with mTLS ready ≤ 0.6× jetcd-launcher — process backend", Stats.of(process.values("start")), jetcdStart, 0.6);
    target("etcd with mTLS ready ≤ 0.6× jetcd-launcher — container backend", Stats.of(container.values("start")), jetcdStart, 0.6);
    report.note("**1. etcd ready**: " + n + " starts per subject in one JVM each; from constructing the object to its start "
        + "method returning ready, then stopped (\"stop\" column). etcd-registry: `new ControlPlane().withBackend(...).start()`, "
        + "etcd only, returns when `/health` answers a client presenting a certificate (mutual TLS, fresh ECDSA PKI per "
        + "start). " + launcher + ": `Etcd.builder().withImage(...).withMountedDataDirectory(false).build().start()`, one node, "
        + "plain HTTP (its health check has no client certificate, so it cannot wait for an mTLS etcd), default network "
        + "`Network.SHARED` (removed at the end). Its data-directory bind mount is off because the launcher then runs "
        + "`chmod` inside the container, which a FROM-scratch image lacks. Its `start()` ignores a timed-out latch (returns "
        + "after 60 s as if started), so `/health` is checked after it returns, outside the timing. "
        + "jetcd-launcher 0.8.6 is built on Testcontainers 2.0.1, which converges with etcd-registry's 2.0.5, so it runs on "
        + "etcd-registry's classpath (managed to " + version(harnessClasspath, "testcontainers") + "); its own Guava 33.5.0 is "
        + "excluded, since as a direct dependency it would replace the 33.6.0 etcd-registry gets through gRPC.");
  }

  // ---------------------------------------------------------------------------------------------- 2. kube-apiserver

  private void apiServer(String peerEtcdImage, String peerEtcdImageProblem) {
    int n = config.apiServerRuns();
    Duration timeout = Duration.ofSeconds(60L + 180L * n);
    Outcome process = ours(child("apiserver ours process", harnessClasspath, SCENARIO, timeout, "apiserver", "PROCESS", n),
        "etcd + kube-apiserver, process backend");
    Outcome container = ours(child("apiserver ours container", harnessClasspath, SCENARIO, timeout, "apiserver", "CONTAINER", n),
        "etcd + kube-apiserver, container backend");

    Outcome kubeApiTest;
    String kubeApiTestName = "kube-api-test";
    String kubeVersion = kubeVersion();
    try {
      List<String> classpath = peerClasspath(config.kubeApiTestTarget());
      kubeApiTestName = "kube-api-test " + version(classpath, "kube-api-test");
      Path kubectl = config.kubectl().orElseThrow(() -> new IllegalStateException(
          "no kubectl binary (BENCHMARK_KUBECTL): kube-api-test polls `kubectl get ns default` until ready, and fails without one;"
              + " benchmarks/scripts/build-kubectl builds it"));
      kubeApiTest = child("apiserver kube-api-test", classpath, KUBE_API_TEST_MAIN, timeout, String.valueOf(n),
          required(config.etcdBinary(), "ETCDREGISTRY_ETCD_BINARY").toString(),
          required(config.kubeApiServerBinary(), "ETCDREGISTRY_KUBE_APISERVER_BINARY").toString(), kubectl.toString(),
          kubeVersion.replaceFirst("^v", ""), config.workDirectory().toString());
    } catch (RuntimeException e) {
      kubeApiTest = notRun(e.getMessage());
    }
    if (!kubeApiTest.ok()) {
      report.problem(kubeApiTestName + " (io.fabric8:kube-api-test): " + kubeApiTest.failure() + logHint(kubeApiTest));
    }

    Outcome kind;
    String kindHostNote = null;
    String kindName = "Kindcontainer";
    List<String> kindClasspath = List.of();
    try {
      kindClasspath = peerClasspath(config.kindcontainerTarget());
      kindName = "Kindcontainer " + version(kindClasspath, "kindcontainer");
      if (peerEtcdImage == null) {
        throw new IllegalStateException(peerEtcdImageProblem);
      }
      // Kindcontainer passes the Docker host's address as kube-apiserver's --advertise-address; for a local engine
      // that is localhost, which kube-apiserver refuses ("may not be in the loopback range") and exits, while
      // Kindcontainer keeps polling for 5 minutes. So it is told another address of this host.
      String host = LocalImages.nonLoopbackHostAddress();
      kindHostNote = host;
      // With a host other than localhost, Testcontainers 1.21 runs start-up checks in an alpine:3.17 container,
      // which no registry here can serve: they are switched off.
      kind = child("apiserver kindcontainer", Map.of("TESTCONTAINERS_HOST_OVERRIDE", host, "TESTCONTAINERS_CHECKS_DISABLE", "true"),
          kindClasspath, KINDCONTAINER_MAIN,
          timeout, String.valueOf(n),
          required(config.kubeApiServerImage(), "ETCDREGISTRY_KUBE_APISERVER_IMAGE"), peerEtcdImage);
    } catch (RuntimeException e) {
      kind = notRun(e.getMessage());
    }
    if (!kind.ok()) {
      report.problem(kindName + " (com.dajudge.kindcontainer:kindcontainer, ApiServerContainer, Testcontainers "
          + version(kindClasspath, "testcontainers") + "): " + kind.failure() + logHint(kind));
    }

    Stats reference = Stats.of(kubeApiTest.values("start"));
    Stats kindStart = Stats.of(kind.values("start"));
    String m = "etcd + kube-apiserver ready (ms)";
    report.result("2", m, "**etcd-registry, process backend** (mTLS)", Stats.of(process.values("start")),
        Stats.of(process.values("close")), ratioText(process, reference, "kube-api-test") + ratioSuffix(process, kindStart, "Kindcontainer"));
    report.result("2", m, "**etcd-registry, container backend** (mTLS)", Stats.of(container.values("start")),
        Stats.of(container.values("close")), ratioText(container, reference, "kube-api-test") + ratioSuffix(container, kindStart, "Kindcontainer"));
    report.result("2", m, kubeApiTestName + ", processes (etcd plain HTTP)", reference, Stats.of(kubeApiTest.values("close")),
        reference == null ? "" : "reference");
    report.result("2", m, kindName + " ApiServerContainer, containers (mTLS)", kindStart, Stats.of(kind.values("close")),
        ratioText(kind, reference, "kube-api-test"));
    target("etcd + kube-apiserver ready ≤ 0.8× kube-api-test — process backend", Stats.of(process.values("start")), reference, 0.8);
    target("etcd + kube-apiserver ready ≤ 0.8× Kindcontainer — container backend", Stats.of(container.values("start")), kindStart, 0.8);
    summary("etcd + kube-apiserver ready, process backend (n = " + n + ")", Stats.of(process.values("start")), " ms",
        kubeApiTestName, reference);
    summary("etcd + kube-apiserver ready, container backend (n = " + n + ")", Stats.of(container.values("start")), " ms",
        kindName + " `ApiServerContainer`", kindStart);
    report.note("**2. etcd + kube-apiserver ready**: " + n + " starts per subject in one JVM each, same binaries " + kubeVersion
        + " everywhere. etcd-registry: `ControlPlane.withKubeApiServer(true).start()` returns when `/readyz` is ok for the admin "
        + "certificate and namespace `default` exists. " + kubeApiTestName + ": `new KubeAPIServer(config).start()` with "
        + "`withOfflineMode(true)`, `withApiServerVersion(\"" + kubeVersion.replaceFirst("^v", "") + "\")` and `withTestDir(...)` "
        + "holding `k8s/" + kubeVersion.replaceFirst("^v", "") + "-linux-amd64/{etcd,kube-apiserver,kubectl}` (symlinks to the "
        + "same binaries; it needs a kubectl too, built from the same Kubernetes version by benchmarks/scripts/build-kubectl); "
        + "it waits for anonymous `/readyz` then `kubectl get ns default` every 200 ms; its etcd listens on plain HTTP and "
        + "its certificates are generated once per test directory and reused by later starts. " + kindName + ": "
        + "`new ApiServerContainer<>(new KubernetesImageSpec<>(VERSION_1_34_1).withImage(<our kube-apiserver image>))"
        + ".withEtcdImage(<our etcd binary, official layout>)`, i.e. our images under the names it is told to use instead of "
        + "retagging them as `registry.k8s.io/...` (the version enum only picks a default image name); it waits until "
        + "`/api/v1/nodes` lists and namespace `default` exists. It passes the Docker host's address as kube-apiserver's "
        + "`--advertise-address`, which for a local engine is 127.0.0.1; kube-apiserver " + kubeVersion + " refuses a loopback "
        + "advertise address and exits (while Kindcontainer keeps polling for its 5-minute timeout), so its JVM runs with "
        + "`TESTCONTAINERS_HOST_OVERRIDE=" + (kindHostNote == null ? "<a non-loopback address>" : kindHostNote) + "` (an address "
        + "of this host that is not loopback; published ports answer there too) instead of `localhost`, and `TESTCONTAINERS_CHECKS_DISABLE=true` "
        + "(with a host other than localhost, Testcontainers 1.21 runs start-up checks in an `alpine:3.17` container, which "
        + "cannot be pulled here). It runs on Testcontainers "
        + version(kindClasspath, "testcontainers") + ", so it has a classpath of its own (module benchmarks/peer-kindcontainer); "
        + "so does kube-api-test (benchmarks/peer-kube-api-test), which brings JUnit 5, Jackson 2 and Mockito at compile scope.");
  }

  // ---------------------------------------------------------------------------------------------- 3. reuse

  private void reuse() {
    List<Double> one = new ArrayList<>();
    List<Double> ten = new ArrayList<>();
    List<Double> extraClasses = new ArrayList<>();
    String failure = null;
    for (int run = 0; run < config.reuseRuns() && failure == null; run++) {
      for (int classes : run % 2 == 0 ? new int[] {1, 10} : new int[] {10, 1}) {
        Outcome outcome = child("reuse " + classes + " classes run " + (run + 1), harnessClasspath, SCENARIO, Duration.ofMinutes(5),
            "reuse", String.valueOf(classes));
        if (!outcome.ok()) {
          failure = outcome.failure() + logHint(outcome);
          break;
        }
        (classes == 1 ? one : ten).addAll(outcome.values("run"));
        if (classes == 10) {
          extraClasses.addAll(outcome.values("extra-class"));
        }
      }
    }
    if (failure != null) {
      oursFailed = true;
      report.problem("etcd-registry, reuse of a SHARED control plane: " + failure);
    }
    Stats t1 = Stats.of(one);
    Stats t10 = Stats.of(ten);
    String m = "JUnit run, SHARED control plane (ms)";
    report.result("3", m, "K = 1 class", t1, null, "");
    report.result("3", m, "K = 10 classes", t10, null, "");
    Double perClass = t1 == null || t10 == null ? null : (t10.median() - t1.median()) / 9;
    if (perClass != null) {
      report.derived("3", "cost per extra class (ms)", "(t10 − t1) / 9, medians", perClass, "");
    }
    report.result("3", "cost per extra class (ms)", "cross-check: classes 2–10 of the K = 10 runs, start to end in JUnit's events",
        Stats.of(extraClasses), null, "");
    report.summary("each extra test class on a `SHARED` control plane", perClass == null ? "n/a"
        : "**" + Table.number(perClass) + " ms** ((t10 − t1) / 9)", "", "");
    report.target("≤ 50 ms per extra class when shared", perClass == null ? "n/a" : Table.number(perClass) + " ms",
        perClass == null ? null : perClass <= 50);
    report.note("**3. Reuse when shared**: " + config.reuseRuns() + " runs each of K = 1 and K = 10 test classes (order "
        + "alternating), each run a fresh JVM timing `LauncherFactory.create()` + `Launcher.execute(...)` of the JUnit Platform "
        + "Launcher: discovery, one control plane start (process backend, etcd + kube-apiserver), the classes, and the close "
        + "at the end of the run. Each class is `@WithEtcdRegistry(kubeApiServer = true, lifecycle = SHARED, backend = PROCESS)` "
        + "(through a meta-annotation) and creates one ConfigMap through the injected `KubernetesClient` "
        + "(`io.github.etcdregistry.benchmarks.reuse.SharedControlPlaneClasses`). The target is judged on (t10 − t1) / 9, the "
        + "difference of two whole runs that each include a kube-apiserver start, so start-up noise of a few hundred ms "
        + "shows up in it divided by 9; the cross-check times each class after the first directly (it includes JUnit's "
        + "own per-class work, the extension's lookup of the shared control plane, injection and the one API call).");
  }

  // ---------------------------------------------------------------------------------------------- 4.-6.

  private boolean corpus(Path file) {
    Outcome outcome = child("pod corpus", harnessClasspath, SCENARIO, Duration.ofMinutes(5), "corpus", file.toString(),
        String.valueOf(CORPUS_PODS));
    if (!outcome.ok()) {
      oursFailed = true;
      report.problem("etcd-registry, creating " + CORPUS_PODS + " Pods for the decode and scan measurements: " + outcome.failure()
          + logHint(outcome));
      return false;
    }
    report.note("**Pods decoded in 4. and 5.**: " + outcome.info().get("pods") + " different Pods created through kube-apiserver "
        + "(shapes of Deployment, StatefulSet and Job replicas: 1–2 containers, init containers, probes, resources, env, volumes, "
        + "affinity, security contexts; the apiserver adds its defaults, tolerations and managedFields) and read from etcd "
        + "with `EtcdRegistry.entries(\"/registry/pods/\")`: protobuf values of " + outcome.info().get("bytes.min") + "–"
        + outcome.info().get("bytes.max") + " bytes, " + outcome.info().get("bytes.average") + " on average.");
    return true;
  }

  private void decode(Path corpus) {
    Duration timeout = Duration.ofSeconds(120L + 2L * (config.decodeWarmupSeconds() + config.decodeRounds() * 3L));
    List<String> arguments = List.of(corpus.toString(), String.valueOf(config.decodeWarmupSeconds()),
        String.valueOf(config.decodeRounds()));
    Outcome outcome = ours(child("decode", harnessClasspath, SCENARIO, timeout, "decode", arguments.get(0), arguments.get(1),
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
    summary("decode stored Pods to a JSON tree, one thread", json, " Pods/s", "", null);
    summary("decode stored Pods to JSON text, one thread, per CPU-second", textCpu, " Pods/s",
        "Kubernetes' Go decoder (apimachinery), one goroutine", goCpu);
    summary("decode stored Pods to a fabric8 `Pod`, one thread", pod, " Pods/s", "", null);
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

  /** Kubernetes' Go decoder on the same corpus: series json (Pods/s) and json.cpu; none when it is not built or failed. */
  private Outcome decodeInGo(Duration timeout, List<String> arguments) {
    if (config.goDecoder().isEmpty()) {
      report.problem("Kubernetes' Go decoder: no binary (BENCHMARK_GO_DECODER); benchmarks/scripts/build-go-decoder builds it");
      return notRun("no binary");
    }
    System.err.println("benchmark: decode go ...");
    Outcome outcome = ChildJvm.executable("decode go", config.goDecoder().get(), arguments, timeout, logs).run();
    if (!outcome.ok()) {
      report.problem("Kubernetes' Go decoder: " + outcome.failure() + logHint(outcome));
    }
    return outcome;
  }

  /** Ours over the peer's throughput: above 1 is faster. */
  private static String throughputRatio(Stats ours, Stats peer) {
    return ours == null || peer == null ? "" : Table.ratio(ours.median() / peer.median()) + " Go";
  }

  private void scan(Path corpus) {
    Outcome outcome = ours(child("scan", harnessClasspath, SCENARIO, Duration.ofMinutes(10), "scan", corpus.toString(),
        String.valueOf(config.scanKeys()), String.valueOf(config.scanRuns())), "scan + decode");
    Stats scan = Stats.of(outcome.values("scan"));
    String keys = String.format(java.util.Locale.ROOT, "%,d", config.scanKeys());
    report.result("5", "scan + decode of " + keys + " Pods (ms)", "`EtcdRegistry.entries(\"/registry/pods/\")` + `decode()` of each",
        scan, null, "");
    report.result("5", "… of which (ms)", "`entries(...)`: reading from etcd", Stats.of(outcome.values("read")), null, "");
    report.result("5", "… of which (ms)", "`decode()` of every entry", Stats.of(outcome.values("decode")), null, "");
    report.target("scan + decode of " + keys + " keys ≤ 1 s", scan == null ? "n/a" : Table.number(scan.median()) + " ms",
        scan == null ? null : scan.median() <= 1000);
    summary("read + decode " + keys + " Pods from etcd over mutual TLS", scan, " ms", "", null);
    report.note("**5. Scan + decode**: etcd-registry's etcd (process backend, mTLS) holding " + keys + " Pods, copies of the "
        + "stored Pods above renamed by re-encoding their protobuf with client-java-proto (" + outcome.info().getOrDefault("bytes.total", "?")
        + " bytes in all), written with jetcd puts; then " + config.scanRuns() + " times, in one JVM, the registry's "
        + "page-by-page read (up to 500 entries and about 2 MiB per page, one revision) plus `RegistryEntry.decode()` of every entry.");
  }

  private void heap() {
    List<Double> heap = new ArrayList<>();
    List<Double> metaspace = new ArrayList<>();
    String failure = null;
    for (int run = 0; run < config.heapRuns(); run++) {
      Outcome outcome = child("heap run " + (run + 1), harnessClasspath, SCENARIO, Duration.ofMinutes(5), "heap");
      if (!outcome.ok()) {
        failure = outcome.failure() + logHint(outcome);
        break;
      }
      heap.addAll(outcome.values("heap"));
      metaspace.addAll(outcome.values("metaspace"));
    }
    if (failure != null) {
      oursFailed = true;
      report.problem("etcd-registry, heap overhead: " + failure);
    }
    Stats stats = Stats.of(heap);
    report.result("6", "heap overhead (MiB)", "running ControlPlane: process backend, etcd + kube-apiserver, registry + client", stats,
        null, "");
    report.result("6", "metaspace (MiB, not in the target)", "the same, classes loaded", Stats.of(metaspace), null, "");
    summary("heap of a running control plane with registry and client", stats, " MiB", "", null);
    report.target("heap overhead ≤ 64 MiB", stats == null ? "n/a" : Table.number(stats.median()) + " MiB",
        stats == null ? null : stats.median() <= 64);
    report.note("**6. Heap**: " + config.heapRuns() + " fresh JVMs (" + String.join(" ", config.childJvmArgs()) + "); used heap after "
        + "`System.gc()` (lowest of 4) with a started ControlPlane whose registry listed `/registry/namespaces/` and whose "
        + "Kubernetes client listed namespaces, minus the same at JVM start.");
  }

  private void scale() {
    Outcome outcome = ours(child("scale", harnessClasspath, SCENARIO, Duration.ofMinutes(20), "scale", config.scaleValues(),
        config.scaleValueBytes(), config.scaleRuns()), "reading at scale");
    String what = String.format(java.util.Locale.ROOT, "%,d values of %,d bytes", config.scaleValues(), config.scaleValueBytes());
    report.result("7", "reading " + what + " (ms)", "`EtcdRegistry.keys(...)`", Stats.of(outcome.values("keys")), null, "");
    report.result("7", "reading " + what + " (ms)", "`EtcdRegistry.entries(...)` + `decode()` of each",
        Stats.of(outcome.values("entries")), null, "");
    report.result("7", "reading " + what + " (ms)", "HTML report of the registry, written to a file (" + outcome.info()
        .getOrDefault("report.bytes", "?") + " bytes)", Stats.of(outcome.values("report")), null, "");
    report.result("7", "… peak heap (MiB)", "sum of the heap pools' peaks over all runs", Stats.of(outcome.values("peak-heap")), null, "");
    report.note("**7. Scale**: etcd-registry's etcd (process backend, mTLS) holding " + what + " (ConfigMaps stored as JSON, "
        + outcome.info().getOrDefault("bytes.total", "?") + " bytes in all), written with jetcd transactions; then "
        + config.scaleRuns() + " times, in one JVM (" + String.join(" ", config.childJvmArgs()) + "), `keys`, `entries` "
        + "with `decode()` of each, and `HtmlReport.of(RegistryTree.of(registry)).writeTo(file)`. Pages hold about 2 MiB.");
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private void header() {
    report.header("Run " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(java.time.ZoneId.systemDefault()))
        .replaceFirst("\\.\\d+", "") + " on " + Runtime.getRuntime().availableProcessors() + " CPUs (" + cpuModel() + "), "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
        + " (" + System.getProperty("java.vm.name") + ")");
    report.header("Binaries: etcd " + config.etcdBinary().map(b -> firstLine(b.toString(), "--version")).orElse("(not set)")
        + ", kube-apiserver " + kubeVersion() + "; images " + config.etcdImage().orElse("(not set)") + ", "
        + config.kubeApiServerImage().orElse("(not set)") + "; Docker " + firstLine("docker", "version", "--format",
        "{{.Server.Version}} (API {{.Server.APIVersion}})") + ", client API pinned to " + System.getProperty("api.version", "default"));
    report.header("Reproduce: `" + config.command() + "`");
  }

  private Outcome child(String label, List<String> classpath, String mainClass, Duration timeout, Object... arguments) {
    return child(label, Map.of(), classpath, mainClass, timeout, arguments);
  }

  private Outcome child(String label, Map<String, String> environment, List<String> classpath, String mainClass, Duration timeout,
      Object... arguments) {
    System.err.println("benchmark: " + label + " ...");
    List<String> jvm = new ArrayList<>(config.childJvmArgs());
    jvm.add("-Dapi.version=" + System.getProperty("api.version", "1.41"));
    jvm.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    List<String> args = Arrays.stream(arguments).map(String::valueOf).toList();
    Outcome outcome = new ChildJvm(label, classpath, mainClass, args, timeout, logs, jvm, environment).run();
    if (!outcome.ok()) {
      System.err.println("benchmark: " + label + " FAILED: " + outcome.failure());
    }
    return outcome;
  }

  private Outcome ours(Outcome outcome, String what) {
    if (!outcome.ok()) {
      oursFailed = true;
      report.problem("etcd-registry, " + what + ": " + outcome.failure() + logHint(outcome));
    }
    return outcome;
  }

  private static Outcome notRun(String reason) {
    return new Outcome(Map.of(), Map.of(), "not run: " + reason, null);
  }

  private static String logHint(Outcome outcome) {
    return outcome.log() == null ? "" : " (log: `" + outcome.log() + "` and `.stderr`)";
  }

  private void target(String name, Stats ours, Stats peer, double limit) {
    if (ours == null || peer == null) {
      report.target(name, "n/a (" + (ours == null ? "ours" : "the peer") + " did not run)", null);
      return;
    }
    double ratio = ours.median() / peer.median();
    report.target(name, Table.ratio(ratio) + " (" + Table.number(ours.median()) + " / " + Table.number(peer.median()) + " ms)",
        ratio <= limit);
  }

  /** A summary row: our median, and the peer's with the ratio when there is a peer that ran. */
  private void summary(String what, Stats ours, String unit, String peerName, Stats peer) {
    String oursText = ours == null ? "did not run" : "**" + Table.number(ours.median()) + unit + "**";
    if (peerName.isEmpty()) {
      report.summary(what, oursText, "", "");
    } else if (peer == null) {
      report.summary(what, oursText, peerName + ": did not run", "");
    } else {
      report.summary(what, oursText, peerName + ": " + Table.number(peer.median()) + unit,
          ours == null ? "" : Table.ratio(ours.median() / peer.median()) + (unit.endsWith("/s") ? " the rate" : " the time"));
    }
  }

  private static String ratioText(Outcome subject, Stats reference, String referenceName) {
    Stats stats = Stats.of(subject.values("start"));
    if (stats == null || reference == null) {
      return "";
    }
    return Table.ratio(stats.median() / reference.median()) + " " + referenceName;
  }

  private static String ratioSuffix(Outcome subject, Stats reference, String referenceName) {
    String text = ratioText(subject, reference, referenceName);
    return text.isEmpty() ? "" : ", " + text;
  }

  /** A peer module's runtime classpath, written by its build (target/classpath.txt), with its own classes first. */
  private static List<String> peerClasspath(Path target) {
    Path file = target.resolve("classpath.txt");
    try {
      List<String> classpath = new ArrayList<>();
      classpath.add(target.resolve("classes").toString());
      classpath.addAll(Arrays.asList(Files.readString(file).strip().split(java.io.File.pathSeparator)));
      return classpath;
    } catch (IOException e) {
      throw new IllegalStateException("the peer module is not built (" + file + " missing): mvn -Pbenchmarks package", e);
    }
  }

  /** The version of an artifact on a classpath, from its jar's file name. */
  private static String version(List<String> classpath, String artifactId) {
    Pattern jar = Pattern.compile(Pattern.quote(artifactId) + "-(\\d[^/\\\\]*)\\.jar$");
    for (String entry : classpath) {
      Matcher matcher = jar.matcher(entry);
      if (matcher.find()) {
        return matcher.group(1);
      }
    }
    return "?";
  }

  private static <T> T required(Optional<T> value, String variable) {
    return value.orElseThrow(() -> new IllegalStateException(variable + " is not set (eval \"$(control-plane/build)\" sets it)"));
  }

  private String kubeVersion() {
    return config.kubeApiServerBinary().map(b -> firstLine(b.toString(), "--version").replaceFirst("^(Kubernetes|kube-apiserver) ", ""))
        .orElse("(not set)");
  }

  private static String firstLine(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      process.waitFor(30, TimeUnit.SECONDS);
      return process.exitValue() == 0 && !output.isEmpty() ? output.lines().findFirst().orElse("?").replace("etcd Version: ", "v") : "unknown";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      Map<String, String> fields = new LinkedHashMap<>();
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
      }
      return fields.getOrDefault("model name", "unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
