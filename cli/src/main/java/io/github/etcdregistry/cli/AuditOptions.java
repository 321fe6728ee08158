package io.github.etcdregistry.cli;

import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.audit.KeyAudit;
import io.github.etcdregistry.audit.ResourceAudit;
import io.github.etcdregistry.audit.StorageAudit;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options {@code audit} and {@code snapshot-audit} share, and how both print and judge a report. */
final class AuditOptions {

  @Option(names = "--skip", split = ",", paramLabel = "RULE",
      description = "rules not to check: secrets-encrypted, storage-versions, value-size")
  Set<String> skipped = new HashSet<>();

  @Option(names = "--encryption-provider", paramLabel = "PROVIDER",
      description = "secrets-encrypted also requires this provider: aescbc, aesgcm, secretbox or kms")
  String provider;

  @Option(names = "--max-value-size", paramLabel = "BYTES", defaultValue = "1048576",
      description = "value-size fails above this many bytes (default: ${DEFAULT-VALUE}; etcd refuses requests over 1.5 MiB)")
  long maxValueSize;

  @Option(names = "--no-history", description = "do not replay etcd's history (revisions kept count only current values)")
  boolean noHistory;

  @Option(names = "--largest", paramLabel = "N", defaultValue = "10", description = "how many of the largest keys to list (default: ${DEFAULT-VALUE})")
  int largest;

  AuditReport run(EtcdRegistry registry) {
    for (String rule : skipped) {
      if (!AuditRules.ALL.contains(rule)) {
        throw new IllegalArgumentException("--skip: unknown rule '" + rule + "'; the rules are " + AuditRules.ALL);
      }
    }
    return StorageAudit.of(registry).withHistory(!noHistory).run();
  }

  /** Prints the audit and its rules; returns the exit code: 0 when every rule passed, 1 otherwise. */
  int print(AuditReport audit, Output output, PrintWriter out) {
    List<AuditRules.Result> rules = AuditRules.check(audit, skipped, provider, maxValueSize);
    String structured = output.structured(data(audit, rules));
    if (structured != null) {
      out.print(structured);
    } else {
      table(audit, rules, out);
    }
    out.flush();
    return rules.stream().allMatch(AuditRules.Result::passed) ? 0 : EtcdRegistryCli.RULE_FAILED;
  }

  private void table(AuditReport audit, List<AuditRules.Result> rules, PrintWriter out) {
    Table families = new Table("FAMILY", "KEYS", "ENCODING", "STORED VERSION", "STORAGE VERSION", "ENCRYPTION", "BYTES", "KEPT BYTES",
        "REVISIONS KEPT", "WRITES");
    for (ResourceAudit resource : audit.resources()) {
      families.row(resource.family(), resource.count(), counts(resource.encodings()), counts(resource.storedVersions()),
          resource.storageVersion().orElse("-"), counts(resource.encryption()), resource.latestBytes(), resource.keptBytes(),
          resource.revisionsKept(), resource.writes());
    }
    out.print(families);
    out.println();
    out.println(audit.keys().size() + " keys under " + audit.prefix() + " at revision " + audit.revision() + ": " + audit.latestBytes()
        + " bytes in current values" + (audit.historyRead() ? ", " + audit.keptBytes() + " bytes with every revision etcd keeps"
            + (audit.compactRevision() > 0 ? " (compacted to revision " + audit.compactRevision() + ")" : " (never compacted)") : ""));
    out.println();
    Table keys = new Table("LARGEST KEYS", "BYTES", "REVISIONS KEPT", "KEPT BYTES", "WRITES");
    for (KeyAudit key : audit.largestKeys(largest)) {
      keys.row(key.key(), key.size(), key.revisionsKept(), key.bytesKept(), key.writes());
    }
    out.print(keys);
    out.println();
    Table results = new Table("RULE", "RESULT", "DETAIL");
    for (AuditRules.Result rule : rules) {
      results.row(rule.rule(), rule.passed() ? "pass" : "FAIL", rule.summary());
      for (String offender : rule.offenders()) {
        results.row("", "", "  " + offender);
      }
    }
    out.print(results);
  }

  private Map<String, Object> data(AuditReport audit, List<AuditRules.Result> rules) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("prefix", audit.prefix());
    data.put("revision", audit.revision());
    data.put("compactRevision", audit.compactRevision());
    data.put("historyRead", audit.historyRead());
    data.put("keys", audit.keys().size());
    data.put("bytes", audit.latestBytes());
    data.put("keptBytes", audit.keptBytes());
    data.put("storageVersions", audit.storageVersionSource());
    data.put("families", audit.resources().stream().map(resource -> {
      Map<String, Object> family = new LinkedHashMap<>();
      family.put("family", resource.family());
      family.put("keys", resource.count());
      family.put("encodings", resource.encodings());
      family.put("storedVersions", resource.storedVersions());
      family.put("storageVersion", resource.storageVersion().orElse(null));
      family.put("encryption", resource.encryption());
      family.put("bytes", resource.latestBytes());
      family.put("keptBytes", resource.keptBytes());
      family.put("revisionsKept", resource.revisionsKept());
      family.put("writes", resource.writes());
      return family;
    }).toList());
    data.put("largestKeys", audit.largestKeys(largest).stream().map(key -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("key", key.key());
      entry.put("bytes", key.size());
      entry.put("revisionsKept", key.revisionsKept());
      entry.put("keptBytes", key.bytesKept());
      entry.put("writes", key.writes());
      return entry;
    }).toList());
    data.put("rules", rules.stream().map(rule -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("rule", rule.rule());
      entry.put("passed", rule.passed());
      entry.put("summary", rule.summary());
      entry.put("offenders", rule.offenders());
      return entry;
    }).toList());
    return data;
  }

  private static String counts(Map<String, Integer> counts) {
    if (counts.size() == 1) {
      return counts.keySet().iterator().next();
    }
    StringBuilder text = new StringBuilder();
    counts.forEach((name, count) -> text.append(text.length() == 0 ? "" : ", ").append(name).append(' ').append(count));
    return text.toString();
  }
}
