package io.github.etcdregistry.junit;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a real etcd — and with {@code kubeApiServer = true} a real kube-apiserver — over
 * mutual TLS with freshly generated certificates. Tests and their fields receive, by type:
 * {@link io.fabric8.kubernetes.client.KubernetesClient} (admin), {@link io.github.etcdregistry.registry.EtcdRegistry},
 * {@link io.etcd.jetcd.Client} and {@link io.github.etcdregistry.controlplane.ControlPlane}, and test methods a
 * fresh {@link TestNamespace}; {@code RegistryAssertions.assertThatRegistry()} reads this control plane's etcd. Static
 * fields are set before {@code @BeforeAll} methods run (not with {@link Lifecycle#PER_METHOD}) and cleared when the
 * class ends.
 *
 * <p>Works on {@code @Nested} classes (they share the enclosing class's control plane unless annotated
 * themselves), through inheritance, and as a meta-annotation.
 *
 * <p>Empty attributes fall back to system properties, then environment variables: {@code etcdregistry.backend}
 * ({@code ETCDREGISTRY_BACKEND}), {@code etcdregistry.kubernetes.version}, each component's image and binary; every
 * setting is listed in {@link io.github.etcdregistry.controlplane.Setting}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EtcdRegistryExtension.class)
public @interface WithEtcdRegistry {

  /** Also start kube-apiserver and inject a {@code KubernetesClient}. */
  boolean kubeApiServer() default false;

  /**
   * Also start kube-controller-manager (implies {@link #kubeApiServer()}): Endpoints follow Services, ReplicaSets
   * follow Deployments, ControllerRevisions follow DaemonSets and StatefulSets. Pods stay Pending unless {@link #nodes()} asks
   * for nodes to run them on.
   */
  boolean kubeControllerManager() default false;

  /**
   * etcd members: 1, or 3 (5, 7) for a raft cluster that keeps serving with a minority down; stop and start one
   * with {@code controlPlane.etcdMember(i)}.
   */
  int etcdMembers() default 1;

  /**
   * Simulated nodes {@code node-1} to {@code node-n}, spread over the zones {@code zone-a}, {@code zone-b} and
   * {@code zone-c}: kube-scheduler binds Pods to them and kwok plays their kubelet, so Pods become Running and Ready,
   * Jobs complete, and nodes renew their Lease. Implies {@link #kubeControllerManager()}. Needs kwok's binary artifact,
   * the test dependency {@code io.github.etcdregistry.binaries:kwok:0.8.0} (type pom).
   */
  int nodes() default 0;

  /**
   * kwok Stages to play besides its own, for a slow start, a crash loop or a Pod that fails: files, directories of
   * {@code .yaml} files, or {@code classpath:} resources, read before anything starts. Needs {@link #nodes()}.
   */
  String[] stages() default {};

  /**
   * CustomResourceDefinitions to apply before the first test (implies {@link #kubeApiServer()}): files, directories
   * of {@code .yaml}/{@code .yml}/{@code .json} files (several documents per file are fine), or {@code classpath:}
   * resources, e.g. {@code {"src/main/resources/crds", "classpath:crds/crontab.yaml"}}. Each is Established before
   * the tests run; a location that does not exist fails the class before anything starts. They are applied as soon as
   * kube-apiserver is ready, before kube-controller-manager starts, whose garbage collector then deletes a custom
   * resource's dependents at once (a CRD a test applies itself is found only up to 30 s later).
   */
  String[] crds() default {};

  /**
   * Containers, processes, or {@code AUTO}: containers when Docker answers, else processes. {@code EXISTING} attaches
   * to a running cluster named by the {@code etcdregistry.existing.*} settings and starts nothing; {@code AUTO} picks it
   * when {@code etcdregistry.existing.kubeconfig} is set.
   */
  Backend backend() default Backend.AUTO;

  /** One control plane per class (default), per test method (etcd only), or shared by every class with the same configuration. */
  Lifecycle lifecycle() default Lifecycle.PER_CLASS;

  /**
   * Encryption at rest: {@code aescbc}, {@code aesgcm}, {@code secretbox} or {@code identity}, with a random key
   * {@code key1}. Empty: none.
   */
  String encryption() default "";

  /** The resources {@link #encryption()} covers: {@code secrets} by default; {@code configmaps}, {@code *.apps}, {@code *.*}. */
  String[] encryptedResources() default {"secrets"};

  /** How many random keys to generate for {@link #encryption()}; {@code key1} writes, the others only read. */
  int encryptionKeys() default 1;

  /** Your own {@code EncryptionConfiguration} file instead of {@link #encryption()}. */
  String encryptionConfiguration() default "";

  /**
   * The Kubernetes release to run: {@code "1.36"} (its latest known patch) or {@code "1.36.3"}. Empty:
   * {@code etcdregistry.kubernetes.version}, else the default (1.37). Another version's binaries come with the
   * test dependency {@code io.github.etcdregistry.binaries:kubernetes:1.36.3} (type pom); a binary or image set here still wins.
   */
  String kubernetesVersion() default "";

  /** The etcd image, e.g. {@code gcr.io/etcd-development/etcd:v3.6.16}. */
  String etcdImage() default "";

  /** The kube-apiserver image, e.g. {@code registry.k8s.io/kube-apiserver:v1.37.2}. */
  String kubeApiServerImage() default "";

  /** The etcd executable for the process backend. */
  String etcdBinary() default "";

  /** The kube-apiserver executable for the process backend. */
  String kubeApiServerBinary() default "";

  /** The kube-controller-manager image, e.g. {@code registry.k8s.io/kube-controller-manager:v1.37.2}. */
  String kubeControllerManagerImage() default "";

  /** The kube-controller-manager executable for the process backend. */
  String kubeControllerManagerBinary() default "";

  /**
   * More etcd flags for every member, e.g. {@code "--max-request-bytes=3145728"}; they win over the defaults. Flags that
   * would change etcd's TLS, PKI, ports, data directory or members are refused.
   */
  String[] etcdFlags() default {};

  /** More kube-apiserver flags, e.g. {@code "--feature-gates=CBORServingAndStorage=true"}; they win over the defaults. */
  String[] kubeApiServerFlags() default {};

  /** How long etcd and kube-apiserver may each take to become ready, in seconds; 0 means the default (60). */
  int startupTimeoutSeconds() default 0;

  /**
   * Leave an HTML picture of the registry behind, one file per test class (per test with {@code PER_METHOD}) in
   * {@code target/etcd-registry-reports} ({@code etcdregistry.report.dir}). Secret values are redacted. Left at
   * {@code DEFAULT}, the system property or environment variable {@code etcdregistry.report} decides
   * ({@code never}, {@code on-failure}, {@code always}), else nothing is written.
   */
  Report report() default Report.DEFAULT;

  /** When to write the registry report. */
  enum Report {
    /** As {@code etcdregistry.report} says, else never. */
    DEFAULT,
    NEVER,
    /** Only when a test of the class failed: the picture of what was stored when it went wrong. */
    ON_FAILURE,
    ALWAYS
  }

  /** How long a control plane lives. */
  enum Lifecycle {
    /** Started before the first test of the class, stopped after its last. */
    PER_CLASS,
    /** A fresh etcd for every test method: complete isolation, at a start per test. Not with kube-apiserver. */
    PER_METHOD,
    /** One control plane for every class with the same configuration in the JVM, stopped when the run ends. */
    SHARED
  }
}
