package io.github.etcdregistry.cli;

import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.audit.KeyAudit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The checks {@code audit} turns into an exit code: each passes or names what broke it, by key only. */
final class AuditRules {

  static final String SECRETS_ENCRYPTED = "secrets-encrypted";
  static final String STORAGE_VERSIONS = "storage-versions";
  static final String VALUE_SIZE = "value-size";
  static final List<String> ALL = List.of(SECRETS_ENCRYPTED, STORAGE_VERSIONS, VALUE_SIZE);

  record Result(String rule, boolean passed, String summary, List<String> offenders) {}

  private AuditRules() {}

  static List<Result> check(AuditReport audit, Set<String> skipped, String provider, long maxValueSize) {
    List<Result> results = new ArrayList<>();
    if (!skipped.contains(SECRETS_ENCRYPTED)) {
      List<KeyAudit> bad = provider == null ? audit.plainSecrets() : audit.secretsNotEncryptedWith(provider);
      int total = audit.secrets().size();
      results.add(new Result(SECRETS_ENCRYPTED, bad.isEmpty(),
          bad.isEmpty() ? "all " + total + " Secrets encrypted" + (provider == null ? "" : " with " + provider)
              : bad.size() + " of " + total + " Secrets " + (provider == null ? "in plain text" : "not encrypted with " + provider),
          bad.stream().map(key -> key.key() + (provider == null ? "" : " (" + key.encryptionLabel() + ")")).toList()));
    }
    if (!skipped.contains(STORAGE_VERSIONS)) {
      List<KeyAudit> off = audit.offStorageVersion();
      results.add(new Result(STORAGE_VERSIONS, off.isEmpty(),
          off.isEmpty() ? "every object at its storage version" : off.size() + " objects at another version than their storage version",
          off.stream().map(key -> key.key() + " (" + key.apiVersion().orElse("") + ", storage version " + key.expectedApiVersion().orElse("") + ")")
              .toList()));
    }
    if (!skipped.contains(VALUE_SIZE)) {
      List<KeyAudit> large = audit.largerThan(maxValueSize);
      results.add(new Result(VALUE_SIZE, large.isEmpty(),
          large.isEmpty() ? "no value over " + maxValueSize + " bytes" : large.size() + " values over " + maxValueSize + " bytes",
          large.stream().map(key -> key.key() + " (" + key.size() + " bytes)").toList()));
    }
    return results;
  }
}
