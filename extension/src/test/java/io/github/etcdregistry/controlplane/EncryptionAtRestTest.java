package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class EncryptionAtRestTest {

  @Test
  void wildcardResourcesAndKeysReadBackAsTheyWere() throws Exception {
    JsonNode configuration = parse(EncryptionAtRest.provider("aescbc", "*.*", "configmaps").withKeyCount(2));

    assertThat(configuration.get("apiVersion").asText()).isEqualTo("apiserver.config.k8s.io/v1");
    assertThat(configuration.get("kind").asText()).isEqualTo("EncryptionConfiguration");
    JsonNode covered = configuration.at("/resources/0");
    assertThat(texts(covered.get("resources"))).containsExactly("*.*", "configmaps");
    assertThat(providerNames(covered)).containsExactly("aescbc", "identity");
    JsonNode keys = covered.at("/providers/0/aescbc/keys");
    assertThat(keys.findValuesAsText("name")).containsExactly("key1", "key2");
    for (String secret : keys.findValuesAsText("secret")) {
      assertThat(Base64.getDecoder().decode(secret)).hasSize(32);
    }
    assertThat(covered.at("/providers/1/identity").isEmpty()).isTrue();
  }

  @Test
  void rotationAndPlainTextChangeWhichProviderWrites() throws Exception {
    EncryptionAtRest twoKeys = EncryptionAtRest.provider("secretbox").withKeyCount(2);

    JsonNode rotated = parse(twoKeys.writingWith("key2")).at("/resources/0");
    assertThat(rotated.at("/providers/0/secretbox/keys").findValuesAsText("name")).containsExactly("key2", "key1");

    JsonNode plainText = parse(twoKeys.writingPlainText()).at("/resources/0");
    assertThat(texts(plainText.get("resources"))).containsExactly("secrets");
    assertThat(providerNames(plainText)).containsExactly("identity", "secretbox");
  }

  @Test
  void identityAloneHasNoKeys() throws Exception {
    JsonNode covered = parse(EncryptionAtRest.provider("identity")).at("/resources/0");
    assertThat(providerNames(covered)).containsExactly("identity");
  }

  private static JsonNode parse(EncryptionAtRest encryption) throws Exception {
    return new YAMLMapper().readTree(encryption.yaml());
  }

  private static List<String> providerNames(JsonNode covered) {
    return StreamSupport.stream(covered.get("providers").spliterator(), false).map(provider -> provider.fieldNames().next()).toList();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
