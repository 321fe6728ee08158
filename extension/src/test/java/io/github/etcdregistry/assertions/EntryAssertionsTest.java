package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Entry assertions against objects a real kube-apiserver stored. */
@WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS)
class EntryAssertionsTest {

  @Test
  void revisionsMatchWhatTheApiServesAsResourceVersion(KubernetesClient kube) {
    ConfigMap created = kube.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("counted").endMetadata()
        .addToData("n", "1").build()).create();
    ConfigMap updated = kube.configMaps().withName("counted").edit(cm -> new ConfigMapBuilder(cm).addToData("n", "2").build());

    assertThatRegistry().hasConfigMap("default", "counted")
        .hasCreateRevision(Long.parseLong(created.getMetadata().getResourceVersion()))
        .hasModRevision(Long.parseLong(updated.getMetadata().getResourceVersion()))
        .hasVersion(2)
        .decodedAs(ConfigMap.class)
        .extracting(cm -> cm.getMetadata().getResourceVersion()).isEqualTo(updated.getMetadata().getResourceVersion());
  }

  @Test
  void storedTypeAndViews(KubernetesClient kube) {
    kube.apps().deployments().resource(new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec().endTemplate()
        .endSpec().build()).create();

    assertThatRegistry().hasDeployment("default", "web")
        .isProtobuf().isNotEncrypted().hasStoredApiVersion("apps/v1").hasStoredKind("Deployment")
        .decodedAs(Deployment.class).extracting(d -> d.getSpec().getReplicas()).isEqualTo(1); // defaulted before storing
    assertThatRegistry().hasDeployment("default", "web").asYaml()
        .contains("kind: Deployment").contains("image: nginx:1.27").doesNotContain("resourceVersion: \"\"");
    assertThatRegistry().hasDeployment("default", "web").asJson().contains("\"apiVersion\" : \"apps/v1\"");
    assertThat(catchThrowable(() -> assertThatRegistry().hasDeployment("default", "web").hasStoredApiVersion("apps/v1beta2")))
        .hasMessageContaining("to have apiVersion \"apps/v1beta2\" but it has \"apps/v1\"");
  }

  @Test
  void customResourcesAreJsonUnderTheirGroup(KubernetesClient kube) {
    CustomResourceDefinitions.of(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName("widgets.example.com").endMetadata()
        .withNewSpec().withGroup("example.com").withScope("Cluster")
        .withNewNames().withPlural("widgets").withKind("Widget").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).withNewSchema().withNewOpenAPIV3Schema()
        .withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema().endVersion()
        .endSpec().build()).applyTo(kube, Duration.ofSeconds(30)); // applied, then waited for until Established
    kube.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("example.com").withVersion("v1")
        .withPlural("widgets").withKind("Widget").withNamespaced(false).build())
        .resource(new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
            .withNewMetadata().withName("blue").endMetadata().withAdditionalProperties(Map.of("spec", Map.of("color", "blue"))).build())
        .create();

    assertThatRegistry().hasResource("apiextensions.k8s.io", "customresourcedefinitions", null, "widgets.example.com")
        .isJson().hasStoredKind("CustomResourceDefinition");
    assertThatRegistry().hasResource("example.com", "widgets", null, "blue")
        .isJson().hasStoredApiVersion("example.com/v1")
        .decodedAs(GenericKubernetesResource.class)
        .extracting(widget -> ((Map<?, ?>) widget.getAdditionalProperties().get("spec")).get("color")).isEqualTo("blue");
    assertThat(catchThrowable(() -> assertThatRegistry().hasResource("example.com", "widgets", null, "blue").isProtobuf()))
        .hasMessageContaining("to be stored as protobuf but it is stored as json");
  }

  @Test
  void secretViewsAreRedacted(KubernetesClient kube) {
    kube.secrets().resource(new SecretBuilder().withNewMetadata().withName("token").endMetadata()
        .addToStringData("token", "do-not-print-me").build()).create();

    assertThatRegistry().hasSecret("default", "token").asJson().contains("\"token\" : \"<redacted>\"").doesNotContain("ZG8tbm90");
    assertThatRegistry().hasSecret("default", "token").asYaml().contains("token: <redacted>").doesNotContain("ZG8tbm90");
  }
}
