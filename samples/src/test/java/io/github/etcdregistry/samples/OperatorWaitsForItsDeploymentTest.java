package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An operator reports its WebApp ready only once the WebApp's Deployment is; the Pods run on simulated nodes. */
@WithEtcdRegistry(nodes = 2, crds = "classpath:crds/webapp.yaml")
class OperatorWaitsForItsDeploymentTest {

  static final ResourceDefinitionContext WEBAPPS = new ResourceDefinitionContext.Builder().withGroup("ops.example.com")
      .withVersion("v1alpha1").withPlural("webapps").withNamespaced(true).build();

  /** Reconciles on each change of a Deployment: the WebApp of the same name is ready when all its replicas are. */
  record Operator(KubernetesClient kube) implements ResourceEventHandler<Deployment> {
    public void onAdd(Deployment deployment) {
      onUpdate(null, deployment);
    }

    public void onUpdate(Deployment before, Deployment deployment) {
      var app = kube.genericKubernetesResources(WEBAPPS).inNamespace(deployment.getMetadata().getNamespace())
          .withName(deployment.getMetadata().getName());
      boolean ready = deployment.getStatus() != null && deployment.getSpec().getReplicas().equals(deployment.getStatus().getReadyReplicas());
      app.editStatus(webApp -> new GenericKubernetesResourceBuilder(webApp).addToAdditionalProperties("status", Map.of("ready", ready)).build());
    }

    public void onDelete(Deployment deployment, boolean finalStateUnknown) {}
  }

  @Test
  void theWebAppIsReadyOnlyOnceItsDeploymentIs(KubernetesClient kube, TestNamespace ns) {
    kube.genericKubernetesResources(WEBAPPS).inNamespace(ns.name()).resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("ops.example.com/v1alpha1").withKind("WebApp").withNewMetadata().withName("shop").endMetadata().build()).create();
    kube.apps().deployments().inNamespace(ns.name()).resource(new DeploymentBuilder().withNewMetadata().withName("shop").endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "shop").endSelector().withNewTemplate().withNewMetadata()
        .addToLabels("app", "shop").endMetadata().withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
        .endSpec().endTemplate().endSpec().build()).create();

    try (var operator = kube.apps().deployments().inNamespace(ns.name()).inform(new Operator(kube))) {
      assertThatRegistry().within(Duration.ofSeconds(30)).hasResource("ops.example.com", "webapps", ns.name(), "shop")
          .decodedAs(GenericKubernetesResource.class, app -> assertThat(app.<Boolean>get("status", "ready")).isTrue());
      assertThatRegistry().hasDeployment(ns.name(), "shop").decodedAs(Deployment.class)
          .satisfies(web -> assertThat(web.getStatus().getReadyReplicas()).isEqualTo(2));
    }
  }
}
