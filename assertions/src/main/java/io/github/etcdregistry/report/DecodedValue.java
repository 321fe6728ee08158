package io.github.etcdregistry.report;

import io.github.etcdregistry.codec.DecodedObject;
import io.github.etcdregistry.codec.StoredValue;
import io.github.etcdregistry.codec.UndecodableValueException;
import java.util.function.Supplier;

/**
 * The value of one key as a person reads it: YAML laid out like {@code kubectl get -o yaml}. Decoded on first
 * use and kept, so a tree of a whole registry costs nothing until a value is looked at.
 */
public final class DecodedValue {

  private final String key;
  private final StoredValue stored;
  private final Supplier<DecodedObject> decoder;
  private final boolean secret;
  private DecodedObject decoded;
  private String failure;

  private DecodedValue(String key, StoredValue stored, Supplier<DecodedObject> decoder, boolean secret) {
    this.key = key;
    this.stored = stored;
    this.decoder = decoder;
    this.secret = secret;
  }

  /**
   * @param decoder decodes the value, throwing {@link UndecodableValueException} when it cannot
   * @param secret  whether the value is a Secret, whose data is redacted unless revealed
   */
  static DecodedValue of(String key, StoredValue stored, Supplier<DecodedObject> decoder, boolean secret) {
    return new DecodedValue(key, stored, decoder, secret);
  }

  /** Whether the value decodes to a Kubernetes object. */
  public boolean isDecodable() {
    decode();
    return decoded != null;
  }

  /** Whether the value is a Secret, whose data and stringData values are redacted unless revealed. */
  public boolean isSecret() {
    return secret;
  }

  /**
   * The object as YAML; for a Secret the values of {@code data} and {@code stringData} read
   * {@value DecodedObject#REDACTED} unless {@code revealSecretValues}. A value that does not decode gives why,
   * with its first bytes in hex.
   */
  public String text(boolean revealSecretValues) {
    decode();
    if (decoded == null) {
      return failure;
    }
    return secret && !revealSecretValues ? decoded.redacted().toYaml() : decoded.toYaml();
  }

  private synchronized void decode() {
    if (decoded != null || failure != null) {
      return;
    }
    try {
      decoded = decoder.get();
    } catch (UndecodableValueException e) {
      failure = e.getMessage(); // names the reason and the stored value's first bytes, fewer of them for Secrets
    } catch (RuntimeException e) {
      // Not the codec's own refusal, so its message may quote content: keep only its type for Secrets.
      String reason = secret ? e.getClass().getSimpleName() : e.toString();
      failure = "Cannot decode " + key + ": " + reason + " [stored value: " + stored + (secret ? "" : ", " + stored.hexPreview()) + "]";
    }
  }

  /** What the value is, never its content. */
  @Override
  public String toString() {
    return stored.toString();
  }
}
