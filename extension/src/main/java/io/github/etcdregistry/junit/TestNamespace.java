package io.github.etcdregistry.junit;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * A namespace of one's own on a shared kube-apiserver: inject {@code TestNamespace} into a test method and
 * each test gets a fresh namespace {@code test-<random>}, deleted after the test. The keys under
 * {@code /registry/<resource>/<name()>/} are then this test's alone.
 *
 * <p>No controller-manager runs, so a deleted namespace stays {@code Terminating} and its objects stay in etcd
 * until the control plane stops; the random name keeps tests apart regardless.
 */
public final class TestNamespace implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final KubernetesClient client;

  private TestNamespace(String name, KubernetesClient client) {
    this.name = name;
    this.client = client;
  }

  static TestNamespace create(KubernetesClient client, String testName) {
    int fiveDigits = 36 * 36 * 36 * 36 * 36;
    String suffix = Integer.toString(fiveDigits + RANDOM.nextInt(fiveDigits), 36).substring(1); // 5 base-36 digits
    String slug = slug(testName);
    String name = "test-" + slug + "-" + suffix;
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels("etcd-registry/test", slug).endMetadata().build()).create();
    return new TestNamespace(name, client);
  }

  /** The namespace's name, e.g. {@code test-createsorder-4fz1k9}. */
  public String name() {
    return name;
  }

  /** The admin client; use {@code client().pods().inNamespace(name())}. */
  public KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    client.namespaces().withName(name).delete();
  }

  @Override
  public String toString() {
    return name;
  }

  /** Lower-case letters and digits of a test name, at most 30 of them: valid in a DNS label. */
  private static String slug(String testName) {
    String slug = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return slug.substring(0, Math.min(30, slug.length()));
  }
}
