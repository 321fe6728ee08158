package io.github.etcdregistry.samples.tour;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import io.github.etcdregistry.internal.Poll;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Creates, through the API as a user would, one of each object the seed article looks at, and waits for what
 * kube-controller-manager writes in answer (Endpoints, ControllerRevisions, ReplicaSets) and, with simulated nodes, what
 * kube-scheduler and kwok (their kubelet) write: bindings, Events, Pod status. Without kube-controller-manager, the tour
 * creates Endpoints and a ControllerRevision itself — and says so; without nodes, a Node.
 */
final class TourObjects {

  static final String NAMESPACE = "tour";
  static final String SECRET_NAME = "db";
  private static final String CRD_NAME = "crontabs.stable.example.com";
  private static final String NO_CONTROLLER = " — created directly: without kube-controller-manager nothing writes it for ";

  private final KubernetesClient kube;
  private final boolean controllersRun;
  private final int nodes;
  private final PrintWriter out;

  private TourObjects(KubernetesClient kube, boolean controllersRun, int nodes, PrintWriter out) {
    this.kube = kube;
    this.controllersRun = controllersRun;
    this.nodes = nodes;
    this.out = out;
  }

  /** Creates everything, printing one line per object; {@code nodes}: how many simulated nodes run the Pods. */
  static void create(KubernetesClient kube, boolean controllersRun, int nodes, PrintWriter out) {
    out.println("Creating what the seed article looks at, in namespace " + NAMESPACE + ":");
    TourObjects objects = new TourObjects(kube, controllersRun, nodes, out);
    objects.createAll();
    if (controllersRun) {
      objects.awaitControllers();
    }
    if (nodes > 0) {
      objects.awaitNodes();
    }
    out.println();
  }

  /** kube-controller-manager answers within moments; the tour shows the registry once it has. */
  private void awaitControllers() {
    await("ControllerRevisions of the DaemonSet and the StatefulSet", () -> names(kube.apps().controllerRevisions().inNamespace(NAMESPACE)
        .list().getItems()).containsAll(List.of("agent", "store")));
    await("the Service's Endpoints", () -> kube.endpoints().inNamespace(NAMESPACE).withName("web").get() != null);
    await("the Deployment's ReplicaSet", () -> names(kube.apps().replicaSets().inNamespace(NAMESPACE).list().getItems()).contains("web"));
    out.println("  kube-controller-manager wrote, in answer: Endpoints " + NAMESPACE + "/web, ControllerRevisions for the"
        + " DaemonSet and the StatefulSet, the Deployment's ReplicaSet and its Pods, ServiceAccounts \"default\"");
  }

  /**
   * kube-scheduler and kwok answer within moments: every Pod bound, Running and Ready (nginx, the Deployment's 2, the
   * DaemonSet's one per node, the StatefulSet's 1), the scheduler's Event about nginx, and the 3 Pods behind the Service
   * in its Endpoints.
   */
  private void awaitNodes() {
    int pods = 4 + nodes;
    await(pods + " Pods Running and Ready", () -> {
      List<Pod> all = kube.pods().inNamespace(NAMESPACE).list().getItems();
      return all.size() == pods && all.stream().allMatch(TourObjects::isRunningAndReady);
    });
    await("the scheduler's Event about Pod nginx", () -> kube.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .anyMatch(event -> "Scheduled".equals(event.getReason()) && "nginx".equals(event.getInvolvedObject().getName())));
    await("the Service's 3 ready addresses", () -> kube.endpoints().inNamespace(NAMESPACE).withName("web").get().getSubsets().stream()
        .mapToInt(subset -> subset.getAddresses().size()).sum() == 3);
    Pod nginx = kube.pods().inNamespace(NAMESPACE).withName("nginx").get();
    out.println("  kube-scheduler bound each Pod to a node (spec.nodeName) and wrote an Event saying so (/registry/events)");
    out.println("  kwok, playing the nodes' kubelet, registered them (/registry/minions), renews their Leases"
        + " (/registry/leases/kube-node-lease) and wrote each Pod's status: " + NAMESPACE + "/nginx is Running and Ready on "
        + nginx.getSpec().getNodeName() + ", IP " + nginx.getStatus().getPodIP());
  }

  private static boolean isRunningAndReady(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && pod.getStatus().getConditions().stream()
        .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
  }

  private void createAll() {
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
    created("Namespace " + NAMESPACE);
    kube.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName("nginx").addToLabels("app", "nginx")
        .endMetadata().withSpec(nginx()).build()).create();
    created("Pod " + NAMESPACE + "/nginx" + (nodes > 0 ? "" : " (no kubelet runs it: it stays Pending)"));
    kube.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "nginx").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "nginx").endMetadata().withSpec(nginx()).endTemplate()
        .endSpec().build()).create();
    created("Deployment " + NAMESPACE + "/web");
    kube.apps().daemonSets().inNamespace(NAMESPACE).resource(new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata().withSpec(nginx()).endTemplate()
        .endSpec().build()).create();
    created("DaemonSet " + NAMESPACE + "/agent");
    kube.apps().statefulSets().inNamespace(NAMESPACE).resource(new StatefulSetBuilder().withNewMetadata().withName("store").endMetadata()
        .withNewSpec().withServiceName("web").withNewSelector().addToMatchLabels("app", "store").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "store").endMetadata().withSpec(nginx()).endTemplate()
        .endSpec().build()).create();
    created("StatefulSet " + NAMESPACE + "/store");
    kube.services().inNamespace(NAMESPACE).resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().addToSelector("app", "nginx")
        .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
        .endSpec().build()).create();
    created("Service " + NAMESPACE + "/web (kube-apiserver allocates its ClusterIP)");
    if (!controllersRun) {
      createWhatControllersWouldWrite();
    }
    kube.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
        .addToData("mode", "fast").build()).create();
    created("ConfigMap " + NAMESPACE + "/settings");
    kube.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(SECRET_NAME).endMetadata()
        .withType("Opaque").addToStringData("password", "s3cr3t-value").build()).create();
    created("Secret " + NAMESPACE + "/" + SECRET_NAME);
    kube.serviceAccounts().inNamespace(NAMESPACE).resource(new ServiceAccountBuilder().withNewMetadata().withName("builder")
        .endMetadata().build()).create();
    created("ServiceAccount " + NAMESPACE + "/builder");
    kube.rbac().roles().inNamespace(NAMESPACE).resource(new RoleBuilder().withNewMetadata().withName("pod-reader").endMetadata()
        .addNewRule().withApiGroups("").withResources("pods").withVerbs("get", "list").endRule().build()).create();
    created("Role " + NAMESPACE + "/pod-reader");
    kube.rbac().roleBindings().inNamespace(NAMESPACE).resource(new RoleBindingBuilder().withNewMetadata().withName("pod-reader")
        .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("pod-reader").endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName("builder").withNamespace(NAMESPACE).endSubject().build()).create();
    created("RoleBinding " + NAMESPACE + "/pod-reader");
    if (nodes == 0) {
      kube.nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-1").addToLabels("kubernetes.io/os", "linux")
          .endMetadata().withNewSpec().withPodCIDR("10.244.1.0/24").endSpec().build()).create();
      created("Node worker-1 (no kubelet behind it)");
    }
    createCustomResource();
  }

  /** The owners' names of controller-made objects: {@code store-7d9f6c5b8} → {@code store}. */
  private static List<String> names(List<? extends HasMetadata> objects) {
    return objects.stream().map(object -> object.getMetadata().getName().replaceFirst("-[^-]+$", "")).toList();
  }

  private static void await(String what, BooleanSupplier done) {
    switch (Poll.atMost(Duration.ofSeconds(30)).every(Duration.ofMillis(50)).until(done).outcome()) {
      case INTERRUPTED -> throw new IllegalStateException("interrupted while waiting for " + what);
      case TIMED_OUT -> throw new IllegalStateException("the control plane did not write " + what + " within 30 s");
      default -> { }
    }
  }

  /** Without kube-controller-manager, what it would write for the StatefulSet and the Service, made by hand. */
  private void createWhatControllersWouldWrite() {
    kube.apps().controllerRevisions().inNamespace(NAMESPACE).resource(new ControllerRevisionBuilder()
        .withNewMetadata().withName("store-1").addToLabels("app", "store").endMetadata().withRevision(1L)
        .withData(new GenericKubernetesResourceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
            .withAdditionalProperties(Map.of("spec", Map.of("template", Map.of("metadata", Map.of("labels", Map.of("app", "store")))))).build())
        .build()).create();
    created("ControllerRevision " + NAMESPACE + "/store-1" + NO_CONTROLLER + "the StatefulSet");
    kube.endpoints().inNamespace(NAMESPACE).resource(new EndpointsBuilder().withNewMetadata().withName("web").endMetadata()
        .addNewSubset().addNewAddress().withIp("10.244.1.5").endAddress().addNewPort().withName("http").withPort(8080).endPort()
        .endSubset().build()).create();
    created("Endpoints " + NAMESPACE + "/web" + NO_CONTROLLER + "the Service");
  }

  private void createCustomResource() {
    // The API serves the new resource only once the CRD is Established; creating a CronTab before that is refused.
    CustomResourceDefinitions.of(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(CRD_NAME).endMetadata()
        .withNewSpec().withGroup("stable.example.com").withScope("Namespaced")
        .withNewNames().withPlural("crontabs").withSingular("crontab").withKind("CronTab").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema().withNewOpenAPIV3Schema()
        .withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
        .endSpec().build()).applyTo(kube, Duration.ofSeconds(30));
    created("CustomResourceDefinition " + CRD_NAME + " (waited until Established)");
    ResourceDefinitionContext crontabs = new ResourceDefinitionContext.Builder().withGroup("stable.example.com").withVersion("v1")
        .withPlural("crontabs").withKind("CronTab").withNamespaced(true).build();
    kube.genericKubernetesResources(crontabs).inNamespace(NAMESPACE).resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("stable.example.com/v1").withKind("CronTab").withNewMetadata().withName("my-cron").endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("cronSpec", "* * * * */5", "image", "my-cron-image")))
        .build()).create();
    created("CronTab " + NAMESPACE + "/my-cron (a custom resource)");
  }

  private void created(String what) {
    out.println("  " + what);
    out.flush();
  }

  private static PodSpec nginx() {
    return new PodSpecBuilder()
        .addNewContainer().withName("nginx").withImage("nginx:1.27").addNewPort().withName("http").withContainerPort(8080).endPort()
        .endContainer()
        .build();
  }
}
