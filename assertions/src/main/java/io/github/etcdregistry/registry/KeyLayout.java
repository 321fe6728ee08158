package io.github.etcdregistry.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where kube-apiserver stores each resource in etcd, as data. The segment is the resource name without
 * its group, except for the historical names kept for compatibility and for resources served by the
 * aggregator, the extensions apiserver and custom resource definitions, which include the group.
 * The authority is {@code test/integration/etcd/data.go} in kubernetes/kubernetes.
 */
public final class KeyLayout {

  /** Groups served by kube-apiserver itself; their resources are stored without the group. */
  private static final Set<String> BUILT_IN_GROUPS = Set.of(
      "", "admissionregistration.k8s.io", "apps", "autoscaling", "batch", "certificates.k8s.io",
      "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io",
      "internal.apiserver.k8s.io", "lifecycle.k8s.io", "networking.k8s.io", "node.k8s.io", "policy", "rbac.authorization.k8s.io",
      "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io");

  private static final Map<String, ResourceType> BY_QUALIFIED_NAME = new LinkedHashMap<>();

  /*
   * The well-known resources, one constant each, for lookups that name their resource in code (RegistryAssert's
   * hasPod, hasSecret, ...): set where the table below states the resource, so group, segment and scope stay there.
   */
  public static final ResourceType PODS;
  public static final ResourceType SECRETS;
  public static final ResourceType CONFIG_MAPS;
  public static final ResourceType SERVICE_ACCOUNTS;
  public static final ResourceType SERVICES;
  public static final ResourceType ENDPOINTS;
  public static final ResourceType NAMESPACES;
  public static final ResourceType NODES;
  public static final ResourceType DEPLOYMENTS;
  public static final ResourceType REPLICA_SETS;
  public static final ResourceType DAEMON_SETS;
  public static final ResourceType STATEFUL_SETS;
  public static final ResourceType CONTROLLER_REVISIONS;
  public static final ResourceType JOBS;
  public static final ResourceType CRON_JOBS;
  public static final ResourceType ROLES;
  public static final ResourceType ROLE_BINDINGS;
  public static final ResourceType CLUSTER_ROLES;
  public static final ResourceType CLUSTER_ROLE_BINDINGS;

  static {
    // core
    PODS = add("", "pods", "Pod", true);
    SECRETS = add("", "secrets", "Secret", true);
    CONFIG_MAPS = add("", "configmaps", "ConfigMap", true);
    SERVICE_ACCOUNTS = add("", "serviceaccounts", "ServiceAccount", true);
    NAMESPACES = add("", "namespaces", "Namespace", false);
    NODES = quirk("", "nodes", "Node", false, "minions", "nodes are stored under their old name, minions");
    SERVICES = quirk("", "services", "Service", true, "services/specs", "services are stored under services/specs, beside their endpoints");
    ENDPOINTS = quirk("", "endpoints", "Endpoints", true, "services/endpoints", "endpoints are stored under services/endpoints");
    quirk("", "replicationcontrollers", "ReplicationController", true, "controllers", "replication controllers are stored under their old name, controllers");
    add("", "events", "Event", true, "kept for --event-ttl (1 h by default): kube-apiserver writes each Event with an etcd lease that"
        + " deletes it then");
    add("events.k8s.io", "events", "Event", true, "events.k8s.io Events share /registry/events with core Events, stored as v1 Events");
    add("", "limitranges", "LimitRange", true);
    add("", "resourcequotas", "ResourceQuota", true);
    add("", "persistentvolumes", "PersistentVolume", false);
    add("", "persistentvolumeclaims", "PersistentVolumeClaim", true);
    add("", "podtemplates", "PodTemplate", true);
    // apps, batch, autoscaling, policy
    DEPLOYMENTS = add("apps", "deployments", "Deployment", true);
    REPLICA_SETS = add("apps", "replicasets", "ReplicaSet", true);
    DAEMON_SETS = add("apps", "daemonsets", "DaemonSet", true);
    STATEFUL_SETS = add("apps", "statefulsets", "StatefulSet", true);
    CONTROLLER_REVISIONS = add("apps", "controllerrevisions", "ControllerRevision", true);
    JOBS = add("batch", "jobs", "Job", true);
    CRON_JOBS = add("batch", "cronjobs", "CronJob", true);
    add("autoscaling", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true);
    add("policy", "poddisruptionbudgets", "PodDisruptionBudget", true);
    // rbac
    ROLES = add("rbac.authorization.k8s.io", "roles", "Role", true);
    ROLE_BINDINGS = add("rbac.authorization.k8s.io", "rolebindings", "RoleBinding", true);
    CLUSTER_ROLES = add("rbac.authorization.k8s.io", "clusterroles", "ClusterRole", false);
    CLUSTER_ROLE_BINDINGS = add("rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", false);
    // networking, discovery, coordination
    quirk("networking.k8s.io", "ingresses", "Ingress", true, "ingress", "ingresses are stored under the singular ingress");
    add("networking.k8s.io", "ingressclasses", "IngressClass", false);
    add("networking.k8s.io", "networkpolicies", "NetworkPolicy", true);
    add("networking.k8s.io", "ipaddresses", "IPAddress", false);
    add("networking.k8s.io", "servicecidrs", "ServiceCIDR", false);
    add("discovery.k8s.io", "endpointslices", "EndpointSlice", true);
    add("coordination.k8s.io", "leases", "Lease", true);
    add("coordination.k8s.io", "leasecandidates", "LeaseCandidate", true, "a candidate for coordinated leader election");
    // cluster configuration
    add("scheduling.k8s.io", "priorityclasses", "PriorityClass", false);
    add("node.k8s.io", "runtimeclasses", "RuntimeClass", false);
    add("storage.k8s.io", "storageclasses", "StorageClass", false);
    add("storage.k8s.io", "csidrivers", "CSIDriver", false);
    add("storage.k8s.io", "csinodes", "CSINode", false);
    add("storage.k8s.io", "volumeattachments", "VolumeAttachment", false);
    add("storage.k8s.io", "volumeattributesclasses", "VolumeAttributesClass", false, "mutable volume parameters a PVC can name");
    add("storage.k8s.io", "csistoragecapacities", "CSIStorageCapacity", true, "capacity a CSI driver reports for a topology segment");
    add("storagemigration.k8s.io", "storageversionmigrations", "StorageVersionMigration", false,
        "a request to rewrite every object of a resource at the current storage version");
    add("internal.apiserver.k8s.io", "storageversions", "StorageVersion", false,
        "which version each kube-apiserver encodes a resource at, written by the apiservers themselves");
    add("certificates.k8s.io", "certificatesigningrequests", "CertificateSigningRequest", false);
    add("certificates.k8s.io", "clustertrustbundles", "ClusterTrustBundle", false, "trust anchors published to Pods");
    add("certificates.k8s.io", "podcertificaterequests", "PodCertificateRequest", true, "a certificate kubelet requests for a Pod");
    add("admissionregistration.k8s.io", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false);
    add("admissionregistration.k8s.io", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false);
    add("admissionregistration.k8s.io", "validatingadmissionpolicies", "ValidatingAdmissionPolicy", false);
    add("admissionregistration.k8s.io", "validatingadmissionpolicybindings", "ValidatingAdmissionPolicyBinding", false);
    add("admissionregistration.k8s.io", "mutatingadmissionpolicies", "MutatingAdmissionPolicy", false);
    add("admissionregistration.k8s.io", "mutatingadmissionpolicybindings", "MutatingAdmissionPolicyBinding", false);
    add("flowcontrol.apiserver.k8s.io", "flowschemas", "FlowSchema", false);
    add("flowcontrol.apiserver.k8s.io", "prioritylevelconfigurations", "PriorityLevelConfiguration", false);
    add("resource.k8s.io", "deviceclasses", "DeviceClass", false);
    add("resource.k8s.io", "resourceclaims", "ResourceClaim", true);
    add("resource.k8s.io", "resourceclaimtemplates", "ResourceClaimTemplate", true);
    add("resource.k8s.io", "resourceslices", "ResourceSlice", false);
    add("resource.k8s.io", "devicetaintrules", "DeviceTaintRule", false, "taints devices of dynamic resource allocation");
    add("resource.k8s.io", "resourcepoolstatusrequests", "ResourcePoolStatusRequest", false,
        "asks for the status of a pool of dynamic-resource-allocation devices");
    // workload-aware scheduling and eviction
    add("scheduling.k8s.io", "workloads", "Workload", true, "a group of Pods scheduled together");
    add("scheduling.k8s.io", "podgroups", "PodGroup", true, "Pods of a Workload scheduled as one");
    add("scheduling.k8s.io", "compositepodgroups", "CompositePodGroup", true, "PodGroups of a Workload scheduled as one");
    add("lifecycle.k8s.io", "evictions", "Eviction", true,
        "lifecycle.k8s.io is served by kube-apiserver itself: stored under evictions, without the group");
    add("lifecycle.k8s.io", "evictionrequests", "EvictionRequest", true,
        "lifecycle.k8s.io is served by kube-apiserver itself: stored under evictionrequests, without the group");
    // served by other apiservers in the same binary: the group is part of the key, values are JSON
    quirk("apiregistration.k8s.io", "apiservices", "APIService", false, "apiregistration.k8s.io/apiservices",
        "API services are kept by the aggregator, stored as JSON under their group");
    quirk("apiextensions.k8s.io", "customresourcedefinitions", "CustomResourceDefinition", false,
        "apiextensions.k8s.io/customresourcedefinitions", "CRDs are kept by the extensions apiserver, stored as JSON under their group");
  }

  /** Keys that hold no API object: allocator state, leases of apiservers, etcd bookkeeping. */
  private static final Map<String, String> NOT_OBJECTS = Map.of(
      "/peerserverleases/", "an apiserver's identity lease for peer proxying (a Lease kept by kube-apiserver itself, not served by the API)",
      "/ranges/serviceips", "the ClusterIP allocator's bitmap (a RangeAllocation); gone since 1.34 where ClusterIPs are IPAddress objects under /ipaddresses",
      "/ranges/servicenodeports", "the NodePort allocator's bitmap (a RangeAllocation)",
      "/masterleases/", "an apiserver's lease on the kubernetes service endpoints, one key per apiserver IP");

  /** The namespace of the nodes' Leases, which {@link #describe(String)} explains apart from other Leases. */
  private static final String NODE_LEASES = "kube-node-lease/";

  private final String prefix;

  private KeyLayout(String prefix) {
    this.prefix = prefix;
  }

  /** The layout under kube-apiserver's default {@code --etcd-prefix=/registry}. */
  public static KeyLayout standard() {
    return new KeyLayout(EtcdRegistry.DEFAULT_PREFIX);
  }

  public static KeyLayout withPrefix(String etcdPrefix) {
    return new KeyLayout(etcdPrefix.endsWith("/") ? etcdPrefix.substring(0, etcdPrefix.length() - 1) : etcdPrefix);
  }

  public String prefix() {
    return prefix;
  }

  /** Every resource this layout knows by name, in a stable order. */
  public static List<ResourceType> knownResources() {
    return Collections.unmodifiableList(new ArrayList<>(BY_QUALIFIED_NAME.values()));
  }

  /**
   * The type of {@code resource} in {@code group}. Unknown resources of built-in groups are stored under
   * their name; those of any other group are custom resources, stored under {@code <group>/<resource>}.
   * Scope cannot be known for those: it is taken as namespaced, pass {@code null} as namespace to say otherwise.
   */
  public ResourceType resource(String group, String resource) {
    if (group == null || resource == null || resource.isEmpty()) {
      throw new IllegalArgumentException("Give a group (\"\" for core) and a plural resource name such as \"pods\"");
    }
    ResourceType known = BY_QUALIFIED_NAME.get(qualified(group, resource));
    if (known != null) {
      return known;
    }
    String segment = BUILT_IN_GROUPS.contains(group) ? resource : group + "/" + resource;
    String note = BUILT_IN_GROUPS.contains(group) ? "" : "custom resources are stored as JSON under <group>/<plural>";
    return new ResourceType(group, resource, "", true, segment, note);
  }

  /** The key of one object of a resource; {@code namespace} is {@code null} for cluster-scoped objects. */
  public String keyOf(String group, String resource, String namespace, String name) {
    ResourceType type = resource(group, resource);
    if (type.kind().isEmpty()) {
      // scope unknown: the caller decides by passing a namespace or not
      return namespace == null ? prefix + "/" + type.segment() + "/" + name : prefix + "/" + type.segment() + "/" + namespace + "/" + name;
    }
    return type.key(prefix, namespace, name);
  }

  /** The resource a key belongs to, when the layout knows it. */
  public Optional<ResourceType> resourceOf(String key) {
    String path = relative(key);
    if (path == null) {
      return Optional.empty();
    }
    ResourceType best = null;
    for (ResourceType type : BY_QUALIFIED_NAME.values()) {
      if (path.startsWith("/" + type.segment() + "/") && (best == null || type.segment().length() > best.segment().length())) {
        best = type; // longest match: services/specs before a hypothetical services
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The family of {@code key}: the part of its path that all keys of one resource (or one allocator) share —
   * {@code pods} for {@code /registry/pods/default/nginx}, {@code services/specs} for a Service,
   * {@code stable.example.com/crontabs} for a custom resource, {@code ranges/serviceips} for that allocator;
   * a key outside the prefix (such as {@code compact_rev_key}) is a family of its own.
   */
  public String familyOf(String key) {
    String root = prefix() + "/";
    if (!key.startsWith(root)) {
      return key;
    }
    Optional<ResourceType> known = resourceOf(key);
    if (known.isPresent()) {
      return known.get().segment();
    }
    String[] parts = key.substring(root.length()).split("/", -1);
    // <group>/<plural> for custom resources; ranges/<allocator> holds one allocator each
    boolean twoLevels = parts.length >= 2 && (parts[0].contains(".") || parts[0].equals("ranges"));
    return twoLevels ? parts[0] + "/" + parts[1] : parts[0];
  }

  /**
   * The namespace of the object stored under {@code key}: {@code default} for {@code /registry/pods/default/nginx},
   * {@code shop} for the Namespace {@code /registry/namespaces/shop} itself; empty for cluster-scoped objects and keys
   * that are not objects.
   */
  public Optional<String> namespaceOf(String key) {
    String family = familyOf(key);
    int objectPath = prefix.length() + family.length() + 2;
    if (family.equals(key) || key.length() < objectPath) {
      return Optional.empty(); // outside the prefix, or a family's own key
    }
    String[] rest = key.substring(objectPath).split("/", -1);
    if (family.equals(NAMESPACES.segment()) && rest.length == 1) {
      return Optional.of(rest[0]);
    }
    return rest.length == 2 ? Optional.of(rest[0]) : Optional.empty(); // names hold no slash: <namespace>/<name>
  }

  /**
   * What a key holds, in words: {@code "Node worker-1 — nodes are stored under their old name, minions"}.
   */
  public String describe(String key) {
    String path = relative(key);
    if (path == null) {
      return key.equals("compact_rev_key") || key.endsWith("/compact_rev_key")
          ? "the revision kube-apiserver last compacted etcd to; not an API object"
          : "outside the registry prefix " + prefix;
    }
    for (Map.Entry<String, String> special : NOT_OBJECTS.entrySet()) {
      if (path.startsWith(special.getKey())) {
        return "not an API object: " + special.getValue();
      }
    }
    Optional<ResourceType> known = resourceOf(key);
    String rest;
    String what;
    String note;
    if (known.isPresent()) {
      ResourceType type = known.get();
      rest = path.substring(type.segment().length() + 2);
      what = type.kind();
      note = type.kind().equals("Lease") && rest.startsWith(NODE_LEASES)
          ? "the heartbeat of Node " + rest.substring(NODE_LEASES.length()) + ", which its kubelet renews every 10 s" : type.note();
    } else {
      String[] parts = path.substring(1).split("/");
      if (parts.length >= 3 && parts[0].contains(".")) {
        what = "custom resource " + parts[0] + "/" + parts[1];
        rest = path.substring(parts[0].length() + parts[1].length() + 3);
        note = "stored as JSON under <group>/<plural>";
      } else {
        what = "object of " + parts[0];
        rest = path.substring(parts[0].length() + 2);
        note = "";
      }
    }
    int slash = rest.indexOf('/');
    String object = slash < 0 ? rest : rest.substring(slash + 1) + " in namespace " + rest.substring(0, slash);
    return what + " " + object + (note.isEmpty() ? "" : " — " + note);
  }

  private String relative(String key) {
    return key != null && key.startsWith(prefix + "/") ? key.substring(prefix.length()) : null;
  }

  private static ResourceType add(String group, String resource, String kind, boolean namespaced) {
    return quirk(group, resource, kind, namespaced, resource, "");
  }

  private static ResourceType add(String group, String resource, String kind, boolean namespaced, String note) {
    return quirk(group, resource, kind, namespaced, resource, note);
  }

  private static ResourceType quirk(String group, String resource, String kind, boolean namespaced, String segment, String note) {
    ResourceType type = new ResourceType(group, resource, kind, namespaced, segment, note);
    BY_QUALIFIED_NAME.put(qualified(group, resource), type);
    return type;
  }

  private static String qualified(String group, String resource) {
    return group.isEmpty() ? resource : group + "/" + resource;
  }
}
