package io.github.etcdregistry.audit;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small, hand-kept table of Kubernetes 1.37's storage versions: every built-in resource is stored at its group's
 * {@code v1}, except the ones listed, taken from {@code ExpectedGVK} in {@code test/integration/etcd/data.go}
 * (k8s.io/kubernetes v1.37.2). Resources that are not GA keep the version their feature gate serves.
 */
final class KubernetesStorageVersions implements StorageVersions {

  static final KubernetesStorageVersions INSTANCE = new KubernetesStorageVersions();

  /** Groups kube-apiserver (and the extension and aggregation servers in the same binary) serves itself. */
  private static final Set<String> BUILT_IN_GROUPS = Set.of(
      "", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "apps", "autoscaling",
      "batch", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
      "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "lifecycle.k8s.io", "networking.k8s.io", "node.k8s.io",
      "policy", "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io",
      "storagemigration.k8s.io");

  private static final Map<String, String> NOT_V1 = Map.ofEntries(
      Map.entry("apiextensions.k8s.io/customresourcedefinitions", "apiextensions.k8s.io/v1beta1"),
      Map.entry("autoscaling/horizontalpodautoscalers", "autoscaling/v2"),
      Map.entry("events.k8s.io/events", "v1"), // events.k8s.io shares /registry/events with core Events
      Map.entry("certificates.k8s.io/clustertrustbundles", "certificates.k8s.io/v1beta1"),
      Map.entry("certificates.k8s.io/podcertificaterequests", "certificates.k8s.io/v1beta1"),
      Map.entry("coordination.k8s.io/leasecandidates", "coordination.k8s.io/v1beta1"),
      Map.entry("internal.apiserver.k8s.io/storageversions", "internal.apiserver.k8s.io/v1alpha1"),
      Map.entry("lifecycle.k8s.io/evictionrequests", "lifecycle.k8s.io/v1alpha1"),
      Map.entry("lifecycle.k8s.io/evictions", "lifecycle.k8s.io/v1alpha1"),
      Map.entry("resource.k8s.io/devicetaintrules", "resource.k8s.io/v1beta2"),
      Map.entry("resource.k8s.io/resourcepoolstatusrequests", "resource.k8s.io/v1alpha3"),
      Map.entry("scheduling.k8s.io/compositepodgroups", "scheduling.k8s.io/v1alpha3"),
      Map.entry("scheduling.k8s.io/podgroups", "scheduling.k8s.io/v1beta1"),
      Map.entry("scheduling.k8s.io/workloads", "scheduling.k8s.io/v1beta1"),
      Map.entry("storagemigration.k8s.io/storageversionmigrations", "storagemigration.k8s.io/v1beta1"));

  private KubernetesStorageVersions() {}

  @Override
  public Optional<String> storageVersion(String group, String resource) {
    if (!BUILT_IN_GROUPS.contains(group)) {
      return Optional.empty();
    }
    String exception = NOT_V1.get(group + "/" + resource);
    if (exception != null) {
      return Optional.of(exception);
    }
    return Optional.of(group.isEmpty() ? "v1" : group + "/v1");
  }

  @Override
  public String toString() {
    return "Kubernetes 1.37 storage versions";
  }
}
