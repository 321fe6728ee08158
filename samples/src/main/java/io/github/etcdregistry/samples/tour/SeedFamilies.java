package io.github.etcdregistry.samples.tour;

import io.github.etcdregistry.report.KeyFamily;
import io.github.etcdregistry.report.RegistryTree;
import java.io.PrintWriter;
import java.util.List;

/**
 * The key families the seed article tours on Kubernetes 1.10, with why each may be missing on the cluster at
 * hand, and what else is gone since.
 */
final class SeedFamilies {

  /** A family of the seed article, under its name today, and why a registry may not have it. */
  record SeedFamily(String name, String whyMissing, List<String> insteadSee) {
    SeedFamily(String name, String whyMissing) {
      this(name, whyMissing, List.of());
    }
  }

  private static final String API_SERVER_WRITES = "kube-apiserver writes these at start; missing means it did not finish its bootstrap";
  private static final String TOUR_CREATES = "the tour creates one; missing means creating it failed";

  static final List<SeedFamily> ALL = List.of(
      new SeedFamily("apiregistration.k8s.io/apiservices", "kube-apiserver's aggregator registers the built-in API versions at start;"
          + " missing means it did not finish its bootstrap"),
      new SeedFamily("clusterroles", API_SERVER_WRITES),
      new SeedFamily("clusterrolebindings", API_SERVER_WRITES),
      new SeedFamily("roles", TOUR_CREATES),
      new SeedFamily("rolebindings", TOUR_CREATES),
      new SeedFamily("serviceaccounts", TOUR_CREATES),
      new SeedFamily("configmaps", TOUR_CREATES),
      new SeedFamily("controllerrevisions", "the DaemonSet and StatefulSet controllers of kube-controller-manager write them, and"
          + " none runs here; the tour creates one directly, so missing means that failed"),
      new SeedFamily("daemonsets", TOUR_CREATES),
      new SeedFamily("deployments", TOUR_CREATES),
      new SeedFamily("minions", "the tour's simulated nodes register, or without nodes the tour creates one; missing means that"
          + " failed (Nodes are stored as minions)"),
      new SeedFamily("namespaces", API_SERVER_WRITES + " (default, kube-system, kube-public, kube-node-lease)"),
      new SeedFamily("pods", TOUR_CREATES),
      new SeedFamily("ranges/serviceips", "gone since Kubernetes 1.34, where DisableAllocatorDualWrite is on: ClusterIPs are no longer"
          + " kept in a bitmap but as one IPAddress object each, allocated from ServiceCIDRs", List.of("ipaddresses", "servicecidrs")),
      new SeedFamily("ranges/servicenodeports", API_SERVER_WRITES),
      new SeedFamily("secrets", TOUR_CREATES),
      new SeedFamily("services/specs", API_SERVER_WRITES + " (the kubernetes Service in default)"),
      new SeedFamily("services/endpoints", API_SERVER_WRITES + " (the endpoints of the kubernetes Service)"));

  private SeedFamilies() {
  }

  /** How many of the seed families {@code tree} has, and for each missing one why. */
  static void printSummary(RegistryTree tree, String kubernetesVersion, PrintWriter out) {
    List<SeedFamily> missing = ALL.stream().filter(seed -> tree.family(seed.name()).isEmpty()).toList();
    out.println("The seed article's families (Kubernetes 1.10) on Kubernetes " + kubernetesVersion + ": "
        + (ALL.size() - missing.size()) + " of " + ALL.size() + " present");
    for (SeedFamily seed : missing) {
      out.println("  missing " + seed.name() + ": " + seed.whyMissing());
      for (String instead : seed.insteadSee()) {
        out.println("    instead see " + instead + ": " + tree.family(instead).map(SeedFamilies::keyCount).orElse("not present either"));
      }
    }
    out.println("  also gone since 1.10: podsecuritypolicy — PodSecurityPolicy was removed in Kubernetes 1.25"
        + " (Pod Security Admission replaced it, and stores nothing)");
    out.flush();
  }

  private static String keyCount(KeyFamily family) {
    return family.keys().size() + (family.keys().size() == 1 ? " key" : " keys");
  }
}
