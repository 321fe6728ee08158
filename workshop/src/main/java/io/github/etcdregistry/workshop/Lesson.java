package io.github.etcdregistry.workshop;

import java.util.List;

/**
 * The lessons, in the order the seed article goes. Each is a test class {@code Lesson<n>...Test} in
 * {@code src/exercises/java} (blanks to fill in) and in {@code src/solutions/java} (the answers, which CI runs).
 * {@code scripts/workshop} lists them from this file: keep one constant per line start, {@code NAME(n, "title",}.
 */
public enum Lesson {

  FIND_ETCD(1, "Find etcd and read it with borrowed certificates",
      "kube-apiserver names etcd in --etcd-servers and reaches it with a client certificate; borrow that certificate"
          + " and read /registry yourself.",
      "Lesson1FindEtcdTest", List.of("/registry/namespaces/", "/registry/ranges/")),
  KEY_SHAPE(2, "The key shape /registry/<resource>/<namespace>/<name>",
      "Every object has one key: the plural resource without its group, the namespace (none for cluster-wide"
          + " objects), the name.",
      "Lesson2KeyShapeTest", List.of("/registry/configmaps/lesson2/", "/registry/pods/lesson2/", "/registry/deployments/lesson2/",
          "/registry/namespaces/lesson2", "/registry/clusterroles/lesson2-")),
  ENCODINGS(3, "Protobuf in an envelope, or JSON",
      "Built-in objects are protobuf behind the k8s\\0 magic and an envelope naming apiVersion and kind; CRDs, custom"
          + " resources and APIServices are JSON, under their group.",
      "Lesson3EncodingsTest", List.of("/registry/deployments/lesson3/", "/registry/apiextensions.k8s.io/customresourcedefinitions/",
          "/registry/stable.example.com/", "/registry/apiregistration.k8s.io/apiservices/v1.apps")),
  SECRETS(4, "Secrets in plain text, then encrypted",
      "Without an EncryptionConfiguration a Secret's value is readable in etcd; with aescbc the value starts with"
          + " k8s:enc:aescbc:v1:<key>: and nothing else is legible.",
      "Lesson4SecretsTest", List.of("/registry/secrets/lesson4/")),
  CONTROLLERS(5, "What controllers write",
      "kube-controller-manager answers a Deployment with a ReplicaSet and Pods, a Service with Endpoints and an"
          + " EndpointSlice, a DaemonSet with a ControllerRevision: keys nobody created through the API.",
      "Lesson5ControllersTest", List.of("/registry/deployments/lesson5/", "/registry/replicasets/lesson5/", "/registry/pods/lesson5/",
          "/registry/services/specs/lesson5/", "/registry/services/endpoints/lesson5/", "/registry/endpointslices/lesson5/", "/registry/daemonsets/lesson5/",
          "/registry/controllerrevisions/lesson5/")),
  HISTORICAL_NAMES(6, "Historical names: minions, services/specs, controllers",
      "Some resources keep the name they had when Kubernetes was young: Nodes are minions, Services are"
          + " services/specs, ReplicationControllers are controllers, Ingresses are ingress.",
      "Lesson6HistoricalNamesTest", List.of("/registry/minions/lesson6-", "/registry/services/specs/lesson6/",
          "/registry/controllers/lesson6/", "/registry/ingress/lesson6/")),
  SINCE_1_10(7, "What changed since 1.10: serviceips became ipaddresses and servicecidrs",
      "The ClusterIP bitmap /registry/ranges/serviceips is gone: each ClusterIP is an IPAddress object, allocated from"
          + " a ServiceCIDR; NodePorts still use their bitmap.",
      "Lesson7SinceOneTenTest", List.of("/registry/ranges/", "/registry/ipaddresses/", "/registry/servicecidrs/",
          "/registry/services/specs/lesson7/")),
  REVISIONS(8, "Revisions and history",
      "etcd counts every write: create_revision, mod_revision (served as resourceVersion) and version; older values"
          + " stay readable at their revision until kube-apiserver compacts.",
      "Lesson8RevisionsTest", List.of("/registry/configmaps/lesson8/")),
  SCHEDULER_AND_KUBELET(9, "What the scheduler and the kubelet write",
      "On simulated nodes, kube-scheduler binds each Pod to a node and says so in an Event; the kubelet (kwok here) keeps"
          + " its Node under minions, renews a Lease as heartbeat and writes the Pod's status: Running, Ready, its IP, which"
          + " the Service's EndpointSlice lists.",
      "Lesson9SchedulerAndKubeletTest", 3, List.of("/registry/minions/node-", "/registry/leases/kube-node-lease/",
          "/registry/pods/lesson9/", "/registry/events/lesson9/", "/registry/endpointslices/lesson9/"));

  private final int number;
  private final String title;
  private final String goal;
  private final String testClass;
  private final int nodes;
  private final List<String> keyPrefixes;

  Lesson(int number, String title, String goal, String testClass, List<String> keyPrefixes) {
    this(number, title, goal, testClass, 0, keyPrefixes);
  }

  Lesson(int number, String title, String goal, String testClass, int nodes, List<String> keyPrefixes) {
    this.number = number;
    this.title = title;
    this.goal = goal;
    this.testClass = testClass;
    this.nodes = nodes;
    this.keyPrefixes = keyPrefixes;
  }

  public int number() {
    return number;
  }

  public String title() {
    return title;
  }

  /** What an attendee knows after the lesson, in a sentence or two. */
  public String goal() {
    return goal;
  }

  /** The simple name of the lesson's test class, the same in exercises and solutions. */
  public String testClass() {
    return testClass;
  }

  /**
   * The simulated nodes the lesson's control plane runs (kube-scheduler, and kwok as their kubelet); 0 for the
   * workshop's shared control plane, where Pods stay Pending.
   */
  public int nodes() {
    return nodes;
  }

  /** The namespace the lesson creates its objects in. */
  public String namespace() {
    return "lesson" + number;
  }

  /** The part of the registry tree the lesson is about: keys starting with one of these. */
  public List<String> keyPrefixes() {
    return keyPrefixes;
  }

  /** The command that runs the lesson's exercise. */
  public String command() {
    return "scripts/workshop " + number;
  }

  /** The Maven line behind {@link #command()}. */
  public String mavenCommand() {
    return "mvn -pl workshop -am test -Pexercises -Dtest=" + testClass + " -Dsurefire.failIfNoSpecifiedTests=false";
  }
}
