package io.github.etcdregistry.assertions;

import io.fabric8.kubernetes.api.model.Secret;
import io.github.etcdregistry.codec.DecodedObject;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryEntry;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of one or more Secrets, and what hides them: a value that came from a Secret's {@code data} or
 * {@code stringData} — as stored (base64), decoded, or as bytes — reads {@value #REDACTED} wherever it would be
 * printed.
 *
 * <p>Failure messages are built from many places (AssertJ's own messages, {@code extracting}, a user's assertions
 * inside {@code satisfies}); hiding the values themselves, wherever they turn up in the text, holds for all of
 * them, where hiding a few known shapes (a whole Secret, a data map) would not.
 */
public final class SecretRedaction {

  /** What a Secret value is replaced with. */
  public static final String REDACTED = DecodedObject.REDACTED;

  /**
   * Values shorter than this are hidden only where they are a whole value (a string equal to it, a map value), not
   * inside other text: replacing every {@code "ab"} in a message would make it unreadable and, by the pattern of the
   * holes, still show the value.
   */
  static final int SHORTEST_HIDDEN_INSIDE_TEXT = 4;

  private static final SecretRedaction NONE = new SecretRedaction(List.of(), List.of());

  private final List<String> values; // longest first, so a value containing another is hidden whole
  private final List<byte[]> bytes;

  private SecretRedaction(List<String> values, List<byte[]> bytes) {
    this.values = values;
    this.bytes = bytes;
  }

  /** Hides nothing. */
  public static SecretRedaction none() {
    return NONE;
  }

  /** The values of every Secret stored in {@code registry} that its keys can decode. */
  public static SecretRedaction ofSecretsIn(EtcdRegistry registry) {
    SecretRedaction all = NONE;
    for (RegistryEntry entry : registry.entries(registry.prefix() + "/secrets/")) {
      try {
        all = all.and(of(entry.decode()));
      } catch (RuntimeException undecodable) {
        // encrypted with keys we do not have: its values cannot appear in a message either
      }
    }
    return all;
  }

  /** The values of {@code decoded} when it is a Secret; otherwise nothing to hide. */
  static SecretRedaction of(DecodedObject decoded) {
    if (!decoded.holdsSecretData()) {
      return NONE;
    }
    Secret secret;
    try {
      secret = decoded.as(Secret.class);
    } catch (IllegalArgumentException notASecret) {
      return NONE;
    }
    Builder builder = new Builder();
    valuesOf(secret.getData()).forEach(builder::stored);
    valuesOf(secret.getStringData()).forEach(builder::plain);
    return builder.build();
  }

  /** Hides the values of both. */
  SecretRedaction and(SecretRedaction other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    Builder builder = new Builder();
    builder.values.addAll(values);
    builder.values.addAll(other.values);
    builder.bytes.addAll(bytes);
    builder.bytes.addAll(other.bytes);
    return builder.build();
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  /** Whether {@code value} is, as a whole, one of the hidden values (a string or the decoded bytes). */
  boolean isSecret(Object value) {
    if (value instanceof CharSequence text) {
      return values.contains(text.toString());
    }
    if (value instanceof byte[] array) {
      return bytes.stream().anyMatch(secret -> Arrays.equals(secret, array));
    }
    return false;
  }

  /** {@code text} with every hidden value replaced by {@value #REDACTED}. */
  String scrub(String text) {
    if (text == null || isEmpty()) {
      return text;
    }
    String scrubbed = text;
    for (String value : values) {
      if (value.length() >= SHORTEST_HIDDEN_INSIDE_TEXT) {
        scrubbed = scrubbed.replace(value, REDACTED);
      }
    }
    return scrubbed;
  }

  /**
   * {@code failure} itself when nothing of it (message, causes, suppressed) shows a hidden value; otherwise a copy
   * with the values replaced, the same stack trace, and nothing that holds the original text. An
   * {@link AssertionError} stays one, so a test still fails rather than errs.
   */
  public Throwable scrub(Throwable failure) {
    if (failure == null || isEmpty() || !shows(failure, new ArrayList<>())) {
      return failure;
    }
    return copy(failure, new ArrayList<>());
  }

  /** Like {@link #scrub(Throwable)}, for an assertion failure. */
  AssertionError scrub(AssertionError failure) {
    return (AssertionError) scrub((Throwable) failure);
  }

  private boolean shows(Throwable failure, List<Throwable> seen) {
    if (seen.stream().anyMatch(t -> t == failure)) {
      return false;
    }
    seen.add(failure);
    String text = String.valueOf(failure.getMessage()) + " " + failure;
    if (!text.equals(scrub(text))) {
      return true;
    }
    if (failure.getCause() != null && shows(failure.getCause(), seen)) {
      return true;
    }
    return Arrays.stream(failure.getSuppressed()).anyMatch(suppressed -> shows(suppressed, seen));
  }

  private Throwable copy(Throwable failure, List<Throwable> seen) {
    seen.add(failure);
    String message = scrub(failure.getMessage());
    Throwable copy = failure instanceof AssertionError
        ? new AssertionError(message)
        : new RedactedException(failure.getClass().getName() + (message == null ? "" : ": " + message));
    copy.setStackTrace(failure.getStackTrace());
    Throwable cause = failure.getCause();
    if (cause != null && seen.stream().noneMatch(t -> t == cause)) {
      copy.initCause(copy(cause, seen));
    }
    for (Throwable suppressed : failure.getSuppressed()) {
      if (seen.stream().noneMatch(t -> t == suppressed)) {
        copy.addSuppressed(copy(suppressed, seen));
      }
    }
    return copy;
  }

  private static Iterable<String> valuesOf(Map<String, String> map) {
    return map == null ? List.of() : map.values();
  }

  /** Stands in for an exception (not an assertion failure) whose text showed a Secret value. */
  static final class RedactedException extends RuntimeException {
    RedactedException(String message) {
      super(message);
    }
  }

  /** Collects a Secret's values in every form they may be printed in. */
  private static final class Builder {
    private final Set<String> values = new LinkedHashSet<>();
    private final List<byte[]> bytes = new ArrayList<>();

    /** A {@code data} value: base64, as Kubernetes stores and fabric8 returns it. */
    void stored(String base64) {
      if (base64 == null || base64.isEmpty()) {
        return;
      }
      values.add(base64);
      try {
        decoded(Base64.getDecoder().decode(base64));
      } catch (IllegalArgumentException notBase64) {
        // hidden as it is
      }
    }

    /** A {@code stringData} value: plain text, which the API server stores base64-encoded. */
    void plain(String text) {
      if (text == null || text.isEmpty()) {
        return;
      }
      values.add(text);
      byte[] raw = text.getBytes(StandardCharsets.UTF_8);
      bytes.add(raw);
      values.add(Base64.getEncoder().encodeToString(raw));
    }

    private void decoded(byte[] raw) {
      if (raw.length == 0) {
        return;
      }
      bytes.add(raw);
      try {
        values.add(StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(raw))
            .toString());
      } catch (CharacterCodingException binary) {
        // binary data prints as bytes only, which isSecret recognises
      }
    }

    SecretRedaction build() {
      List<String> longestFirst = new ArrayList<>(new LinkedHashSet<>(values));
      longestFirst.sort(Comparator.comparingInt(String::length).reversed());
      return new SecretRedaction(List.copyOf(longestFirst), List.copyOf(bytes));
    }
  }
}
