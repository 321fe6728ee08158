package io.github.etcdregistry.oracle;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import java.time.Duration;
import java.util.Map;

/**
 * One of each object the seed article tours, created through the API as a user would. Without a
 * controller-manager nothing reconciles, so objects a controller would make (Endpoints, ControllerRevisions,
 * ReplicaSets) are created directly.
 */
final class Scenario {

  static final String NAMESPACE = "shop";

  private Scenario() {}

  static void create(KubernetesClient kube) {
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).addToLabels("team", "web")
        .endMetadata().build()).create();
    kube.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
        .withNewMetadata().withName("nginx").addToLabels("app", "nginx").addToAnnotations("note", "from the tour").endMetadata()
        .withSpec(podSpec()).build()).create();
    kube.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
        .addToStringData("password", "s3cr3t-value").withType("Opaque").build()).create();
    kube.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
        .addToData("mode", "fast").addToBinaryData("blob", "AAEC").build()).create();
    kube.serviceAccounts().inNamespace(NAMESPACE).resource(new ServiceAccountBuilder().withNewMetadata().withName("builder")
        .endMetadata().build()).create();
    kube.services().inNamespace(NAMESPACE).resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().addToSelector("app", "nginx")
        .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
        .addNewPort().withName("metrics").withPort(9090).withTargetPort(new IntOrString(9090)).endPort()
        .endSpec().build()).create();
    kube.endpoints().inNamespace(NAMESPACE).resource(new EndpointsBuilder().withNewMetadata().withName("web").endMetadata()
        .addNewSubset().addNewAddress().withIp("10.0.0.7").endAddress().addNewPort().withName("http").withPort(8080).endPort()
        .endSubset().build()).create();
    kube.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "nginx").endSelector()
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(new IntOrString("25%"))
        .withMaxUnavailable(new IntOrString(1)).endRollingUpdate().endStrategy()
        .withNewTemplate().withNewMetadata().addToLabels("app", "nginx").endMetadata().withSpec(podSpec()).endTemplate()
        .endSpec().build()).create();
    kube.apps().daemonSets().inNamespace(NAMESPACE).resource(new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata().withSpec(podSpec()).endTemplate()
        .endSpec().build()).create();
    kube.apps().statefulSets().inNamespace(NAMESPACE).resource(new StatefulSetBuilder().withNewMetadata().withName("store").endMetadata()
        .withNewSpec().withServiceName("web").withNewSelector().addToMatchLabels("app", "store").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "store").endMetadata().withSpec(podSpec()).endTemplate()
        .endSpec().build()).create();
    kube.apps().controllerRevisions().inNamespace(NAMESPACE).resource(new ControllerRevisionBuilder()
        .withNewMetadata().withName("store-1").endMetadata().withRevision(1L)
        .withData(new GenericKubernetesResourceBuilder().withApiVersion("v1").withKind("Note")
            .withAdditionalProperties(Map.of("spec", Map.of("replicas", 1))).build())
        .build()).create();
    kube.batch().v1().jobs().inNamespace(NAMESPACE).resource(new JobBuilder().withNewMetadata().withName("migrate").endMetadata()
        .withNewSpec().withBackoffLimit(2).withNewTemplate().withSpec(new PodSpecBuilder(podSpec()).withRestartPolicy("Never").build())
        .endTemplate().endSpec().build()).create();
    kube.batch().v1().cronjobs().inNamespace(NAMESPACE).resource(new CronJobBuilder().withNewMetadata().withName("nightly").endMetadata()
        .withNewSpec().withSchedule("0 3 * * *").withNewJobTemplate().withNewSpec().withNewTemplate()
        .withSpec(new PodSpecBuilder(podSpec()).withRestartPolicy("OnFailure").build()).endTemplate().endSpec().endJobTemplate()
        .endSpec().build()).create();
    kube.rbac().roles().inNamespace(NAMESPACE).resource(new RoleBuilder().withNewMetadata().withName("reader").endMetadata()
        .addNewRule().withApiGroups("").withResources("pods").withVerbs("get", "list").endRule().build()).create();
    kube.rbac().roleBindings().inNamespace(NAMESPACE).resource(new RoleBindingBuilder().withNewMetadata().withName("reader")
        .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName("reader").endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName("builder").withNamespace(NAMESPACE).endSubject().build()).create();
    kube.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("tour-viewer").endMetadata()
        .addNewRule().withApiGroups("apps").withResources("deployments").withVerbs("get").endRule().build()).create();
    kube.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("tour-viewer")
        .endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("tour-viewer")
        .endRoleRef().addNewSubject().withKind("Group").withName("tour").withApiGroup("rbac.authorization.k8s.io").endSubject()
        .build()).create();
    kube.nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-1").addToLabels("kubernetes.io/os", "linux")
        .endMetadata().withNewSpec().withPodCIDR("10.244.1.0/24").endSpec().build()).create();
    CustomResourceDefinitions.of(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("crontabs.stable.example.com").endMetadata()
        .withNewSpec().withGroup("stable.example.com").withScope("Namespaced")
        .withNewNames().withPlural("crontabs").withSingular("crontab").withKind("CronTab").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema().withNewOpenAPIV3Schema()
        .withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
        .endSpec().build()).applyTo(kube, Duration.ofSeconds(30)); // applied, then waited for until Established
    ResourceDefinitionContext crontabs = new ResourceDefinitionContext.Builder().withGroup("stable.example.com").withVersion("v1")
        .withPlural("crontabs").withKind("CronTab").withNamespaced(true).build();
    kube.genericKubernetesResources(crontabs).inNamespace(NAMESPACE).resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("stable.example.com/v1").withKind("CronTab").withNewMetadata().withName("my-cron").endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("cronSpec", "* * * * */5", "image", "my-cron-image", "replicas", 3)))
        .build()).create();
  }

  private static PodSpec podSpec() {
    return new PodSpecBuilder()
        .addNewContainer().withName("nginx").withImage("nginx:1.27")
        .addNewPort().withName("http").withContainerPort(8080).endPort()
        .addNewEnv().withName("MODE").withNewValueFrom().withNewConfigMapKeyRef("mode", "settings", false).endValueFrom().endEnv()
        .withNewResources().addToRequests("cpu", new Quantity("250m")).addToLimits("memory", new Quantity("128Mi")).endResources()
        .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http")).endHttpGet()
        .withPeriodSeconds(5).endReadinessProbe()
        .addNewVolumeMount().withName("config").withMountPath("/etc/app").endVolumeMount()
        .endContainer()
        .addNewVolume().withName("config").withNewConfigMap().withName("settings").endConfigMap().endVolume()
        .withTerminationGracePeriodSeconds(10L)
        .build();
  }
}
