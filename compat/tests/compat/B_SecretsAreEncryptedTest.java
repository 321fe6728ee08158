package compat;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEtcdRegistry(kubeApiServer = true, encryption = "aescbc")
class B_SecretsAreEncryptedTest {

  @BeforeAll
  static void remember(ControlPlane controlPlane) {
    StoppedControlPlanes.remember(controlPlane);
  }

  @Test
  void secretIsEncryptedAtRest(KubernetesClient kube, EtcdRegistry registry) {
    kube.secrets().inNamespace("default").resource(new SecretBuilder()
        .withNewMetadata().withName("db").endMetadata()
        .addToStringData("password", "compat-canary")
        .build()).create();

    assertThatRegistry().hasSecret("default", "db")
        .isEncryptedWith("aescbc")
        .decodedAs(Secret.class)
        .satisfies(secret -> assertThat(secret.getData()).containsEntry("password",
            Base64.getEncoder().encodeToString("compat-canary".getBytes(StandardCharsets.UTF_8))));
    assertThat(new String(registry.get("/registry/secrets/default/db").orElseThrow().value(), StandardCharsets.ISO_8859_1))
        .doesNotContain("compat-canary");
  }

  @Test
  void theControlPlaneOfTheClassBeforeIsGone() {
    StoppedControlPlanes.assertAllBut(1).areGone();
  }
}
