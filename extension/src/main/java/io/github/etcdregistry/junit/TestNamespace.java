package io.github.etcdregistry.junit;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * A namespace of one's own on a shared kube-apiserver: inject {@code TestNamespace} into a test method and
 * each test gets a fresh namespace {@code test-<random>}, deleted after the test. The keys under
 * {@code /registry/<resource>/<name()>/} are then this test's alone.
 *
 * <p>Without kube-controller-manager ({@code kubeControllerManager = true}, or {@code nodes}) a deleted namespace stays
 * {@code Terminating} and its objects stay in etcd until the control plane stops; with it they are deleted. The random
 * name keeps tests apart either way. That includes runs: with
 * {@code etcdregistry.reuse=true} the control plane, and what earlier runs stored, outlives the JVM, and a fresh
 * namespace is what keeps this run's keys apart from theirs.
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

  /**
   * Grants {@code user} the Role {@code role} of this namespace: a RoleBinding {@code <role>-<user>}, e.g. for a client
   * from {@code controlPlane.clientFor("alice", "dev-team")}.
   */
  public RoleBinding bindRole(String role, String user) {
    return bind("Role", role, "User", user);
  }

  /** Grants {@code user} the ClusterRole {@code clusterRole} ({@code view}, {@code edit}, your own) within this namespace only. */
  public RoleBinding bindClusterRole(String clusterRole, String user) {
    return bind("ClusterRole", clusterRole, "User", user);
  }

  /** Grants every member of {@code group} (a certificate's O) the Role {@code role} of this namespace. */
  public RoleBinding bindRoleToGroup(String role, String group) {
    return bind("Role", role, "Group", group);
  }

  private RoleBinding bind(String roleKind, String role, String subjectKind, String subject) {
    if (role == null || role.isBlank() || subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("Give a " + roleKind + " and a " + subjectKind.toLowerCase(Locale.ROOT) + ", e.g. bindRole(\"secret-reader\", \"alice\")");
    }
    String bindingName = (role + "-" + subject).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    return client.rbac().roleBindings().inNamespace(name).resource(new RoleBindingBuilder()
        .withNewMetadata().withName(bindingName).withNamespace(name).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind(roleKind).withName(role).endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind(subjectKind).withName(subject).endSubject()
        .build()).create();
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
