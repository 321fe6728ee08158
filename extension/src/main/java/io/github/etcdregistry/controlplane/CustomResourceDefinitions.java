package io.github.etcdregistry.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.etcdregistry.controlplane.internal.YamlFiles;
import io.github.etcdregistry.internal.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CustomResourceDefinitions read from YAML files — a file, every {@code .yaml}/{@code .yml}/{@code .json} file of a
 * directory, or {@code classpath:} resources; one or many documents per file — and applied to a cluster, waiting until
 * each is Established so its custom resources can be created at once.
 *
 * <pre>{@code
 * ControlPlane controlPlane = new ControlPlane().withKubeControllerManager(true)
 *     .withCustomResourceDefinitions(CustomResourceDefinitions.read("src/main/resources/crds", "classpath:crds/x.yaml"));
 * }</pre>
 *
 * A control plane applies them before kube-controller-manager starts, whose garbage collector then knows the custom
 * resources from the start; {@link #applyTo} applies them to any cluster. Equal when their definitions are.
 */
public final class CustomResourceDefinitions {

  private static final String FIELD_MANAGER = "etcd-registry";

  private final List<CustomResourceDefinition> definitions;

  private CustomResourceDefinitions(List<CustomResourceDefinition> definitions) {
    this.definitions = List.copyOf(definitions);
  }

  /**
   * Reads every location now, so that a wrong path fails before anything starts.
   *
   * @throws IllegalArgumentException naming the location that is missing or holds something other than CRDs
   */
  public static CustomResourceDefinitions read(String... locations) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    List<CustomResourceDefinition> definitions = new ArrayList<>();
    for (String location : locations) {
      for (YamlFiles.Source source : YamlFiles.read(location, "CRD", "path/crd.yaml")) {
        definitions.addAll(parse(serialization, source));
      }
    }
    return new CustomResourceDefinitions(definitions);
  }

  /** Definitions built in code, e.g. with fabric8's {@code CustomResourceDefinitionBuilder}. */
  public static CustomResourceDefinitions of(CustomResourceDefinition... definitions) {
    return new CustomResourceDefinitions(List.of(definitions));
  }

  /** The definitions read, in the order of their locations and files. */
  public List<CustomResourceDefinition> definitions() {
    return definitions;
  }

  /** The names, e.g. {@code crontabs.stable.example.com}. */
  public List<String> names() {
    return definitions.stream().map(crd -> crd.getMetadata().getName()).toList();
  }

  /**
   * Creates or updates each definition (server-side apply) and waits until every one is Established and its resource
   * answers a list: right after Established kube-apiserver may still answer {@code 429 storage is (re)initializing},
   * which fails an operator's informer started at once.
   */
  public void applyTo(KubernetesClient client, Duration timeout) {
    for (CustomResourceDefinition crd : definitions) {
      CustomResourceDefinition applied = new CustomResourceDefinitionBuilder(crd).editMetadata().withResourceVersion(null).endMetadata().build();
      client.apiextensions().v1().customResourceDefinitions().resource(applied).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (CustomResourceDefinition crd : definitions) {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      try {
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
            .waitUntilCondition(CustomResourceDefinitions::isEstablished, left, TimeUnit.MILLISECONDS);
      } catch (KubernetesClientTimeoutException e) {
        throw new ControlPlaneException("The CustomResourceDefinition " + crd.getMetadata().getName() + " was not Established within "
            + timeout.toSeconds() + " s; its conditions: " + conditions(client, crd), e);
      }
      Duration rest = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      Poll.Result<Boolean> listed = Poll.atMost(rest).every(Duration.ofMillis(50)).until(() -> answersList(client, crd));
      if (listed.outcome() != Poll.Outcome.MET) {
        throw new ControlPlaneException("The custom resource " + crd.getMetadata().getName() + " was Established but did not answer a"
            + " list within " + timeout.toSeconds() + " s");
      }
    }
  }

  /** Whether a list of the resource, in its storage version, is answered rather than refused while its storage starts. */
  private static boolean answersList(KubernetesClient client, CustomResourceDefinition crd) {
    String version = crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).findFirst()
        .orElse(crd.getSpec().getVersions().get(0)).getName();
    ResourceDefinitionContext resource = new ResourceDefinitionContext.Builder().withGroup(crd.getSpec().getGroup()).withVersion(version)
        .withPlural(crd.getSpec().getNames().getPlural()).withNamespaced("Namespaced".equals(crd.getSpec().getScope())).build();
    try {
      client.genericKubernetesResources(resource).inAnyNamespace().list(new ListOptionsBuilder().withLimit(1L).build());
      return true;
    } catch (KubernetesClientException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CustomResourceDefinitions that && definitions.equals(that.definitions);
  }

  @Override
  public int hashCode() {
    return definitions.hashCode();
  }

  @Override
  public String toString() {
    return "CustomResourceDefinitions" + names();
  }

  private static boolean isEstablished(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions().stream()
        .anyMatch(condition -> "Established".equals(condition.getType()) && "True".equals(condition.getStatus()));
  }

  private static String conditions(KubernetesClient client, CustomResourceDefinition crd) {
    CustomResourceDefinition current = client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName()).get();
    if (current == null || current.getStatus() == null || current.getStatus().getConditions() == null) {
      return "none";
    }
    return current.getStatus().getConditions().stream().map(c -> c.getType() + "=" + c.getStatus() + " (" + c.getMessage() + ")").toList().toString();
  }

  private static List<CustomResourceDefinition> parse(KubernetesSerialization serialization, YamlFiles.Source source) {
    List<CustomResourceDefinition> found = new ArrayList<>();
    List<String> documents = source.documents();
    for (int i = 0; i < documents.size(); i++) {
      String document = documents.get(i);
      Object parsed;
      try {
        parsed = serialization.unmarshal(document);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("Document " + (i + 1) + " of " + source.name() + " is not a Kubernetes object: " + e.getMessage(), e);
      }
      if (!(parsed instanceof CustomResourceDefinition crd)) {
        String kind = parsed instanceof HasMetadata object ? object.getApiVersion() + " " + object.getKind()
            : parsed == null ? "empty document" : parsed.getClass().getSimpleName();
        throw new IllegalArgumentException("Document " + (i + 1) + " of " + source.name() + " is a " + kind
            + ", not an apiextensions.k8s.io/v1 CustomResourceDefinition; crds = {...} takes only CRDs");
      }
      found.add(crd);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(source.name() + " holds no CustomResourceDefinition");
    }
    return found;
  }
}
