package io.github.etcdregistry.assertions;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.presentation.StandardRepresentation;

/**
 * Prints objects in failure messages as AssertJ does, except that nothing of a Secret's values shows: a whole
 * Secret is summarised by its data keys, and any value that came from the Secret an assertion navigated from
 * (the {@link SecretRedaction} this representation carries) reads {@value SecretRedaction#REDACTED}, whether
 * it is printed alone, as a map value, inside a list, or inside another object's {@code toString()}.
 *
 * <p>AssertJ hands an assert's representation on to every assert navigated from it ({@code extracting},
 * {@code asInstanceOf}, soft-assertion proxies), so the redaction travels with the values. Test reports end
 * up in CI logs; Secret values must not.
 */
final class SecretRedactingRepresentation extends StandardRepresentation {

  /** Summarises whole Secrets; knows no values yet. */
  static final SecretRedactingRepresentation INSTANCE = new SecretRedactingRepresentation(SecretRedaction.none());

  private final SecretRedaction redaction;

  private SecretRedactingRepresentation(SecretRedaction redaction) {
    this.redaction = redaction;
  }

  static SecretRedactingRepresentation hiding(SecretRedaction redaction) {
    return redaction.isEmpty() ? INSTANCE : new SecretRedactingRepresentation(redaction);
  }

  SecretRedaction redaction() {
    return redaction;
  }

  @Override
  public String toStringOf(Object object) {
    if (object instanceof Secret secret) {
      return summary(secret);
    }
    if (redaction.isSecret(object)) {
      return SecretRedaction.REDACTED;
    }
    return redaction.scrub(super.toStringOf(object));
  }

  @Override
  public String unambiguousToStringOf(Object object) {
    if (object instanceof Secret || redaction.isSecret(object)) {
      return toStringOf(object);
    }
    return redaction.scrub(super.unambiguousToStringOf(object));
  }

  private static String summary(Secret secret) {
    TreeSet<String> keys = new TreeSet<>();
    keys.addAll(keysOf(secret.getData()));
    keys.addAll(keysOf(secret.getStringData()));
    String name = secret.getMetadata() == null ? "?" : secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
    return "Secret " + name + " (type " + secret.getType() + ", data keys " + keys + ", values " + SecretRedaction.REDACTED + ")";
  }

  private static Set<String> keysOf(Map<String, String> map) {
    return map == null ? Set.of() : map.keySet();
  }
}
