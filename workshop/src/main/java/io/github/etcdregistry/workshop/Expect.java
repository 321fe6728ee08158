package io.github.etcdregistry.workshop;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.etcdregistry.codec.EncryptionPrefix;
import io.github.etcdregistry.registry.BoundRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.KeyLayout;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Checks an answer written into a blank against what etcd holds — the truth is read from the registry of the
 * running lesson, never typed into the lesson. A wrong answer fails with the expected one and, in
 * {@link KeyLayout#describe(String)}'s words, what the key holds, so that the failure teaches.
 */
public final class Expect {

  private Expect() {
  }

  /** {@code answer} is the etcd key under which kube-apiserver stores {@code object}. */
  public static void keyOf(HasMetadata object, String answer) {
    String question = "the etcd key of " + object.getKind() + " " + nameOf(object);
    String truth = keyHolding(object).orElseThrow(() -> new AssertionError(
        "Nothing in etcd holds " + object.getKind() + " " + nameOf(object) + " (yet): was it created?"));
    check(question, truth, answer, truth);
  }

  /** {@code answer} names how the value of {@code key} is stored: {@code protobuf}, {@code json} or {@code encrypted}. */
  public static void encodingOf(String key, String answer) {
    String truth = entry(key).stored().encoding().label();
    check("how the value of " + key + " is stored (protobuf, json, encrypted)", truth, answer, key);
  }

  /** {@code answer} is what the stored bytes of {@code key} begin with, up to the object (or the ciphertext). */
  public static void valueBeginsWith(String key, String answer) {
    RegistryEntry entry = entry(key);
    String truth = entry.stored().encryption().map(EncryptionPrefix::text)
        .orElseGet(() -> new String(Arrays.copyOf(entry.value(), 4), StandardCharsets.ISO_8859_1));
    check("the bytes the value of " + key + " begins with", truth, answer, key);
  }

  /** {@code answer} is how many keys there are under {@code prefix}. */
  public static void countUnder(String prefix, long answer) {
    List<String> keys = registry().keys(prefix);
    check("how many keys there are under " + prefix, keys.size(), answer, keys.isEmpty() ? prefix : keys.get(0));
  }

  /**
   * {@code answer} is a text, e.g. the kind stored at a key. {@code aboutKey} is the key the question is about, whose
   * {@link KeyLayout#describe(String)} the failure quotes, or else a sentence saying why {@code truth} is right.
   */
  public static void text(String question, String truth, String answer, String aboutKey) {
    check(question, truth, answer, aboutKey);
  }

  /** {@code answer} is a number, e.g. how often a key was written; {@code aboutKey} as for {@link #text}. */
  public static void number(String question, long truth, long answer, String aboutKey) {
    check(question, truth, answer, aboutKey);
  }

  private static void check(String question, String truth, String answer, String aboutKey) {
    if (!truth.equals(answer)) {
      throw failure(question, quoted(truth), Blanks.isBlank(answer) ? null : quoted(answer), aboutKey, truth, answer);
    }
  }

  private static void check(String question, long truth, long answer, String aboutKey) {
    if (truth != answer) {
      throw failure(question, String.valueOf(truth), Blanks.isBlank(answer) ? null : String.valueOf(answer), aboutKey, truth, answer);
    }
  }

  private static AssertionFailedError failure(String question, String expected, String given, String aboutKey, Object truth,
      Object answer) {
    String nl = System.lineSeparator();
    StringBuilder message = new StringBuilder(nl).append("Blank: ").append(question).append(nl)
        .append("  expected: ").append(expected).append(nl)
        .append("  but was:  ").append(given == null ? "___ (not filled in yet)" : given).append(nl);
    if (given != null && answer instanceof String text && text.startsWith("/") && !text.equals(aboutKey)) {
      message.append("  ").append(text).append(": ").append(registry().get(text).isPresent()
          ? "holds " + layout().describe(text) : "nothing is stored there").append(nl);
    }
    message.append("Why: ").append(why(aboutKey));
    return new AssertionFailedError(message.toString(), truth, answer);
  }

  /** What {@code aboutKey} holds in {@link KeyLayout#describe(String)}'s words; a text that is not a key is the reason itself. */
  private static String why(String aboutKey) {
    boolean isKey = aboutKey.startsWith("/") || aboutKey.equals("compact_rev_key");
    return isKey ? aboutKey + " holds " + layout().describe(aboutKey) + " (KeyLayout.describe)" : aboutKey;
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\0", "\\0") + "\"";
  }

  /** Where etcd really holds the object: the key ending in its namespace and name whose value is of its kind. */
  private static Optional<String> keyHolding(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    String suffix = "/" + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    EtcdRegistry registry = registry();
    return registry.keys(registry.prefix() + "/").stream()
        .filter(key -> key.endsWith(suffix))
        .filter(key -> object.getKind().equals(kindAt(key)))
        .filter(key -> namespace != null || layout().resourceOf(key).map(type -> !type.namespaced()).orElse(true))
        .findFirst();
  }

  /** The kind stored under {@code key}: from the envelope or JSON, or from the layout when the value is encrypted. */
  private static String kindAt(String key) {
    RegistryEntry entry = registry().get(key).orElseThrow();
    return entry.stored().kind().orElseGet(() -> layout().resourceOf(key).map(ResourceType::kind).orElse(""));
  }

  private static RegistryEntry entry(String key) {
    return registry().get(key).orElseThrow(() -> new AssertionError("The lesson expected etcd to hold " + key
        + " (" + layout().describe(key) + "), and it does not: is the control plane the lesson's?"));
  }

  private static String nameOf(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
  }

  private static KeyLayout layout() {
    return KeyLayout.withPrefix(registry().prefix());
  }

  private static EtcdRegistry registry() {
    return BoundRegistry.current().orElseThrow(() -> new IllegalStateException(
        "No registry is bound: run the lesson as a test of a @Workshop class"));
  }
}
