package io.github.etcdregistry.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.etcdregistry.codec.DecodedObject;
import io.github.etcdregistry.codec.UndecodableValueException;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryEntry;
import io.github.etcdregistry.registry.StorageTable;
import io.github.etcdregistry.registry.StorageTable.Example;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Every built-in resource Kubernetes' own storage table (data.go) lists, created from its example through the
 * served version data.go names, is found at the key data.go expects, decodes at the version it is stored at, and
 * equals kube-apiserver's JSON for that version. Alpha and beta APIs are all switched on, as data.go's own test does.
 * Custom resources of data.go need their definitions and are stored as JSON: the oracle test covers that path.
 */
@WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS,
    kubeApiServerFlags = {"--runtime-config=api/all=true", "--feature-gates=AllAlpha=true,AllBeta=true"})
class EveryStoredResourceDecodesTest {

  private static final String NAMESPACE = "etcdstoragepathtestnamespace";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void everyExampleOfDataGoDecodesAtItsStoredVersion(KubernetesClient kube, EtcdRegistry registry) throws Exception {
    StorageTable table = StorageTable.of(kube.getKubernetesVersion().getGitVersion()); // the table of the version that runs
    assertThat(registry.codec().schemaSource()).as("the registry of a started control plane decodes with the schemas of its"
        + " version; control-plane/build compiles them (control-plane/build-schemas)").contains("schemas-" + table.kubernetesVersion());
    kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();

    Map<String, String> failures = new TreeMap<>();
    Map<String, String> decodedAt = new TreeMap<>();
    Map<String, String> notServedAsStored = new TreeMap<>();
    int equalToServed = 0;
    List<Example> builtIn = table.examples().stream().filter(example -> !isCustom(example.group())).toList();
    for (Example example : builtIn) {
      String served = example.group() + "/" + example.version() + "/" + example.resource();
      try {
        kube.raw(collection(apiBase(example.group().isEmpty() ? example.version() : example.group() + "/" + example.version()), example),
            "POST", example.stub().replace(Example.NAMESPACE, NAMESPACE));
      } catch (KubernetesClientException e) {
        failures.put(served, "not created: " + e.getMessage());
        continue;
      }
      String key = example.key(NAMESPACE);
      Optional<RegistryEntry> entry = registry.get(key);
      if (entry.isEmpty()) {
        failures.put(served, "nothing at " + key + "; under the prefix: " + registry.keys(key.substring(0, key.lastIndexOf('/') + 1)));
        continue;
      }
      DecodedObject decoded;
      try {
        decoded = entry.get().decode();
      } catch (UndecodableValueException e) {
        failures.put(served, e.getMessage());
        continue;
      }
      if (!decoded.apiVersion().equals(example.storedApiVersion()) || !decoded.kind().equals(example.storedKind())) {
        failures.put(served, "stored as " + decoded.apiVersion() + " " + decoded.kind() + ", data.go expects "
            + example.storedApiVersion() + " " + example.storedKind());
        continue;
      }
      decodedAt.put(served, decoded.apiVersion() + " " + decoded.kind());
      String name = key.substring(key.lastIndexOf('/') + 1);
      String servedPath = collection(apiBase(decoded.apiVersion()), example) + "/" + name;
      String servedJson = kube.raw(servedPath);
      // written again between the read and the GET (the flow-control config controller updates FlowSchemas): same write
      for (int attempt = 0; attempt < 3 && servedJson != null && !servedAt(servedJson, registry.get(key).orElseThrow().modRevision(), decoded); attempt++) {
        decoded = registry.get(key).orElseThrow().decode();
        servedJson = kube.raw(servedPath);
      }
      if (servedJson == null) { // CRDs: stored as v1beta1, served as v1 only; the oracle test compares them
        notServedAsStored.put(served, decoded.apiVersion() + " is not served");
        continue;
      }
      String kind = decoded.kind();
      List<String> differences = JsonDiff.between(JSON.readTree(decoded.toJson()), JSON.readTree(servedJson)).stream()
          .filter(difference -> !servedWithDefaults(kind, difference)).toList();
      if (differences.isEmpty()) {
        equalToServed++;
      } else {
        failures.put(served, "decoded vs served at " + decoded.apiVersion() + ": " + differences);
      }
    }

    System.out.printf("Kubernetes %s: %d examples of built-in resources in data.go, %d decoded at their stored version, %d of them"
        + " equal to the served JSON (not served at the stored version: %s); schemas from %s%n", table.kubernetesVersion(),
        builtIn.size(), decodedAt.size(), equalToServed, notServedAsStored,
        registry.codec().schemaSource());
    failures.forEach((served, why) -> System.out.printf("  %s: %s%n", served, why));
    assertThat(failures).as("examples of data.go that did not decode as stored").isEmpty();
    assertThat(decodedAt).hasSameSizeAs(builtIn) // among them kinds client-java-proto 27.0.0 does not know:
        .containsEntry("coordination.k8s.io/v1beta1/leasecandidates", "coordination.k8s.io/v1beta1 LeaseCandidate");
  }

  /**
   * kube-apiserver applies defaults when it reads from storage: a Job's labels from its template, a claim's
   * phase {@code Pending}. Stored bytes do not hold them.
   */
  private static boolean servedWithDefaults(String kind, String difference) {
    return kind.equals("Job") && difference.startsWith("/metadata/labels: decoded (absent)")
        || kind.equals("PersistentVolumeClaim") && difference.equals("/status/phase: decoded (absent), served \"Pending\"");
  }

  private static String apiBase(String apiVersion) {
    return apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
  }

  private static String collection(String base, Example example) {
    return base + (example.namespaced() ? "/namespaces/" + NAMESPACE : "") + "/" + example.resource();
  }

  /** Kubernetes reserves k8s.io for its own groups; data.go's other groups belong to its custom resource definitions. */
  private static boolean isCustom(String group) {
    return group.contains(".") && !group.endsWith(".k8s.io");
  }

  /** Whether the served object is the write that was decoded. */
  private static boolean servedAt(String servedJson, long currentRevision, DecodedObject decoded) throws java.io.IOException {
    String servedRevision = JSON.readTree(servedJson).path("metadata").path("resourceVersion").asText("");
    return servedRevision.equals(decoded.json().path("metadata").path("resourceVersion").asText())
        && servedRevision.equals(Long.toString(currentRevision));
  }
}
