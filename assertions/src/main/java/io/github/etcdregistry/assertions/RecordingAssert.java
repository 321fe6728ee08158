package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.error.ShouldHaveNoWrites.shouldHaveNoWritesUnder;

import io.github.etcdregistry.registry.RecordedWrite;
import io.github.etcdregistry.registry.RegistryRecording;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Assertions on what a {@link RegistryRecording} saw:
 * {@code assertThat(recording).writesTo("/registry/deployments/default/web").hasSize(1)}. The {@code writes...}
 * navigations return the matching writes as a list to assert on, keeping this assertion's description.
 */
public class RecordingAssert extends AbstractAssert<RecordingAssert, RegistryRecording> {

  private SoftAssertionsProvider softly;

  public RecordingAssert(RegistryRecording actual) {
    super(actual, RecordingAssert.class);
  }

  RecordingAssert collectingInto(SoftAssertionsProvider provider) {
    this.softly = provider;
    return myself;
  }

  /** The writes (puts and deletes) to exactly {@code key}, oldest first. */
  public ListAssert<RecordedWrite> writesTo(String key) {
    requireText(key, "key", "\"/registry/deployments/default/web\"");
    isNotNull();
    return list(actual.writesTo(key), "writes to " + key);
  }

  /** The writes to keys under {@code keyPrefix}, oldest first. */
  public ListAssert<RecordedWrite> writesUnder(String keyPrefix) {
    requireText(keyPrefix, "key prefix", "\"/registry/configmaps/\"");
    isNotNull();
    return list(actual.writesUnder(keyPrefix), "writes under " + keyPrefix);
  }

  /** The writes whose field manager is {@code manager}, e.g. your operator's {@code fieldManager}. */
  public ListAssert<RecordedWrite> writesBy(String manager) {
    requireText(manager, "field manager", "\"my-operator\"");
    isNotNull();
    return list(actual.writesBy(manager), "writes by " + manager);
  }

  /** Verifies that nothing under {@code keyPrefix} was written or deleted, e.g. {@code "/registry/secrets/"}. */
  public RecordingAssert noWritesUnder(String keyPrefix) {
    requireText(keyPrefix, "key prefix", "\"/registry/secrets/\"");
    isNotNull();
    List<RecordedWrite> writes = actual.writesUnder(keyPrefix);
    if (!writes.isEmpty()) {
      throwAssertionError(shouldHaveNoWritesUnder(keyPrefix, writes.stream().map(RecordedWrite::toString).toList()));
    }
    return myself;
  }

  @SuppressWarnings("unchecked")
  private ListAssert<RecordedWrite> list(List<RecordedWrite> writes, String describedAs) {
    ListAssert<RecordedWrite> list = softly == null ? Assertions.assertThat(writes) : softly.proxy(ListAssert.class, List.class, writes);
    return list.as(info.description() == null || info.descriptionText().isEmpty() ? describedAs : info.descriptionText());
  }

  private static void requireText(String value, String what, String example) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("The " + what + " must not be null or empty, e.g. " + example);
    }
  }
}
