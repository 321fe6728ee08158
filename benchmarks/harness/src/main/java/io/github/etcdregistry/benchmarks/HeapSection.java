package io.github.etcdregistry.benchmarks;

import io.github.etcdregistry.benchmarks.ChildJvm.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Section 6 of the report: the heap a running control plane with its registry and client keeps. */
final class HeapSection {

  private final Config config;
  private final Report report;
  private final Children children;

  HeapSection(Config config, Report report, Children children) {
    this.config = config;
    this.report = report;
    this.children = children;
  }

  void run() {
    List<Double> heap = new ArrayList<>();
    List<Double> metaspace = new ArrayList<>();
    String failure = null;
    for (int run = 0; run < config.heapRuns(); run++) {
      Outcome outcome = children.scenario("heap run " + (run + 1), Duration.ofMinutes(5), "heap");
      if (!outcome.ok()) {
        failure = outcome.failure() + Children.logHint(outcome);
        break;
      }
      heap.addAll(outcome.values("heap"));
      metaspace.addAll(outcome.values("metaspace"));
    }
    if (failure != null) {
      children.oursFailed("heap overhead", failure);
    }
    Stats stats = Stats.of(heap);
    report.result("6", "heap overhead (MiB)", "running ControlPlane: process backend, etcd + kube-apiserver, registry + client", stats,
        null, "");
    report.result("6", "metaspace (MiB, not in the target)", "the same, classes loaded", Stats.of(metaspace), null, "");
    report.summary("heap of a running control plane with registry and client", stats, " MiB", "", null);
    report.target("heap overhead ≤ 64 MiB", stats == null ? "n/a" : Table.number(stats.median()) + " MiB",
        stats == null ? null : stats.median() <= 64);
    report.note("**6. Heap**: " + config.heapRuns() + " fresh JVMs (" + String.join(" ", config.childJvmArgs()) + "); used heap after "
        + "`System.gc()` (lowest of 4) with a started ControlPlane whose registry listed `/registry/namespaces/` and whose "
        + "Kubernetes client listed namespaces, minus the same at JVM start.");
  }
}
