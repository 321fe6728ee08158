package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.error.ShouldHaveKey.shouldHaveKey;
import static io.github.etcdregistry.assertions.error.ShouldNotHaveKey.shouldNotHaveKey;
import static io.github.etcdregistry.assertions.error.ShouldNotHaveLargeValues.shouldNotHaveValuesLargerThan;

import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.audit.KeyAudit;
import io.github.etcdregistry.audit.StorageAudit;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.KeyLayout;
import io.github.etcdregistry.registry.RegistryEntry;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Assertions on the registry as a whole: which keys etcd holds. The {@code has...} lookups navigate to a
 * {@link RegistryEntryAssert} on the entry they find, keeping this assertion's description.
 */
public class RegistryAssert extends AbstractAssert<RegistryAssert, EtcdRegistry> {

  private SoftAssertionsProvider softly;

  public RegistryAssert(EtcdRegistry actual) {
    super(actual, RegistryAssert.class);
  }

  /** Makes navigations of a soft-assertion proxy soft too. */
  RegistryAssert collectingInto(SoftAssertionsProvider provider) {
    this.softly = provider;
    return myself;
  }

  /** Verifies that {@code key} exists, and continues with assertions on its entry. */
  public RegistryEntryAssert hasKey(String key) {
    return hasKey(key, "raw key");
  }

  /** Verifies that nothing is stored under {@code key}. */
  public RegistryAssert doesNotHaveKey(String key) {
    requireKey(key);
    isNotNull();
    Optional<RegistryEntry> entry = actual.get(key);
    if (entry.isPresent()) {
      throwAssertionError(shouldNotHaveKey(key, entry.get().toString()));
    }
    return myself;
  }

  /** The keys under {@code prefix}, sorted, as a list to assert on ({@code containsExactly}, {@code hasSize}...). */
  public ListAssert<String> keysUnder(String prefix) {
    requireKey(prefix);
    isNotNull();
    List<String> keys = actual.keys(prefix);
    ListAssert<String> list = softly == null ? Assertions.assertThat(keys) : softly.proxy(ListAssert.class, List.class, keys);
    return list.as(info.description() == null || info.descriptionText().isEmpty() ? "keys under " + prefix : info.descriptionText());
  }

  /** Every Secret at once, e.g. {@code secrets().allEncryptedWith("aescbc")}; failures name Secrets, never their data. */
  public SecretsAssert secrets() {
    isNotNull();
    AuditReport report = audit();
    return navigate(SecretsAssert.class, new SecretsAssert(report), report);
  }

  /** The apiVersions objects are stored at, e.g. {@code storedVersions().allAtStorageVersion()}. */
  public StoredVersionsAssert storedVersions() {
    isNotNull();
    AuditReport report = audit();
    return navigate(StoredVersionsAssert.class, new StoredVersionsAssert(report), report);
  }

  /** Verifies that no value under the prefix is larger than {@code bytes}; etcd refuses requests over 1.5 MiB by default. */
  public RegistryAssert noValueLargerThan(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("A size in bytes cannot be negative, was " + bytes);
    }
    isNotNull();
    List<KeyAudit> large = audit().largerThan(bytes);
    if (!large.isEmpty()) {
      throwAssertionError(shouldNotHaveValuesLargerThan(bytes, large.stream().map(key -> key.key() + ": " + key.size() + " bytes").toList()));
    }
    return myself;
  }

  /** The current values only: these checks need no history, and a replay would only slow them down. */
  private AuditReport audit() {
    return StorageAudit.of(actual).withHistory(false).run();
  }

  @SuppressWarnings("unchecked")
  private <A extends AbstractAssert<A, AuditReport>> A navigate(Class<A> type, A plain, AuditReport report) {
    A next = softly == null ? plain : softly.proxy(type, AuditReport.class, report);
    return info.description() == null ? next : next.as(info.description());
  }

  public RegistryEntryAssert hasPod(String namespace, String name) {
    return hasObject("", "pods", namespace, name);
  }

  public RegistryEntryAssert hasSecret(String namespace, String name) {
    return hasObject("", "secrets", namespace, name);
  }

  public RegistryEntryAssert hasConfigMap(String namespace, String name) {
    return hasObject("", "configmaps", namespace, name);
  }

  public RegistryEntryAssert hasServiceAccount(String namespace, String name) {
    return hasObject("", "serviceaccounts", namespace, name);
  }

  public RegistryEntryAssert hasService(String namespace, String name) {
    return hasObject("", "services", namespace, name);
  }

  public RegistryEntryAssert hasEndpoints(String namespace, String name) {
    return hasObject("", "endpoints", namespace, name);
  }

  public RegistryEntryAssert hasNamespace(String name) {
    return hasObject("", "namespaces", null, name);
  }

  public RegistryEntryAssert hasNode(String name) {
    return hasObject("", "nodes", null, name);
  }

  public RegistryEntryAssert hasDeployment(String namespace, String name) {
    return hasObject("apps", "deployments", namespace, name);
  }

  public RegistryEntryAssert hasReplicaSet(String namespace, String name) {
    return hasObject("apps", "replicasets", namespace, name);
  }

  public RegistryEntryAssert hasDaemonSet(String namespace, String name) {
    return hasObject("apps", "daemonsets", namespace, name);
  }

  public RegistryEntryAssert hasStatefulSet(String namespace, String name) {
    return hasObject("apps", "statefulsets", namespace, name);
  }

  public RegistryEntryAssert hasControllerRevision(String namespace, String name) {
    return hasObject("apps", "controllerrevisions", namespace, name);
  }

  public RegistryEntryAssert hasJob(String namespace, String name) {
    return hasObject("batch", "jobs", namespace, name);
  }

  public RegistryEntryAssert hasCronJob(String namespace, String name) {
    return hasObject("batch", "cronjobs", namespace, name);
  }

  public RegistryEntryAssert hasRole(String namespace, String name) {
    return hasObject("rbac.authorization.k8s.io", "roles", namespace, name);
  }

  public RegistryEntryAssert hasRoleBinding(String namespace, String name) {
    return hasObject("rbac.authorization.k8s.io", "rolebindings", namespace, name);
  }

  public RegistryEntryAssert hasClusterRole(String name) {
    return hasObject("rbac.authorization.k8s.io", "clusterroles", null, name);
  }

  public RegistryEntryAssert hasClusterRoleBinding(String name) {
    return hasObject("rbac.authorization.k8s.io", "clusterrolebindings", null, name);
  }

  /**
   * Any resource by group and plural name, custom resources included: {@code hasResource("stable.example.com",
   * "crontabs", "default", "my-cron")}. Pass {@code null} as namespace for cluster-scoped objects.
   */
  public RegistryEntryAssert hasResource(String group, String resource, String namespace, String name) {
    return hasObject(group, resource, namespace, name);
  }

  private RegistryEntryAssert hasObject(String group, String resource, String namespace, String name) {
    isNotNull();
    String key = KeyLayout.withPrefix(actual.prefix()).keyOf(group, resource, namespace, name);
    return hasKey(key, KeyLayout.withPrefix(actual.prefix()).describe(key));
  }

  private RegistryEntryAssert hasKey(String key, String describedAs) {
    requireKey(key);
    isNotNull();
    Optional<RegistryEntry> entry = actual.get(key);
    if (entry.isEmpty()) {
      NearestKeys nearest = NearestKeys.of(actual, key);
      AssertionError error = new AssertionError(
          shouldHaveKey(key, describedAs, nearest.searchedUnder(), nearest.keys()).create(info.description(), info.representation()));
      if (softly == null) {
        throw error;
      }
      softly.collectAssertionError(error);
      return RegistryEntryAssert.missing(key, softly); // the error is recorded once; checks on the missing entry are skipped
    }
    RegistryEntryAssert next = RegistryEntryAssert.of(entry.get(), softly);
    return info.description() == null ? next : next.as(info.description());
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("The etcd key must not be null or empty, e.g. \"/registry/pods/default/nginx\"");
    }
  }
}
