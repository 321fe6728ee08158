package io.github.etcdregistry.workshop.lessons;

import static io.github.etcdregistry.workshop.Blanks.___;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.workshop.Expect;
import io.github.etcdregistry.workshop.LessonObjects;
import io.github.etcdregistry.workshop.Workshop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 3 — Protobuf in an envelope, or JSON.
 *
 * <p>In namespace {@code lesson3}: Deployment {@code web}; the CustomResourceDefinition
 * {@code crontabs.stable.example.com} and a CronTab {@code my-cron}. kube-apiserver brings its own APIServices,
 * one per built-in group and version, such as {@code v1.apps}.
 */
@Workshop
class Lesson3EncodingsTest {

  private static final String DEPLOYMENT = "/registry/deployments/lesson3/web";

  private static KubernetesClient kube;

  @BeforeAll
  static void create(KubernetesClient client) {
    kube = client;
    LessonObjects.encodings(kube);
  }

  @Test
  void howABuiltInObjectIsStored() {
    // protobuf, json or encrypted?
    Expect.encodingOf(DEPLOYMENT, "protobuf");
  }

  @Test
  void protobufStartsWithAMagicAndAnEnvelope(EtcdRegistry registry) {
    // The first four bytes, as a Java string ("\0" is the zero byte): `etcdctl get` shows them at the start.
    Expect.valueBeginsWith(DEPLOYMENT, "k8s\0");
    // The envelope names what follows; the key did not say the group, the envelope does.
    Expect.text("the apiVersion in the envelope", registry.get(DEPLOYMENT).orElseThrow().stored().apiVersion().orElseThrow(),
        "apps/v1", DEPLOYMENT);
  }

  @Test
  void aCustomResourceDefinition(EtcdRegistry registry) {
    HasMetadata crd = kube.apiextensions().v1().customResourceDefinitions().withName("crontabs.stable.example.com").get();
    String key = "/registry/apiextensions.k8s.io/customresourcedefinitions/crontabs.stable.example.com";
    Expect.keyOf(crd, key);
    Expect.encodingOf(key, "json");
    // The API serves apiextensions.k8s.io/v1; which apiVersion is written to etcd?
    Expect.text("the apiVersion a CRD is stored as", registry.get(key).orElseThrow().stored().apiVersion().orElseThrow(),
        "apiextensions.k8s.io/v1beta1", key);
  }

  @Test
  void aCustomResource() {
    HasMetadata cron = kube.genericKubernetesResources(LessonObjects.crontabs()).inNamespace("lesson3").withName("my-cron").get();
    String key = "/registry/stable.example.com/crontabs/lesson3/my-cron";
    Expect.keyOf(cron, key);
    Expect.encodingOf(key, "json");
  }

  @Test
  void anApiService() {
    HasMetadata apiService = kube.genericKubernetesResources(new ResourceDefinitionContext.Builder()
        .withGroup("apiregistration.k8s.io").withVersion("v1").withPlural("apiservices").withKind("APIService").withNamespaced(false)
        .build()).withName("v1.apps").get();
    String key = "/registry/apiregistration.k8s.io/apiservices/v1.apps";
    Expect.keyOf(apiService, key);
    Expect.encodingOf(key, "json");
  }
}
