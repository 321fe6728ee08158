package io.github.etcdregistry.assertions;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.ObjectAssert;

/**
 * What {@link RegistryEntryAssert#decodedAs(Class)} returns: AssertJ's object assertions on the decoded object,
 * with the entry's Secret values hidden also from failures the caller's own code raises inside
 * {@code satisfies}, {@code satisfiesAnyOf} and {@code isInstanceOfSatisfying} — those are built with AssertJ's
 * default representation, not this one's. Values {@code extracting} navigates to stay in such an assert.
 */
public class DecodedObjectAssert<T> extends ObjectAssert<T> {

  public DecodedObjectAssert(T actual) {
    super(actual);
  }

  @Override
  protected ObjectAssert<T> satisfiesForProxy(Consumer<? super T>[] requirements) {
    return hidingSecretValues(() -> super.satisfiesForProxy(requirements));
  }

  @Override
  protected ObjectAssert<T> satisfiesAnyOfForProxy(Consumer<? super T>[] assertions) {
    return hidingSecretValues(() -> super.satisfiesAnyOfForProxy(assertions));
  }

  @Override
  public <V> ObjectAssert<T> isInstanceOfSatisfying(Class<V> type, Consumer<V> requirements) {
    return hidingSecretValues(() -> super.isInstanceOfSatisfying(type, requirements));
  }

  @Override
  protected <V> AbstractObjectAssert<?, V> newObjectAssert(V objectUnderTest) {
    return new DecodedObjectAssert<>(objectUnderTest); // the caller hands on description and representation
  }

  private <R> R hidingSecretValues(Supplier<R> check) {
    SecretRedaction redaction = info.representation() instanceof SecretRedactingRepresentation redacting
        ? redacting.redaction()
        : SecretRedaction.none();
    try {
      return check.get();
    } catch (AssertionError failure) {
      throw redaction.scrub(failure);
    } catch (RuntimeException failure) {
      throw (RuntimeException) redaction.scrub(failure);
    }
  }
}
