package io.github.etcdregistry.assertions;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.presentation.StandardRepresentation;

/**
 * Prints objects in failure messages as AssertJ does, except a Secret: its data keys are named, its values
 * never shown. Test reports end up in CI logs; Secret values must not.
 */
final class SecretRedactingRepresentation extends StandardRepresentation {

  static final SecretRedactingRepresentation INSTANCE = new SecretRedactingRepresentation();
  static final String REDACTED = io.github.etcdregistry.codec.DecodedObject.REDACTED;

  @Override
  public String toStringOf(Object object) {
    if (object instanceof Secret secret) {
      TreeSet<String> keys = new TreeSet<>();
      keys.addAll(keysOf(secret.getData()));
      keys.addAll(keysOf(secret.getStringData()));
      String name = secret.getMetadata() == null ? "?" : secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
      return "Secret " + name + " (type " + secret.getType() + ", data keys " + keys + ", values " + REDACTED + ")";
    }
    return super.toStringOf(object);
  }

  private static Set<String> keysOf(Map<String, String> map) {
    return map == null ? Set.of() : map.keySet();
  }
}
