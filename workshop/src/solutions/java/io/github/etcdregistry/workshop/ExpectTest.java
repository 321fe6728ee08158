package io.github.etcdregistry.workshop;

import static io.github.etcdregistry.workshop.Blanks.___;
import static io.github.etcdregistry.workshop.Blanks.___N;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.junit.TestNamespace;
import org.junit.jupiter.api.Test;

/** A wrong or empty blank fails with what was expected and, in KeyLayout.describe's words, what the key holds. */
@Workshop
class ExpectTest {

  @Test
  void aWrongKeyIsAnsweredWithTheRightOneAndWhatItHolds(KubernetesClient kube, TestNamespace namespace) {
    ConfigMap settings = settings(kube, namespace);
    String key = "/registry/configmaps/" + namespace.name() + "/settings";

    assertThatThrownBy(() -> Expect.keyOf(settings, "/registry/configmap/" + namespace.name() + "/settings"))
        .hasMessageContaining("Blank: the etcd key of ConfigMap " + namespace.name() + "/settings")
        .hasMessageContaining("expected: \"" + key + "\"")
        .hasMessageContaining("but was:  \"/registry/configmap/" + namespace.name() + "/settings\"")
        .hasMessageContaining("nothing is stored there")
        .hasMessageContaining("Why: " + key + " holds ConfigMap settings in namespace " + namespace.name() + " (KeyLayout.describe)");
    assertThatCode(() -> Expect.keyOf(settings, key)).doesNotThrowAnyException();
  }

  @Test
  void anEmptyBlankSaysSo(KubernetesClient kube, TestNamespace namespace) {
    ConfigMap settings = settings(kube, namespace);

    assertThatThrownBy(() -> Expect.keyOf(settings, ___)).hasMessageContaining("but was:  ___ (not filled in yet)");
    assertThatThrownBy(() -> Expect.countUnder("/registry/configmaps/" + namespace.name() + "/set", ___N))
        .hasMessageContaining("Blank: how many keys there are under /registry/configmaps/" + namespace.name() + "/set")
        .hasMessageContaining("expected: 1")
        .hasMessageContaining("but was:  ___ (not filled in yet)");
  }

  @Test
  void aWrongEncodingPointsToTheKey(KubernetesClient kube, TestNamespace namespace) {
    settings(kube, namespace);
    String key = "/registry/configmaps/" + namespace.name() + "/settings";

    assertThatThrownBy(() -> Expect.encodingOf(key, "json"))
        .hasMessageContaining("expected: \"protobuf\"")
        .hasMessageContaining("but was:  \"json\"")
        .hasMessageContaining("Why: " + key + " holds ConfigMap settings");
  }

  private static ConfigMap settings(KubernetesClient kube, TestNamespace namespace) {
    return kube.configMaps().inNamespace(namespace.name()).resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
        .endMetadata().addToData("mode", "fast").build()).create();
  }
}
