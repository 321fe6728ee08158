package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.error.ShouldBeDecodable.shouldBeDecodable;
import static io.github.etcdregistry.assertions.error.ShouldBeDecodable.shouldDecodeAs;
import static io.github.etcdregistry.assertions.error.ShouldBeEncrypted.shouldBeEncrypted;
import static io.github.etcdregistry.assertions.error.ShouldBeEncrypted.shouldBeEncryptedWith;
import static io.github.etcdregistry.assertions.error.ShouldBeEncrypted.shouldBeEncryptedWithKey;
import static io.github.etcdregistry.assertions.error.ShouldBeEncrypted.shouldNotBeEncrypted;
import static io.github.etcdregistry.assertions.error.ShouldBeScheduledOn.shouldBeScheduledOn;
import static io.github.etcdregistry.assertions.error.ShouldHaveEncoding.shouldHaveEncoding;
import static io.github.etcdregistry.assertions.error.ShouldHaveRevision.shouldHaveRevision;
import static io.github.etcdregistry.assertions.error.ShouldHappenWithin.shouldSatisfyWithin;
import static io.github.etcdregistry.assertions.error.ShouldHaveStoredType.shouldHaveStoredType;

import io.github.etcdregistry.codec.DecodedObject;
import io.github.etcdregistry.codec.EncryptionPrefix;
import io.github.etcdregistry.codec.EncryptionProvider;
import io.github.etcdregistry.codec.StorageEncoding;
import io.github.etcdregistry.codec.StoredValue;
import io.github.etcdregistry.codec.UndecodableValueException;
import io.github.etcdregistry.registry.RegistryEntry;
import java.lang.reflect.Array;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.StringAssert;

/**
 * Assertions on one registry entry: how its value is stored (encoding, encryption), etcd's revisions, and
 * — through {@link #decodedAs(Class)} — the Kubernetes object it holds.
 *
 * <p>Messages show the key, the encoding and at most the first bytes of a value. A Secret's values never
 * appear: not when the decoded Secret is printed, and not when a value taken from it ({@code extracting},
 * {@code satisfies}, soft assertions, the JSON and YAML views) is — see {@link SecretRedactingRepresentation}.
 *
 * <p>Longer than 300 lines, as AssertJ's own {@code Assert} classes are: every check on one entry (encoding,
 * encryption, revisions, decoding) lives on one fluent type, and each carries its own argument check and message.
 */
public class RegistryEntryAssert extends AbstractAssert<RegistryEntryAssert, RegistryEntry> {

  private SoftAssertionsProvider softly;
  private String missingKey;
  private DecodedObject decoded;
  private RegistryEntry entry; // the latest version: a wait moves it on to newer writes of the key
  private Waiting waiting;

  public RegistryEntryAssert(RegistryEntry actual) {
    super(actual, RegistryEntryAssert.class);
    this.entry = actual;
    withRepresentation(SecretRedactingRepresentation.INSTANCE);
  }

  /** Checks that follow retry on each new write of the key until they pass or the window closes. */
  RegistryEntryAssert waitingIn(Waiting window) {
    this.waiting = window;
    return myself;
  }

  static RegistryEntryAssert of(RegistryEntry entry, SoftAssertionsProvider softly) {
    if (softly == null) {
      return new RegistryEntryAssert(entry);
    }
    RegistryEntryAssert proxy = softly.proxy(RegistryEntryAssert.class, RegistryEntry.class, entry);
    proxy.softly = softly;
    return proxy;
  }

  /** Stands in for a key a soft assertion did not find: its failure is recorded, later checks are skipped. */
  static RegistryEntryAssert missing(String key, SoftAssertionsProvider softly) {
    RegistryEntryAssert missing = new RegistryEntryAssert(null);
    missing.softly = softly;
    missing.missingKey = key;
    return missing;
  }

  /** The value is a protobuf envelope ({@code k8s\0} + runtime.Unknown), the default for built-in types. */
  public RegistryEntryAssert isProtobuf() {
    return hasEncoding(StorageEncoding.PROTOBUF);
  }

  /** The value is JSON, as for custom resources, CRDs and APIServices. */
  public RegistryEntryAssert isJson() {
    return hasEncoding(StorageEncoding.JSON);
  }

  /**
   * The value, once decrypted if encryption at rest is on and the keys are known, has {@code expected} encoding.
   */
  public RegistryEntryAssert hasEncoding(StorageEncoding expected) {
    return check(() -> {
      StoredValue stored = entry.stored();
      StorageEncoding found = stored.encoding();
      String foundText = found.toString();
      if (found == StorageEncoding.ENCRYPTED && expected != StorageEncoding.ENCRYPTED) {
        StoredValue inner = StoredValue.inspect(decrypt());
        found = inner.encoding();
        foundText = found + " encrypted with " + stored.encryption().map(EncryptionPrefix::toString).orElse("?");
      }
      if (found != expected) {
        throwAssertionError(shouldHaveEncoding(entry.key(), expected.toString(), foundText, stored.hexPreview()));
      }
    });
  }

  /** The value carries an encryption-at-rest prefix ({@code k8s:enc:...}). */
  public RegistryEntryAssert isEncrypted() {
    return check(() -> {
      if (entry.stored().encryption().isEmpty()) {
        throwAssertionError(shouldBeEncrypted(entry.key(), entry.stored().encoding().toString()));
      }
    });
  }

  /**
   * The value is encrypted by {@code provider}: {@code aescbc}, {@code aesgcm}, {@code secretbox} or {@code kms}.
   *
   * @throws IllegalArgumentException when {@code provider} is none of them (a typo such as {@code "aesbc"})
   */
  public RegistryEntryAssert isEncryptedWith(String provider) {
    requireText(provider, "provider", "\"aescbc\"");
    return isEncryptedWith(EncryptionProvider.of(provider));
  }

  /** The value is encrypted by {@code provider}. */
  public RegistryEntryAssert isEncryptedWith(EncryptionProvider provider) {
    Objects.requireNonNull(provider, "provider");
    return check(() -> {
      Optional<EncryptionPrefix> prefix = entry.stored().encryption();
      if (prefix.isEmpty() || !prefix.get().provider().equals(provider.configName())) {
        String found = prefix.map(p -> "encrypted with " + p).orElse("stored in plain text (" + entry.stored().encoding() + ")");
        throwAssertionError(shouldBeEncryptedWith(entry.key(), provider.configName(), found));
      }
    });
  }

  /** The value was encrypted with the key (or KMS plugin) named {@code keyName} in the EncryptionConfiguration. */
  public RegistryEntryAssert isEncryptedWithKey(String keyName) {
    requireText(keyName, "key name", "\"key1\"");
    return check(() -> {
      Optional<EncryptionPrefix> prefix = entry.stored().encryption();
      if (prefix.isEmpty()) {
        throwAssertionError(shouldBeEncrypted(entry.key(), entry.stored().encoding().toString()));
      } else if (!prefix.get().keyName().equals(keyName)) {
        throwAssertionError(shouldBeEncryptedWithKey(entry.key(), keyName, prefix.get().toString()));
      }
    });
  }

  /** The value is stored in plain text: no encryption provider wrote it. */
  public RegistryEntryAssert isNotEncrypted() {
    return check(() -> entry.stored().encryption()
        .ifPresent(prefix -> throwAssertionError(shouldNotBeEncrypted(entry.key(), prefix.toString()))));
  }

  /** The stored object's apiVersion, e.g. {@code v1} or {@code apps/v1} (the storage version, not the one requested). */
  public RegistryEntryAssert hasStoredApiVersion(String apiVersion) {
    requireText(apiVersion, "apiVersion", "\"apps/v1\"");
    return hasStoredType("apiVersion", apiVersion, DecodedObject::apiVersion);
  }

  /** The stored object's kind, e.g. {@code Pod}. */
  public RegistryEntryAssert hasStoredKind(String kind) {
    requireText(kind, "kind", "\"Pod\"");
    return hasStoredType("kind", kind, DecodedObject::kind);
  }

  private RegistryEntryAssert hasStoredType(String field, String expected, Function<DecodedObject, String> read) {
    return check(() -> {
      String found = read.apply(decoded());
      if (!expected.equals(found)) {
        throwAssertionError(shouldHaveStoredType(entry.key(), field, expected, found));
      }
    });
  }

  /**
   * The stored Pod is bound to {@code node}: its {@code spec.nodeName}, which kube-scheduler's binding wrote (with
   * {@code @WithEtcdRegistry(nodes = ...)}). With {@code within(...)} it waits for the binding.
   */
  public RegistryEntryAssert isScheduledOn(String node) {
    requireText(node, "node", "\"node-1\"");
    return check(() -> {
      DecodedObject pod = decoded();
      String boundTo = pod.json().path("spec").path("nodeName").asText(null);
      if (!"Pod".equals(pod.kind()) || !node.equals(boundTo)) {
        throwAssertionError(shouldBeScheduledOn(entry.key(), pod.kind(), node, boundTo));
      }
    });
  }

  /** The store revision at which the key was created. */
  public RegistryEntryAssert hasCreateRevision(long expected) {
    return hasRevision("create_revision", expected, RegistryEntry::createRevision);
  }

  /** The store revision of the last write, which kube-apiserver serves as resourceVersion. */
  public RegistryEntryAssert hasModRevision(long expected) {
    return hasRevision("mod_revision", expected, RegistryEntry::modRevision);
  }

  /** How many times the key was written since its creation: 1 after a create, 2 after one update... */
  public RegistryEntryAssert hasVersion(long writes) {
    return hasRevision("version (number of writes)", writes, RegistryEntry::version);
  }

  /** Reads {@code counter} from the latest entry each time: a wait moves it on to newer writes. */
  private RegistryEntryAssert hasRevision(String counter, long expected, ToLongFunction<RegistryEntry> read) {
    return check(() -> {
      long found = read.applyAsLong(entry);
      if (found != expected) {
        throwAssertionError(shouldHaveRevision(entry.key(), counter, expected, found));
      }
    });
  }

  /**
   * Decodes the stored object into {@code type} and verifies it meets {@code requirements}, e.g.
   * {@code decodedAs(Deployment.class, d -> assertThat(d.getStatus().getReplicas()).isEqualTo(2))}. After
   * {@code within(...)}, waits for a write of the key that meets them.
   */
  public <T> RegistryEntryAssert decodedAs(Class<T> type, Consumer<? super T> requirements) {
    if (type == null || requirements == null) {
      throw new IllegalArgumentException("Give the class to decode into and the requirements, e.g. decodedAs(Pod.class, pod -> ...)");
    }
    return check(() -> requirements.accept(decodedInto(type)));
  }

  /**
   * Decodes the stored object into {@code type} — a fabric8 model class such as {@code Pod.class}, or
   * {@code GenericKubernetesResource.class} for custom resources — and continues with assertions on it.
   */
  public <T> ObjectAssert<T> decodedAs(Class<T> type) {
    if (type == null) {
      throw new IllegalArgumentException("Give the class to decode into, e.g. Pod.class");
    }
    if (skipped()) {
      return navigate(DecodedObjectAssert.class, Object.class, null);
    }
    T[] object = newArray(type);
    check(() -> object[0] = decodedInto(type));
    @SuppressWarnings("unchecked")
    ObjectAssert<T> next = navigate(DecodedObjectAssert.class, Object.class, object[0]);
    return next;
  }

  private <T> T decodedInto(Class<T> type) {
    try {
      return decoded().as(type);
    } catch (RuntimeException e) {
      throwAssertionError(shouldDecodeAs(entry.key(), type.getName(), e.getMessage()));
      return null; // not reached
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T[] newArray(Class<T> type) {
    return (T[]) Array.newInstance(type, 1);
  }

  /**
   * Runs {@code check} on the entry. Within a {@code within(...)} window a failing check waits for the key's next
   * write and runs again, until it passes or the window closes; then the last failure is reported with the writes seen.
   */
  private RegistryEntryAssert check(Runnable check) {
    if (skipped()) {
      return myself;
    }
    if (waiting == null) {
      check.run();
      return myself;
    }
    Throwable[] last = {passes(check)};
    if (last[0] == null) {
      return myself;
    }
    boolean passed = waiting.awaitKey(entry.key(), waiting.followFrom(entry), state -> {
      if (state.isEmpty()) {
        return false; // deleted: wait for it to be written again
      }
      entry = state.get();
      decoded = null;
      last[0] = passes(check);
      return last[0] == null;
    });
    if (!passed) {
      throwAssertionError(shouldSatisfyWithin(entry.key(), waiting.timeout(),
          last[0] instanceof AssertionError ? last[0].getMessage() : System.lineSeparator() + last[0], waiting.history()));
    }
    return myself;
  }

  /** The check's failure, or null; an exception counts too, as a version written half-way (no status yet) often causes one. */
  private static Throwable passes(Runnable check) {
    try {
      check.run();
      return null;
    } catch (AssertionError | RuntimeException failure) {
      return failure;
    }
  }

  /** The stored object as Kubernetes JSON (Secret data redacted), to assert on as text. */
  public AbstractStringAssert<?> asJson() {
    return asText(DecodedObject::toJson);
  }

  /** The stored object as YAML (Secret data redacted), to assert on as text. */
  public AbstractStringAssert<?> asYaml() {
    return asText(DecodedObject::toYaml);
  }

  private AbstractStringAssert<?> asText(Function<DecodedObject, String> render) {
    return navigate(StringAssert.class, String.class, skipped() ? null : render.apply(decoded().redacted()));
  }

  private DecodedObject decoded() {
    if (decoded == null) {
      try {
        decoded = entry.decode();
      } catch (UndecodableValueException e) {
        throwAssertionError(shouldBeDecodable(entry.key(), e.getMessage()));
      }
    }
    return decoded;
  }

  private byte[] decrypt() {
    try {
      return entry.plaintext();
    } catch (UndecodableValueException e) {
      throwAssertionError(shouldBeDecodable(entry.key(), e.getMessage()));
      return null; // not reached
    }
  }

  /** A new assert on a value derived from this entry, keeping description and soft state, hiding its Secret values. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private <A extends AbstractAssert> A navigate(Class<A> assertType, Class actualType, Object value) {
    AbstractAssert next;
    if (softly != null) {
      next = (AbstractAssert) softly.proxy((Class) assertType, actualType, value);
    } else if (assertType == StringAssert.class) {
      next = Assertions.assertThat((String) value);
    } else {
      next = new DecodedObjectAssert<>(value);
    }
    // The representation carries this entry's Secret values to every assert navigated from here on.
    next.withRepresentation(decoded == null ? info.representation() : SecretRedactingRepresentation.hiding(SecretRedaction.of(decoded)));
    if (info.description() != null) {
      next.as(info.description());
    }
    return (A) next;
  }

  private boolean skipped() {
    if (missingKey != null) {
      return true;
    }
    isNotNull();
    return false;
  }

  private static void requireText(String value, String what, String example) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("The " + what + " must not be null or empty, e.g. " + example);
    }
  }
}
