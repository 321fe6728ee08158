package io.github.etcdregistry.report;

import io.github.etcdregistry.registry.KeyLayout;
import io.github.etcdregistry.registry.ResourceType;
import java.util.Map;
import java.util.Optional;

/**
 * One line per key family in plain words, for a workshop: what the family holds and what moved since the
 * seed article's Kubernetes 1.10. Families without a line of their own are explained from the key layout.
 */
final class FamilyExplanations {

  private static final Map<String, String> WRITTEN = Map.ofEntries(
      // the families the seed article tours
      Map.entry("apiregistration.k8s.io/apiservices",
          "APIServices: which API group/version kube-apiserver serves itself and which it proxies to an aggregated server;"
              + " kept by the aggregator, stored as JSON under their group"),
      Map.entry("clusterroles", "ClusterRoles: cluster-wide sets of RBAC permissions; the system:* ones are written by kube-apiserver at start"),
      Map.entry("clusterrolebindings", "ClusterRoleBindings: who holds a ClusterRole across the whole cluster"),
      Map.entry("roles", "Roles: sets of RBAC permissions inside one namespace"),
      Map.entry("rolebindings", "RoleBindings: who holds a Role (or a ClusterRole) inside one namespace"),
      Map.entry("serviceaccounts", "ServiceAccounts: identities for processes in Pods; since 1.24 their tokens are issued on demand,"
          + " no longer stored as Secrets"),
      Map.entry("configmaps", "ConfigMaps: plain key/value configuration for Pods, never encrypted unless configured"),
      Map.entry("controllerrevisions", "ControllerRevisions: snapshots of a DaemonSet's or StatefulSet's Pod template that their"
          + " controllers keep for rollbacks"),
      Map.entry("daemonsets", "DaemonSets: run one copy of a Pod on every (matching) node"),
      Map.entry("deployments", "Deployments: the desired ReplicaSet and how to roll from one to the next"),
      Map.entry("minions", "Nodes, stored under their pre-1.0 name \"minions\" so that old data stays readable"),
      Map.entry("namespaces", "Namespaces; the objects inside one sit under /registry/<family>/<namespace>/<name>"),
      Map.entry("pods", "Pods: the spec a user wrote and the status kubelet reports, one key per Pod"),
      Map.entry("ranges/serviceips", "the ClusterIP allocator's bitmap (a RangeAllocation, not an API object); gone once"
          + " DisableAllocatorDualWrite is on (1.34+): ClusterIPs are then IPAddress objects under /registry/ipaddresses,"
          + " their ranges ServiceCIDRs under /registry/servicecidrs"),
      Map.entry("ranges/servicenodeports", "the NodePort allocator's bitmap (a RangeAllocation, not an API object)"),
      Map.entry("secrets", "Secrets: base64 data, stored as plain protobuf unless encryption at rest is configured"),
      Map.entry("services/specs", "Services, under services/specs beside their endpoints"),
      Map.entry("services/endpoints", "Endpoints of Services, under services/endpoints; deprecated since 1.33 for EndpointSlices"
          + " (/registry/endpointslices)"),
      // what replaced or joined them since 1.10
      Map.entry("ipaddresses", "IPAddresses: one object per allocated ClusterIP (since 1.33; they replace the ranges/serviceips bitmap)"),
      Map.entry("servicecidrs", "ServiceCIDRs: the ranges ClusterIPs are allocated from (since 1.33; \"kubernetes\" comes from"
          + " --service-cluster-ip-range)"),
      Map.entry("endpointslices", "EndpointSlices: the Pods behind a Service, in slices of up to 100, written by the"
          + " EndpointSlice controller; what kube-proxy reads instead of Endpoints"),
      Map.entry("podsecuritypolicy", "PodSecurityPolicies: removed in Kubernetes 1.25, replaced by Pod Security Admission;"
          + " only an etcd restored from an old cluster still has them"),
      Map.entry("leases", "Leases: heartbeats of nodes and kube-apiservers, and locks of leader election"),
      Map.entry("masterleases", "not an API object: each kube-apiserver's lease on the endpoints of the \"kubernetes\" Service,"
          + " one key per apiserver IP"),
      Map.entry("peerserverleases", "not an API object: kube-apiservers' identity leases for peer proxying"),
      Map.entry("apiextensions.k8s.io/customresourcedefinitions", "CustomResourceDefinitions: the schemas of custom"
          + " resources; kept by the extensions apiserver, stored as JSON under their group"),
      Map.entry("events", "Events: what happened to objects, kept for an hour (--event-ttl); events.k8s.io Events share this family"),
      Map.entry("flowschemas", "FlowSchemas: how API Priority and Fairness sorts requests; kube-apiserver writes the defaults"),
      Map.entry("prioritylevelconfigurations", "PriorityLevelConfigurations: the request queues of API Priority and Fairness;"
          + " kube-apiserver writes the defaults"),
      Map.entry("priorityclasses", "PriorityClasses: Pod priorities; system-cluster-critical and system-node-critical are built in"),
      Map.entry("compact_rev_key", "not an API object and outside /registry: the revision kube-apiserver last compacted etcd to"));

  private FamilyExplanations() {
  }

  static String explain(String family, KeyLayout layout) {
    String written = WRITTEN.get(family);
    if (written != null) {
      return written;
    }
    Optional<ResourceType> known = KeyLayout.knownResources().stream().filter(type -> type.segment().equals(family)).findFirst();
    if (known.isPresent()) {
      ResourceType type = known.get();
      return type.kind() + " objects (" + type.qualifiedName() + ", " + (type.namespaced() ? "namespaced" : "cluster-scoped") + ")"
          + (type.note().isEmpty() ? "" : "; " + type.note());
    }
    int slash = family.indexOf('/');
    if (family.startsWith("ranges/")) {
      return "an allocator's state (a RangeAllocation), not an API object";
    }
    if (slash > 0 && family.substring(0, slash).contains(".")) {
      return "custom resources " + family.substring(slash + 1) + "." + family.substring(0, slash)
          + ", defined by a CustomResourceDefinition and stored as JSON under <group>/<plural>";
    }
    return "objects of " + family + ", a resource the key layout does not know, under " + layout.prefix() + "/" + family + "/";
  }
}
