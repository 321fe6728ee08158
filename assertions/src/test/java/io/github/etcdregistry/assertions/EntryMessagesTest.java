package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.error.ShouldBeEncrypted.shouldBeEncrypted;
import static io.github.etcdregistry.assertions.error.ShouldBeEncrypted.shouldBeEncryptedWith;
import static io.github.etcdregistry.assertions.error.ShouldBeEncrypted.shouldNotBeEncrypted;
import static io.github.etcdregistry.assertions.error.ShouldHaveEncoding.shouldHaveEncoding;
import static io.github.etcdregistry.assertions.error.ShouldHaveRevision.shouldHaveRevision;
import static io.github.etcdregistry.assertions.error.ShouldHaveStoredType.shouldHaveStoredType;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.etcdregistry.codec.EncryptionProvider;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.registry.StoredEntries;
import org.assertj.core.description.TextDescription;
import org.assertj.core.error.ErrorMessageFactory;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Each failure on one entry reads exactly as its message factory writes it, description included. */
class EntryMessagesTest {

  private static final String KEY = "/registry/configmaps/default/settings";
  private static final RegistryEntry CONFIG_MAP =
      StoredEntries.entry(KEY, "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"settings\"}}", 5, 7, 2);
  private static final RegistryEntry ENCRYPTED = StoredEntries.entry(KEY, "k8s:enc:aescbc:v1:key1:\u0001\u0002\u0003", 5, 7, 2);

  @Test
  void revisions() {
    assertFailsWith(() -> entry(CONFIG_MAP).hasVersion(1), shouldHaveRevision(KEY, "version (number of writes)", 1, 2));
    assertFailsWith(() -> entry(CONFIG_MAP).hasModRevision(6), shouldHaveRevision(KEY, "mod_revision", 6, 7));
    assertFailsWith(() -> entry(CONFIG_MAP).hasCreateRevision(4), shouldHaveRevision(KEY, "create_revision", 4, 5));
  }

  @Test
  void storedType() {
    assertFailsWith(() -> entry(CONFIG_MAP).hasStoredKind("Secret"), shouldHaveStoredType(KEY, "kind", "Secret", "ConfigMap"));
    assertFailsWith(() -> entry(CONFIG_MAP).hasStoredApiVersion("apps/v1"), shouldHaveStoredType(KEY, "apiVersion", "apps/v1", "v1"));
  }

  @Test
  void encoding() {
    assertFailsWith(() -> entry(CONFIG_MAP).isProtobuf(),
        shouldHaveEncoding(KEY, "protobuf", "json", CONFIG_MAP.stored().hexPreview()));
  }

  @Test
  void encryption() {
    assertFailsWith(() -> entry(CONFIG_MAP).isEncrypted(), shouldBeEncrypted(KEY, "json"));
    assertFailsWith(() -> entry(CONFIG_MAP).isEncryptedWith("aescbc"), shouldBeEncryptedWith(KEY, "aescbc", "stored in plain text (json)"));
    String prefix = ENCRYPTED.stored().encryption().orElseThrow().toString();
    assertFailsWith(() -> entry(ENCRYPTED).isNotEncrypted(), shouldNotBeEncrypted(KEY, prefix));
    assertFailsWith(() -> entry(ENCRYPTED).isEncryptedWith("secretbox"), shouldBeEncryptedWith(KEY, "secretbox", "encrypted with " + prefix));
  }

  @Test
  void aMisspeltProviderIsABadArgumentNamingTheProvidersThereAre() {
    assertThatThrownBy(() -> entry(ENCRYPTED).isEncryptedWith("aesbc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'aesbc' is no encryption provider; the providers that prefix a stored value are aescbc, aesgcm, secretbox, kms");
    assertThatCode(() -> entry(ENCRYPTED).isEncryptedWith(EncryptionProvider.AESCBC).isEncryptedWith("aescbc")).doesNotThrowAnyException();
  }

  private static RegistryEntryAssert entry(RegistryEntry entry) {
    return new RegistryEntryAssert(entry).as("after rollout");
  }

  private static void assertFailsWith(ThrowingCallable check, ErrorMessageFactory expected) {
    assertThatThrownBy(check).isInstanceOf(AssertionError.class)
        .hasMessage(expected.create(new TextDescription("after rollout"), SecretRedactingRepresentation.INSTANCE));
  }
}
