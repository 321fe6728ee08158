package io.github.etcdregistry.assertions;

import static io.github.etcdregistry.assertions.error.ShouldHaveKey.shouldHaveKey;
import static io.github.etcdregistry.assertions.error.ShouldHappenWithin.shouldAppearWithin;
import static io.github.etcdregistry.assertions.error.ShouldHappenWithin.shouldDisappearWithin;
import static io.github.etcdregistry.assertions.error.ShouldHappenWithin.shouldEmptyNamespaceWithin;
import static io.github.etcdregistry.assertions.error.ShouldNotHaveKey.shouldNotHaveKey;
import static io.github.etcdregistry.assertions.error.ShouldNotHaveLargeValues.shouldNotHaveValuesLargerThan;

import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.audit.KeyAudit;
import io.github.etcdregistry.audit.StorageAudit;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.KeyLayout;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.registry.ResourceType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Assertions on the registry as a whole: which keys etcd holds. The {@code has...} lookups navigate to a
 * {@link RegistryEntryAssert} on the entry they find, keeping this assertion's description.
 *
 * <p>Longer than 300 lines, as AssertJ's own {@code Assert} classes are: one subject's whole fluent surface lives on
 * one type, and half of it is the typed shortcuts ({@code hasPod}, {@code hasSecret}, ...), one-line lookups of a
 * well-known resource that read better in a test than {@code hasResource("", "pods", ...)}.
 */
public class RegistryAssert extends AbstractAssert<RegistryAssert, EtcdRegistry> {

  private SoftAssertionsProvider softly;
  private Duration within;

  public RegistryAssert(EtcdRegistry actual) {
    super(actual, RegistryAssert.class);
  }

  /** Makes navigations of a soft-assertion proxy soft too. */
  RegistryAssert collectingInto(SoftAssertionsProvider provider) {
    this.softly = provider;
    return myself;
  }

  /**
   * Makes the lookups that follow wait, at most {@code timeout}, for what they expect: {@code hasKey} and the
   * {@code has...} shortcuts until the key is written, the checks chained on the entry until a write makes them pass,
   * {@code doesNotHaveKey} until the key is deleted. The wait follows an etcd watch from the current revision: no
   * polling. When the time is up, the failure lists the key's writes in that window.
   *
   * <pre>{@code
   * assertThatRegistry().within(Duration.ofSeconds(30)).hasReplicaSet(ns, name).hasVersion(2);
   * }</pre>
   */
  public RegistryAssert within(Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("within(...) needs a positive timeout, e.g. Duration.ofSeconds(30), was: " + timeout);
    }
    this.within = timeout;
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
    long revision = within == null ? 0 : actual.currentRevision(); // read first: a delete in between is still seen
    Optional<RegistryEntry> entry = actual.get(key);
    if (entry.isPresent() && within != null) {
      Waiting waiting = Waiting.start(actual, within, revision);
      AtomicReference<RegistryEntry> last = new AtomicReference<>(entry.get());
      if (!waiting.awaitKey(key, revision + 1, state -> {
        state.ifPresent(last::set);
        return state.isEmpty();
      })) {
        throwAssertionError(shouldDisappearWithin(key, within, last.get().toString(), waiting.history()));
      }
      return myself;
    }
    if (entry.isPresent()) {
      throwAssertionError(shouldNotHaveKey(key, entry.get().toString()));
    }
    return myself;
  }

  /**
   * Verifies that etcd holds nothing of {@code namespace}: neither its objects ({@code /registry/<resource>/<namespace>/...})
   * nor the namespace itself. After {@link #within(Duration)}, waits for the namespace controller to empty it.
   */
  public RegistryAssert hasNoKeysInNamespace(String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      throw new IllegalArgumentException("Give the namespace's name, e.g. \"team-a\"");
    }
    isNotNull();
    String prefix = actual.prefix() + "/";
    long revision = actual.currentRevision();
    Set<String> remaining = new TreeSet<>();
    actual.keys(prefix).stream().filter(key -> inNamespace(key, namespace)).forEach(remaining::add);
    if (remaining.isEmpty()) {
      return myself;
    }
    if (within == null) {
      throwAssertionError(shouldEmptyNamespaceWithin(namespace, null, List.copyOf(remaining), List.of()));
    }
    Waiting waiting = Waiting.start(actual, within, revision);
    boolean emptied = waiting.awaitPrefix(prefix, revision + 1, change -> {
      if (inNamespace(change.key(), namespace)) {
        if (change.isDelete()) {
          remaining.remove(change.key());
        } else {
          remaining.add(change.key());
        }
      }
      return remaining.isEmpty();
    });
    if (!emptied) {
      throwAssertionError(shouldEmptyNamespaceWithin(namespace, within, List.copyOf(remaining), waiting.history()));
    }
    return myself;
  }

  /** {@code /registry/<segments>/<namespace>/<name>}, or the namespace's own key. */
  private boolean inNamespace(String key, String namespace) {
    if (key.equals(actual.prefix() + "/namespaces/" + namespace)) {
      return true;
    }
    String[] segments = key.substring(actual.prefix().length() + 1).split("/");
    return segments.length >= 3 && segments[segments.length - 2].equals(namespace);
  }

  /**
   * Verifies that some key starts with {@code prefix} — for names a controller generates, such as a Deployment's
   * ReplicaSet {@code /registry/replicasets/default/web-} — and continues with the first of them. After
   * {@link #within(Duration)}, waits for the first write under the prefix.
   */
  public RegistryEntryAssert hasKeyUnder(String prefix) {
    requireKey(prefix);
    isNotNull();
    long revision = within == null ? 0 : actual.currentRevision();
    Optional<RegistryEntry> first = actual.entries(prefix).stream().findFirst();
    Waiting waiting = within == null ? null : Waiting.start(actual, within, revision);
    if (first.isEmpty() && waiting != null) {
      AtomicReference<RegistryEntry> written = new AtomicReference<>();
      waiting.awaitPrefix(prefix, revision + 1, change -> {
        change.entry().ifPresent(written::set);
        return change.entry().isPresent();
      });
      first = Optional.ofNullable(written.get());
    }
    if (first.isEmpty()) {
      return notFound(prefix, prefix + "...", "a key under " + prefix, waiting);
    }
    return navigate(first.get(), waiting);
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
      Map<String, Long> sizes = new LinkedHashMap<>();
      large.forEach(key -> sizes.put(key.key(), (long) key.size()));
      throwAssertionError(shouldNotHaveValuesLargerThan(bytes, sizes));
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
    return hasObject(KeyLayout.PODS, namespace, name);
  }

  public RegistryEntryAssert hasSecret(String namespace, String name) {
    return hasObject(KeyLayout.SECRETS, namespace, name);
  }

  public RegistryEntryAssert hasConfigMap(String namespace, String name) {
    return hasObject(KeyLayout.CONFIG_MAPS, namespace, name);
  }

  public RegistryEntryAssert hasServiceAccount(String namespace, String name) {
    return hasObject(KeyLayout.SERVICE_ACCOUNTS, namespace, name);
  }

  public RegistryEntryAssert hasService(String namespace, String name) {
    return hasObject(KeyLayout.SERVICES, namespace, name);
  }

  public RegistryEntryAssert hasEndpoints(String namespace, String name) {
    return hasObject(KeyLayout.ENDPOINTS, namespace, name);
  }

  public RegistryEntryAssert hasNamespace(String name) {
    return hasObject(KeyLayout.NAMESPACES, null, name);
  }

  public RegistryEntryAssert hasNode(String name) {
    return hasObject(KeyLayout.NODES, null, name);
  }

  public RegistryEntryAssert hasDeployment(String namespace, String name) {
    return hasObject(KeyLayout.DEPLOYMENTS, namespace, name);
  }

  public RegistryEntryAssert hasReplicaSet(String namespace, String name) {
    return hasObject(KeyLayout.REPLICA_SETS, namespace, name);
  }

  public RegistryEntryAssert hasDaemonSet(String namespace, String name) {
    return hasObject(KeyLayout.DAEMON_SETS, namespace, name);
  }

  public RegistryEntryAssert hasStatefulSet(String namespace, String name) {
    return hasObject(KeyLayout.STATEFUL_SETS, namespace, name);
  }

  public RegistryEntryAssert hasControllerRevision(String namespace, String name) {
    return hasObject(KeyLayout.CONTROLLER_REVISIONS, namespace, name);
  }

  public RegistryEntryAssert hasJob(String namespace, String name) {
    return hasObject(KeyLayout.JOBS, namespace, name);
  }

  public RegistryEntryAssert hasCronJob(String namespace, String name) {
    return hasObject(KeyLayout.CRON_JOBS, namespace, name);
  }

  public RegistryEntryAssert hasRole(String namespace, String name) {
    return hasObject(KeyLayout.ROLES, namespace, name);
  }

  public RegistryEntryAssert hasRoleBinding(String namespace, String name) {
    return hasObject(KeyLayout.ROLE_BINDINGS, namespace, name);
  }

  public RegistryEntryAssert hasClusterRole(String name) {
    return hasObject(KeyLayout.CLUSTER_ROLES, null, name);
  }

  public RegistryEntryAssert hasClusterRoleBinding(String name) {
    return hasObject(KeyLayout.CLUSTER_ROLE_BINDINGS, null, name);
  }

  /**
   * Any resource by group and plural name, custom resources included: {@code hasResource("stable.example.com",
   * "crontabs", "default", "my-cron")}. Pass {@code null} as namespace for cluster-scoped objects.
   */
  public RegistryEntryAssert hasResource(String group, String resource, String namespace, String name) {
    return hasObject(group, resource, namespace, name);
  }

  /**
   * No object of {@code resource} ({@code group} {@code ""} for the core API) is stored under that name: never written,
   * or deleted; with {@code within(...)} it waits for the delete. Namespace {@code null} for a cluster-scoped resource.
   */
  public RegistryAssert doesNotHaveResource(String group, String resource, String namespace, String name) {
    isNotNull();
    return doesNotHaveKey(KeyLayout.withPrefix(actual.prefix()).keyOf(group, resource, namespace, name));
  }

  /** No Pod of that name in {@code namespace}: with {@code within(...)}, until its deletion has finished. */
  public RegistryAssert doesNotHavePod(String namespace, String name) {
    return doesNotHaveObject(KeyLayout.PODS, namespace, name);
  }

  /** No Deployment of that name in {@code namespace}: with {@code within(...)}, until the garbage is collected. */
  public RegistryAssert doesNotHaveDeployment(String namespace, String name) {
    return doesNotHaveObject(KeyLayout.DEPLOYMENTS, namespace, name);
  }

  private RegistryAssert doesNotHaveObject(ResourceType type, String namespace, String name) {
    isNotNull();
    return doesNotHaveKey(type.key(KeyLayout.withPrefix(actual.prefix()).prefix(), namespace, name));
  }

  private RegistryEntryAssert hasObject(String group, String resource, String namespace, String name) {
    isNotNull();
    KeyLayout layout = KeyLayout.withPrefix(actual.prefix());
    String key = layout.keyOf(group, resource, namespace, name);
    return hasKey(key, layout.describe(key));
  }

  /** A typed shortcut's lookup: the key of a well-known resource, which refuses a namespace of the wrong scope. */
  private RegistryEntryAssert hasObject(ResourceType type, String namespace, String name) {
    isNotNull();
    KeyLayout layout = KeyLayout.withPrefix(actual.prefix());
    String key = type.key(layout.prefix(), namespace, name);
    return hasKey(key, layout.describe(key));
  }

  private RegistryEntryAssert hasKey(String key, String describedAs) {
    requireKey(key);
    isNotNull();
    long revision = within == null ? 0 : actual.currentRevision(); // read first: a write in between is still seen
    Optional<RegistryEntry> entry = actual.get(key);
    Waiting waiting = within == null ? null : Waiting.start(actual, within, revision);
    if (entry.isEmpty() && waiting != null) {
      AtomicReference<RegistryEntry> written = new AtomicReference<>();
      waiting.awaitKey(key, revision + 1, state -> {
        state.ifPresent(written::set);
        return state.isPresent();
      });
      entry = Optional.ofNullable(written.get());
    }
    if (entry.isEmpty()) {
      return notFound(key, key, describedAs, waiting);
    }
    return navigate(entry.get(), waiting);
  }

  /** On to the entry found, keeping this assertion's description and soft state. */
  private RegistryEntryAssert navigate(RegistryEntry entry, Waiting waiting) {
    RegistryEntryAssert next = RegistryEntryAssert.of(entry, softly).waitingIn(waiting);
    return info.description() == null ? next : next.as(info.description());
  }

  /**
   * Reports that nothing is stored under {@code searched} (shown as {@code shown}), naming the keys nearest to it; a
   * soft assertion records it once and the checks on the missing entry are skipped.
   */
  private RegistryEntryAssert notFound(String searched, String shown, String describedAs, Waiting waiting) {
    NearestKeys nearest = NearestKeys.of(actual, searched);
    ErrorMessageFactory message = waiting == null
        ? shouldHaveKey(shown, describedAs, nearest.searchedUnder(), nearest.keys())
        : shouldAppearWithin(shown, describedAs, within, nearest.searchedUnder(), nearest.keys());
    throwOrCollect(new AssertionError(message.create(info.description(), info.representation())));
    return RegistryEntryAssert.missing(searched, softly);
  }

  private void throwOrCollect(AssertionError error) {
    if (softly == null) {
      throw error;
    }
    softly.collectAssertionError(error);
  }

  private static void requireKey(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("The etcd key must not be null or empty, e.g. \"/registry/pods/default/nginx\"");
    }
  }
}
