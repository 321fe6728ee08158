package io.github.etcdregistry.workshop;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import io.github.etcdregistry.internal.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What each lesson creates through the API before it looks into etcd, in namespace {@code lesson<n>}. The lessons
 * and the handout share it, so the handout shows the registry the lessons see.
 */
public final class LessonObjects {

  /** A password a lesson looks for in etcd's bytes; made up, and never printed. */
  public static final String PASSWORD = "correct-horse-battery-staple";

  private static final String CRD = "crontabs.stable.example.com";

  private LessonObjects() {
  }

  /** What lessons 1 to 8 create, for the handout; lesson 9 needs a control plane with nodes: {@link #schedulerAndKubelet}. */
  public static void createAll(KubernetesClient kube) {
    keyShape(kube);
    encodings(kube);
    secrets(kube);
    controllers(kube);
    historicalNames(kube);
    sinceOneTen(kube);
    revisions(kube);
  }

  /** Lesson 2: ConfigMap {@code settings}, Pod {@code nginx}, Deployment {@code web}, ClusterRole {@code lesson2-reader}. */
  public static void keyShape(KubernetesClient kube) {
    String ns = namespace(kube, Lesson.KEY_SHAPE);
    kube.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
        .addToData("mode", "fast").build()).create();
    kube.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("nginx").endMetadata().withSpec(nginx()).build())
        .create();
    kube.apps().deployments().inNamespace(ns).resource(webDeployment(0)).create();
    kube.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("lesson2-reader").endMetadata()
        .addNewRule().withApiGroups("").withResources("pods").withVerbs("get", "list").endRule().build()).create();
  }

  /** Lesson 3: Deployment {@code web} (apps/v1), CRD {@code crontabs.stable.example.com} and CronTab {@code my-cron}. */
  public static void encodings(KubernetesClient kube) {
    String ns = namespace(kube, Lesson.ENCODINGS);
    kube.apps().deployments().inNamespace(ns).resource(webDeployment(0)).create();
    // the API serves crontabs only once the CRD is Established: applied, then waited for
    CustomResourceDefinitions.of(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(CRD).endMetadata()
        .withNewSpec().withGroup("stable.example.com").withScope("Namespaced")
        .withNewNames().withPlural("crontabs").withSingular("crontab").withKind("CronTab").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema().withNewOpenAPIV3Schema()
        .withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
        .endSpec().build()).applyTo(kube, Duration.ofSeconds(30));
    kube.genericKubernetesResources(crontabs()).inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("stable.example.com/v1").withKind("CronTab").withNewMetadata().withName("my-cron").endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("cronSpec", "* * * * */5", "image", "my-cron-image"))).build()).create();
  }

  /** The custom resource of lesson 3. */
  public static ResourceDefinitionContext crontabs() {
    return new ResourceDefinitionContext.Builder().withGroup("stable.example.com").withVersion("v1").withPlural("crontabs")
        .withKind("CronTab").withNamespaced(true).build();
  }

  /** Lesson 4: Secret {@code db} holding {@link #PASSWORD}. */
  public static void secrets(KubernetesClient kube) {
    String ns = namespace(kube, Lesson.SECRETS);
    kube.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
        .addToStringData("password", PASSWORD).build()).create();
  }

  /**
   * Lesson 5: Deployment {@code web} with 2 replicas, Service {@code web} in front of it, DaemonSet {@code agent}
   * (for no node); returns once kube-controller-manager has answered each.
   */
  public static void controllers(KubernetesClient kube) {
    String ns = namespace(kube, Lesson.CONTROLLERS);
    kube.apps().deployments().inNamespace(ns).resource(webDeployment(2)).create();
    kube.services().inNamespace(ns).resource(webService()).create();
    // a node selector no node has: the DaemonSet gets its ControllerRevision, and no Pod on the Nodes other lessons make
    kube.apps().daemonSets().inNamespace(ns).resource(new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
        .withSpec(new PodSpecBuilder(nginx()).addToNodeSelector("workshop.example.com/none", "true").build()).endTemplate()
        .endSpec().build()).create();
    await("the Deployment's ReplicaSet and its 2 Pods", () -> kube.apps().replicaSets().inNamespace(ns).list().getItems().size() == 1
        && kube.pods().inNamespace(ns).list().getItems().size() == 2);
    await("the Service's Endpoints and EndpointSlice", () -> kube.endpoints().inNamespace(ns).withName("web").get() != null
        && !kube.discovery().v1().endpointSlices().inNamespace(ns).list().getItems().isEmpty());
    await("the DaemonSet's ControllerRevision", () -> !kube.apps().controllerRevisions().inNamespace(ns).list().getItems().isEmpty());
  }

  /** Lesson 6: Node {@code lesson6-worker}, Service {@code web}, ReplicationController {@code legacy}, Ingress {@code web}. */
  public static void historicalNames(KubernetesClient kube) {
    String ns = namespace(kube, Lesson.HISTORICAL_NAMES);
    kube.nodes().resource(new NodeBuilder().withNewMetadata().withName("lesson6-worker").endMetadata()
        .withNewSpec().withUnschedulable(true).endSpec().build()).create();
    kube.services().inNamespace(ns).resource(webService()).create();
    kube.replicationControllers().inNamespace(ns).resource(new ReplicationControllerBuilder().withNewMetadata().withName("legacy")
        .endMetadata().withNewSpec().withReplicas(0).addToSelector("app", "legacy").withNewTemplate().withNewMetadata()
        .addToLabels("app", "legacy").endMetadata().withSpec(nginx()).endTemplate().endSpec().build()).create();
    kube.network().v1().ingresses().inNamespace(ns).resource(new IngressBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withNewDefaultBackend().withNewService().withName("web").withNewPort().withNumber(80).endPort().endService()
        .endDefaultBackend().endSpec().build()).create();
  }

  /** Lesson 7: Service {@code web}, which gets a ClusterIP. */
  public static void sinceOneTen(KubernetesClient kube) {
    String ns = namespace(kube, Lesson.SINCE_1_10);
    kube.services().inNamespace(ns).resource(webService()).create();
  }

  /** Lesson 8: the namespace only; the lesson writes its ConfigMap itself, write by write. */
  public static void revisions(KubernetesClient kube) {
    namespace(kube, Lesson.REVISIONS);
  }

  /**
   * Lesson 9, on simulated nodes: Pod {@code nginx}, Deployment {@code web} with 2 replicas, Service {@code web} in front
   * of it; returns once the 3 Pods are Running and Ready, kube-scheduler has written its Event about each, and the
   * EndpointSlice lists the Deployment's 2 Pods as ready.
   */
  public static void schedulerAndKubelet(KubernetesClient kube) {
    String ns = namespace(kube, Lesson.SCHEDULER_AND_KUBELET);
    kube.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("nginx").endMetadata().withSpec(nginx()).build())
        .create();
    kube.apps().deployments().inNamespace(ns).resource(webDeployment(2)).create();
    kube.services().inNamespace(ns).resource(webService()).create();
    await("3 Pods Running and Ready", () -> {
      List<Pod> pods = kube.pods().inNamespace(ns).list().getItems();
      return pods.size() == 3 && pods.stream().allMatch(LessonObjects::isRunningAndReady);
    });
    // the scheduler's Events go out in the background, after the bindings
    await("a Scheduled Event for each Pod", () -> kube.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(event -> "Scheduled".equals(event.getReason())).count() == 3);
    await("2 ready endpoints in the EndpointSlice of Service web", () -> kube.discovery().v1().endpointSlices().inNamespace(ns)
        .list().getItems().stream().flatMap(slice -> slice.getEndpoints().stream())
        .filter(endpoint -> endpoint.getConditions() != null && Boolean.TRUE.equals(endpoint.getConditions().getReady())).count() == 2);
  }

  private static boolean isRunningAndReady(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && pod.getStatus().getConditions().stream()
        .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
  }

  /**
   * Creates the lesson's namespace and waits for its ServiceAccount {@code default}: until kube-controller-manager has
   * made it, kube-apiserver refuses Pods there, and a controller whose Pods were refused retries only after a back-off.
   * Without kube-controller-manager (no {@code default/default} either) there is nothing to wait for.
   */
  private static String namespace(KubernetesClient kube, Lesson lesson) {
    String ns = lesson.namespace();
    boolean controllersRun = kube.serviceAccounts().inNamespace("default").withName("default").get() != null;
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    if (controllersRun) {
      await("ServiceAccount default in namespace " + ns, () -> kube.serviceAccounts().inNamespace(ns).withName("default").get() != null);
    }
    return ns;
  }

  private static io.fabric8.kubernetes.api.model.Service webService() {
    return new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().addToSelector("app", "web")
        .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString(8080)).endPort()
        .endSpec().build();
  }

  private static Deployment webDeployment(int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withSpec(nginx()).endTemplate()
        .endSpec().build();
  }

  private static PodSpec nginx() {
    return new PodSpecBuilder().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().build();
  }

  /** kube-controller-manager, kube-scheduler and kwok answer within moments. */
  private static void await(String what, BooleanSupplier done) {
    switch (Poll.atMost(Duration.ofSeconds(30)).every(Duration.ofMillis(50)).until(done).outcome()) {
      case INTERRUPTED -> throw new IllegalStateException("interrupted while waiting for " + what);
      case TIMED_OUT -> throw new IllegalStateException("the control plane did not write " + what + " within 30 s");
      default -> { }
    }
  }
}
