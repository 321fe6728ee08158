package io.github.etcdregistry.benchmarks;

import io.github.etcdregistry.benchmarks.ChildJvm.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Section 3 of the report: what each extra test class costs when the control plane is shared. */
final class ReuseSection {

  private final Config config;
  private final Report report;
  private final Children children;

  ReuseSection(Config config, Report report, Children children) {
    this.config = config;
    this.report = report;
    this.children = children;
  }

  void run() {
    List<Double> one = new ArrayList<>();
    List<Double> ten = new ArrayList<>();
    List<Double> extraClasses = new ArrayList<>();
    String failure = null;
    for (int run = 0; run < config.reuseRuns() && failure == null; run++) {
      for (int classes : run % 2 == 0 ? new int[] {1, 10} : new int[] {10, 1}) {
        Outcome outcome = children.scenario("reuse " + classes + " classes run " + (run + 1), Duration.ofMinutes(5),
            "reuse", String.valueOf(classes));
        if (!outcome.ok()) {
          failure = outcome.failure() + Children.logHint(outcome);
          break;
        }
        (classes == 1 ? one : ten).addAll(outcome.values("run"));
        if (classes == 10) {
          extraClasses.addAll(outcome.values("extra-class"));
        }
      }
    }
    if (failure != null) {
      children.oursFailed("reuse of a SHARED control plane", failure);
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
}
