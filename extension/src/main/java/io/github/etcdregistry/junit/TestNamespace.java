package io.github.etcdregistry.junit;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.internal.Poll;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
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
 *
 * <p>The {@code bind...} methods return once the permission is in effect: kube-apiserver's RBAC authorizer reads roles
 * and bindings through an informer, so a request made right after the binding is stored could otherwise still be
 * forbidden for some milliseconds. The aggregated ClusterRoles {@code view}, {@code edit} and {@code admin} get their
 * rules from kube-controller-manager, so binding them needs {@code kubeControllerManager = true}.
 */
public final class TestNamespace implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Duration EFFECTIVE_WITHIN = Duration.ofSeconds(30);

  private final String name;
  private final KubernetesClient client;
  private final boolean controllerManagerRuns;

  private TestNamespace(String name, KubernetesClient client, boolean controllerManagerRuns) {
    this.name = name;
    this.client = client;
    this.controllerManagerRuns = controllerManagerRuns;
  }

  static TestNamespace create(KubernetesClient client, String testName, boolean controllerManagerRuns) {
    int fiveDigits = 36 * 36 * 36 * 36 * 36;
    String suffix = Integer.toString(fiveDigits + RANDOM.nextInt(fiveDigits), 36).substring(1); // 5 base-36 digits
    String slug = slug(testName);
    String name = "test-" + slug + "-" + suffix;
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels("etcd-registry/test", slug).endMetadata().build()).create();
    return new TestNamespace(name, client, controllerManagerRuns);
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
   * from {@code controlPlane.clientFor("alice", "dev-team")}. Returns once kube-apiserver allows what the Role grants.
   *
   * @throws IllegalStateException when the Role does not exist, or its permission is not in effect within 30 s
   */
  public RoleBinding bindRole(String role, String user) {
    return bind("Role", role, "User", user);
  }

  /**
   * Grants {@code user} the ClusterRole {@code clusterRole} ({@code view}, {@code edit}, your own) within this namespace
   * only. Returns once kube-apiserver allows what it grants; an aggregated ClusterRole ({@code view}, {@code edit},
   * {@code admin}) is first waited for until kube-controller-manager has filled its rules.
   *
   * @throws IllegalStateException when the ClusterRole does not exist, is aggregated and no kube-controller-manager runs,
   *     or its permission is not in effect within 30 s
   */
  public RoleBinding bindClusterRole(String clusterRole, String user) {
    return bind("ClusterRole", clusterRole, "User", user);
  }

  /**
   * Grants every member of {@code group} (a certificate's O) the Role {@code role} of this namespace; returns once
   * kube-apiserver allows what the Role grants.
   */
  public RoleBinding bindRoleToGroup(String role, String group) {
    return bind("Role", role, "Group", group);
  }

  private RoleBinding bind(String roleKind, String role, String subjectKind, String subject) {
    if (role == null || role.isBlank() || subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("Give a " + roleKind + " and a " + subjectKind.toLowerCase(Locale.ROOT) + ", e.g. bindRole(\"secret-reader\", \"alice\")");
    }
    List<PolicyRule> rules = roleKind.equals("Role") ? roleRules(role) : clusterRoleRules(role);
    String bindingName = (role + "-" + subject).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    RoleBinding binding = client.rbac().roleBindings().inNamespace(name).resource(new RoleBindingBuilder()
        .withNewMetadata().withName(bindingName).withNamespace(name).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind(roleKind).withName(role).endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind(subjectKind).withName(subject).endSubject()
        .build()).create();
    rules.stream().filter(rule -> rule.getResources() != null && !rule.getResources().isEmpty()).findFirst()
        .ifPresent(rule -> awaitAllowed(rule, roleKind + " " + role, subjectKind, subject, bindingName));
    return binding;
  }

  private List<PolicyRule> roleRules(String role) {
    Role found = client.rbac().roles().inNamespace(name).withName(role).get();
    if (found == null) {
      throw new IllegalStateException("There is no Role " + role + " in the namespace " + name + ": create it before binding it,"
          + " a binding to it would grant nothing");
    }
    return found.getRules() == null ? List.of() : found.getRules();
  }

  /**
   * The rules of {@code clusterRole}; for an aggregated one, once kube-controller-manager's clusterrole-aggregation
   * controller has filled them — never filled here, since the registry shows what Kubernetes writes.
   */
  private List<PolicyRule> clusterRoleRules(String clusterRole) {
    ClusterRole found = client.rbac().clusterRoles().withName(clusterRole).get();
    if (found == null) {
      throw new IllegalStateException("There is no ClusterRole " + clusterRole + ": create it before binding it, a binding to it"
          + " would grant nothing");
    }
    if (found.getAggregationRule() == null || hasRules(found)) {
      return found.getRules() == null ? List.of() : found.getRules();
    }
    if (!controllerManagerRuns) {
      throw new IllegalStateException("The ClusterRole " + clusterRole + " is aggregated (aggregationRule) and has no rules:"
          + " kube-controller-manager's clusterrole-aggregation controller fills them, and none runs, so binding it would grant"
          + " nothing. Add kubeControllerManager = true to @WithEtcdRegistry (or withKubeControllerManager(true)), or bind a"
          + " ClusterRole or Role with rules of its own");
    }
    Poll.Result<ClusterRole> aggregated = Poll.atMost(EFFECTIVE_WITHIN).every(Duration.ofMillis(50))
        .until(() -> client.rbac().clusterRoles().withName(clusterRole).get(), TestNamespace::hasRules);
    if (aggregated.outcome() != Poll.Outcome.MET) {
      throw new IllegalStateException("The ClusterRole " + clusterRole + " is aggregated (aggregationRule) and kube-controller-manager"
          + " had not filled its rules within " + EFFECTIVE_WITHIN.toSeconds() + " s (" + aggregated.outcome() + "); see its log in"
          + " controlPlane.recentLogs()");
    }
    return aggregated.last().getRules();
  }

  private static boolean hasRules(ClusterRole role) {
    return role != null && role.getRules() != null && !role.getRules().isEmpty();
  }

  /** Asks kube-apiserver, as the admin, whether the subject may now do what {@code rule} grants in this namespace. */
  private void awaitAllowed(PolicyRule rule, String role, String subjectKind, String subject, String bindingName) {
    ResourceAttributes attributes = new ResourceAttributesBuilder().withNamespace(name).withVerb(rule.getVerbs().get(0))
        .withGroup(rule.getApiGroups() == null || rule.getApiGroups().isEmpty() ? "" : rule.getApiGroups().get(0))
        .withResource(rule.getResources().get(0))
        .withName(rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? null : rule.getResourceNames().get(0)).build();
    SubjectAccessReviewBuilder review = new SubjectAccessReviewBuilder().withNewSpec().withResourceAttributes(attributes).endSpec();
    SubjectAccessReview asked = subjectKind.equals("User") ? review.editSpec().withUser(subject).endSpec().build()
        : review.editSpec().withGroups(subject).endSpec().build();
    Poll.Result<Boolean> allowed = Poll.atMost(EFFECTIVE_WITHIN).every(Duration.ofMillis(5)).until(() -> Boolean.TRUE.equals(
        client.authorization().v1().subjectAccessReview().create(asked).getStatus().getAllowed()));
    if (allowed.outcome() != Poll.Outcome.MET) {
      throw new IllegalStateException("The RoleBinding " + bindingName + " to the " + role + " is stored, but kube-apiserver did not"
          + " allow " + subjectKind + " " + subject + " to " + attributes.getVerb() + " " + attributes.getResource() + " in " + name
          + " within " + EFFECTIVE_WITHIN.toSeconds() + " s (" + allowed.outcome() + ")");
    }
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
