package io.github.etcdregistry.crds;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Once {@code applyTo} returns, each custom resource answers a list at once: an operator's informer started right then
 * must not get {@code 429 storage is (re)initializing}, which the client does not retry.
 */
@WithEtcdRegistry(backend = Backend.PROCESS, kubeApiServer = true)
class CrdListTest {

  @Test
  void eachNewResourceAnswersAListAsSoonAsItsDefinitionIsApplied(KubernetesClient kube) {
    for (int i = 0; i < 5; i++) {
      String group = "g" + i + ".example.com";
      CustomResourceDefinitions.of(definition(group)).applyTo(kube, Duration.ofSeconds(30));

      ResourceDefinitionContext widgets = new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1")
          .withPlural("widgets").withNamespaced(true).build();
      assertThat(kube.genericKubernetesResources(widgets).inAnyNamespace().list().getItems()).as("widgets of " + group).isEmpty();
    }
  }

  private static CustomResourceDefinition definition(String group) {
    return new CustomResourceDefinitionBuilder().withNewMetadata().withName("widgets." + group).endMetadata()
        .withNewSpec().withGroup(group).withScope("Namespaced")
        .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true)
        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema()
        .endSchema().endVersion().endSpec().build();
  }
}
