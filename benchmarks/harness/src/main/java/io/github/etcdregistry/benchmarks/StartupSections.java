package io.github.etcdregistry.benchmarks;

import io.github.etcdregistry.benchmarks.ChildJvm.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sections 1 and 2 of the report: how long etcd, then etcd + kube-apiserver, take to be ready, etcd-registry's two
 * backends against the peers (jetcd-launcher; kube-api-test and Kindcontainer, each on its own classpath). Each
 * section's method note stays beside its figures, so a reader of the report finds how a row was measured in the same
 * place as the code that measured it.
 */
final class StartupSections {

  private static final String KINDCONTAINER_MAIN = "io.github.etcdregistry.benchmarks.peers.KindcontainerStart";
  private static final String KUBE_API_TEST_MAIN = "io.github.etcdregistry.benchmarks.peers.KubeApiTestStart";

  private final Config config;
  private final Report report;
  private final Children children;

  StartupSections(Config config, Report report, Children children) {
    this.config = config;
    this.report = report;
    this.children = children;
  }

  /** 1. etcd ready; the jetcd-launcher row needs {@code peerImage} (null: not run, for {@code peerImageProblem}). */
  void etcd(String peerImage, String peerImageProblem) {
    int n = config.etcdRuns();
    Duration timeout = Duration.ofSeconds(60L + 90L * n);
    Outcome process = children.ours(children.scenario("etcd ours process", timeout, "etcd", "PROCESS", n), "etcd, process backend");
    Outcome container = children.ours(children.scenario("etcd ours container", timeout, "etcd", "CONTAINER", n),
        "etcd, container backend");
    String launcher = "jetcd-launcher " + Classpaths.version(Classpaths.harness(), "jetcd-launcher");
    Outcome jetcd = peerImage == null ? Children.notRun(peerImageProblem)
        : children.scenario("etcd jetcd-launcher", timeout, "etcd-jetcd-launcher", peerImage, n);
    if (!jetcd.ok()) {
      report.problem(launcher + " (io.etcd:jetcd-launcher, Testcontainers " + Classpaths.version(Classpaths.harness(), "testcontainers") + "): "
          + jetcd.failure() + Children.logHint(jetcd));
    }
    Stats jetcdStart = Stats.of(jetcd.values("start"));
    String m = "etcd ready (ms)";
    report.result("1", m, "**etcd-registry, process backend** (mTLS)", Stats.of(process.values("start")),
        Stats.of(process.values("close")), ratioText(process, jetcdStart, "jetcd-launcher"));
    report.result("1", m, "**etcd-registry, container backend** (mTLS)", Stats.of(container.values("start")),
        Stats.of(container.values("close")), ratioText(container, jetcdStart, "jetcd-launcher"));
    report.result("1", m, launcher + ", container (plain HTTP)", jetcdStart, Stats.of(jetcd.values("close")),
        jetcdStart == null ? "" : "reference");
    report.summary("etcd ready, mutual TLS, process backend (n = " + n + ")", Stats.of(process.values("start")), " ms",
        launcher + ", plain HTTP", jetcdStart);
    report.summary("etcd ready, mutual TLS, container backend (n = " + n + ")", Stats.of(container.values("start")), " ms",
        launcher + ", plain HTTP", jetcdStart);
    report.ratioTarget("etcd with mTLS ready ≤ 0.6× jetcd-launcher — process backend", Stats.of(process.values("start")), jetcdStart, 0.6);
    report.ratioTarget("etcd with mTLS ready ≤ 0.6× jetcd-launcher — container backend", Stats.of(container.values("start")), jetcdStart, 0.6);
    report.note("**1. etcd ready**: " + n + " starts per subject in one JVM each; from constructing the object to its start "
        + "method returning ready, then stopped (\"stop\" column). etcd-registry: `new ControlPlane().withBackend(...).start()`, "
        + "etcd only, returns when `/health` answers a client presenting a certificate (mutual TLS, fresh ECDSA PKI per "
        + "start). " + launcher + ": `Etcd.builder().withImage(...).withMountedDataDirectory(false).build().start()`, one node, "
        + "plain HTTP (its health check has no client certificate, so it cannot wait for an mTLS etcd), default network "
        + "`Network.SHARED` (removed at the end). Its data-directory bind mount is off because the launcher then runs "
        + "`chmod` inside the container, which a FROM-scratch image lacks. Its `start()` ignores a timed-out latch (returns "
        + "after 60 s as if started), so `/health` is checked after it returns, outside the timing. "
        + "jetcd-launcher 0.8.6 is built on Testcontainers 2.0.1, which converges with etcd-registry's 2.0.5, so it runs on "
        + "etcd-registry's classpath (managed to " + Classpaths.version(Classpaths.harness(), "testcontainers") + "); its own Guava 33.5.0 is "
        + "excluded, since as a direct dependency it would replace the 33.6.0 etcd-registry gets through gRPC.");
  }

  /** 2. etcd + kube-apiserver ready; the Kindcontainer row needs {@code peerEtcdImage} as in {@link #etcd}. */
  void apiServer(String peerEtcdImage, String peerEtcdImageProblem) {
    int n = config.apiServerRuns();
    Duration timeout = Duration.ofSeconds(60L + 180L * n);
    Outcome process = children.ours(children.scenario("apiserver ours process", timeout, "apiserver", "PROCESS", n),
        "etcd + kube-apiserver, process backend");
    Outcome container = children.ours(children.scenario("apiserver ours container", timeout, "apiserver", "CONTAINER", n),
        "etcd + kube-apiserver, container backend");

    Outcome kubeApiTest;
    String kubeApiTestName = "kube-api-test";
    String kubeVersion = Machine.kubeVersion(config);
    try {
      List<String> classpath = Classpaths.peer(config.kubeApiTestTarget());
      kubeApiTestName = "kube-api-test " + Classpaths.version(classpath, "kube-api-test");
      Path kubectl = config.kubectl().orElseThrow(() -> new IllegalStateException(
          "no kubectl binary (BENCHMARK_KUBECTL): kube-api-test polls `kubectl get ns default` until ready, and fails without one;"
              + " benchmarks/scripts/build-kubectl builds it"));
      kubeApiTest = children.child("apiserver kube-api-test", classpath, KUBE_API_TEST_MAIN, timeout, String.valueOf(n),
          required(config.etcdBinary(), "ETCDREGISTRY_ETCD_BINARY").toString(),
          required(config.kubeApiServerBinary(), "ETCDREGISTRY_KUBE_APISERVER_BINARY").toString(), kubectl.toString(),
          kubeVersion.replaceFirst("^v", ""), config.workDirectory().toString());
    } catch (RuntimeException e) {
      kubeApiTest = Children.notRun(e.getMessage());
    }
    if (!kubeApiTest.ok()) {
      report.problem(kubeApiTestName + " (io.fabric8:kube-api-test): " + kubeApiTest.failure() + Children.logHint(kubeApiTest));
    }

    Outcome kind;
    String kindHostNote = null;
    String kindName = "Kindcontainer";
    List<String> kindClasspath = List.of();
    try {
      kindClasspath = Classpaths.peer(config.kindcontainerTarget());
      kindName = "Kindcontainer " + Classpaths.version(kindClasspath, "kindcontainer");
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
      kind = children.child("apiserver kindcontainer", Map.of("TESTCONTAINERS_HOST_OVERRIDE", host, "TESTCONTAINERS_CHECKS_DISABLE", "true"),
          kindClasspath, KINDCONTAINER_MAIN,
          timeout, String.valueOf(n),
          required(config.kubeApiServerImage(), "ETCDREGISTRY_KUBE_APISERVER_IMAGE"), peerEtcdImage);
    } catch (RuntimeException e) {
      kind = Children.notRun(e.getMessage());
    }
    if (!kind.ok()) {
      report.problem(kindName + " (com.dajudge.kindcontainer:kindcontainer, ApiServerContainer, Testcontainers "
          + Classpaths.version(kindClasspath, "testcontainers") + "): " + kind.failure() + Children.logHint(kind));
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
    report.ratioTarget("etcd + kube-apiserver ready ≤ 0.8× kube-api-test — process backend", Stats.of(process.values("start")), reference, 0.8);
    report.ratioTarget("etcd + kube-apiserver ready ≤ 0.8× Kindcontainer — container backend", Stats.of(container.values("start")), kindStart, 0.8);
    report.summary("etcd + kube-apiserver ready, process backend (n = " + n + ")", Stats.of(process.values("start")), " ms",
        kubeApiTestName, reference);
    report.summary("etcd + kube-apiserver ready, container backend (n = " + n + ")", Stats.of(container.values("start")), " ms",
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
        + Classpaths.version(kindClasspath, "testcontainers") + ", so it has a classpath of its own (module benchmarks/peer-kindcontainer); "
        + "so does kube-api-test (benchmarks/peer-kube-api-test), which brings JUnit 5, Jackson 2 and Mockito at compile scope.");
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

  private static <T> T required(Optional<T> value, String variable) {
    return value.orElseThrow(() -> new IllegalStateException(variable + " is not set (eval \"$(control-plane/build)\" sets it)"));
  }
}
