package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.error.ShouldBeAtStorageVersion.shouldAllBeAtStorageVersion;

import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.audit.KeyAudit;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on the apiVersions objects are stored at, read from an {@link AuditReport}. */
public class StoredVersionsAssert extends AbstractAssert<StoredVersionsAssert, AuditReport> {

  public StoredVersionsAssert(AuditReport actual) {
    super(actual, StoredVersionsAssert.class);
  }

  /**
   * Verifies that every object is stored at its resource's storage version, so the next release that stops serving
   * an older version can still read it. Objects whose version or resource is unknown are not judged.
   */
  public StoredVersionsAssert allAtStorageVersion() {
    isNotNull();
    List<KeyAudit> off = actual.offStorageVersion();
    if (!off.isEmpty()) {
      long judged = actual.keys().stream().filter(key -> key.apiVersion().isPresent() && key.expectedApiVersion().isPresent()).count();
      throwAssertionError(shouldAllBeAtStorageVersion((int) judged, off.stream()
          .map(key -> key.key() + ": " + key.apiVersion().orElse("") + ", storage version " + key.expectedApiVersion().orElse(""))
          .toList(), actual.storageVersionSource()));
    }
    return myself;
  }
}
