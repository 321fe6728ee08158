package io.github.etcdregistry.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one Kubernetes version stores where, and at which version: that version's own table,
 * {@code test/integration/etcd/data.go} in k8s.io/kubernetes, generated into a resource file by
 * {@code control-plane/storage-tables}.
 *
 * <pre>{@code
 * StorageTable.of("v1.37.2").lookup("certificates.k8s.io", "clustertrustbundles")
 *     // -> certificates.k8s.io/v1beta1 ClusterTrustBundle under /registry/clustertrustbundles/
 * }</pre>
 */
public final class StorageTable {

  /** The Kubernetes version whose table is read when none is named; the one {@code control-plane/build} builds by default. */
  public static final String DEFAULT_VERSION = "v1.37.2";

  private static final String DIRECTORY = "/io/github/etcdregistry/registry/storage/";

  private final String kubernetesVersion;
  private final List<Example> examples;
  private final Map<String, StoredResource> byResource;

  private StorageTable(String kubernetesVersion, List<Example> examples) {
    this.kubernetesVersion = kubernetesVersion;
    this.examples = List.copyOf(examples);
    Map<String, List<Example>> lines = new LinkedHashMap<>();
    for (Example example : examples) {
      lines.computeIfAbsent(example.group() + "/" + example.resource(), key -> new ArrayList<>()).add(example);
    }
    Map<String, StoredResource> resources = new LinkedHashMap<>();
    lines.forEach((key, served) -> resources.put(key, StoredResource.of(served)));
    this.byResource = Map.copyOf(resources);
  }

  /**
   * The table of a Kubernetes version: {@code "v1.37.2"}, {@code "1.37.2"}, or a minor such as {@code "1.36"} for the
   * newest patch release whose table is present.
   */
  public static StorageTable of(String kubernetesVersion) {
    if (kubernetesVersion == null || kubernetesVersion.isBlank()) {
      throw new IllegalArgumentException("Name a Kubernetes version such as \"v1.37.2\" or \"1.37\"; tables exist for " + versions());
    }
    String wanted = kubernetesVersion.startsWith("v") ? kubernetesVersion : "v" + kubernetesVersion;
    String version = versions().stream()
        .filter(v -> v.equals(wanted) || v.startsWith(wanted + "."))
        .reduce((older, newer) -> newer)
        .orElseThrow(() -> new IllegalArgumentException("No storage table for Kubernetes " + kubernetesVersion
            + "; tables exist for " + versions() + ". Generate one with: control-plane/storage-tables " + wanted));
    try (InputStream in = StorageTable.class.getResourceAsStream(DIRECTORY + version + ".tsv")) {
      return new StorageTable(version, read(in, version));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the storage table of Kubernetes " + version, e);
    }
  }

  /** The versions with a table, oldest first, e.g. {@code [v1.35.4, v1.36.3, v1.37.2]}. */
  public static List<String> versions() {
    List<String> versions = new ArrayList<>();
    try (InputStream in = StorageTable.class.getResourceAsStream(DIRECTORY + "versions")) {
      if (in == null) {
        throw new IllegalStateException("The storage tables are missing from the etcd-registry-assertions jar (" + DIRECTORY + "versions)");
      }
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .filter(line -> !line.isBlank()).forEach(versions::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the list of storage tables", e);
    }
    return List.copyOf(versions);
  }

  public String kubernetesVersion() {
    return kubernetesVersion;
  }

  /** Where and at which version this Kubernetes stores {@code resource} of {@code group} ({@code ""} for core). */
  public Optional<StoredResource> lookup(String group, String resource) {
    return Optional.ofNullable(byResource.get(group + "/" + resource));
  }

  /** Every resource of the table, one per group and resource, sorted by group then resource. */
  public List<StoredResource> resources() {
    return byResource.values().stream()
        .sorted(Comparator.comparing(StoredResource::group).thenComparing(StoredResource::resource))
        .toList();
  }

  /** data.go's example objects, one per served group/version/resource, sorted by group, resource, version. */
  public List<Example> examples() {
    return examples;
  }

  @Override
  public String toString() {
    return "StorageTable[Kubernetes " + kubernetesVersion + ", " + byResource.size() + " resources]";
  }

  /**
   * One resource as a Kubernetes version stores it.
   *
   * @param group the API group, {@code ""} for core
   * @param resource the plural resource name
   * @param storedApiVersion the apiVersion objects are encoded at in etcd, e.g. {@code certificates.k8s.io/v1beta1}
   * @param storedKind the kind they are encoded as, e.g. {@code ClusterTrustBundle}
   * @param keyPrefix the keys of its objects start with this, under the default {@code /registry} prefix
   * @param namespaced whether a namespace follows the prefix in the key
   * @param servedVersions the versions data.go serves it at, e.g. {@code [v1, v1beta1]}
   */
  public record StoredResource(String group, String resource, String storedApiVersion, String storedKind, String keyPrefix,
      boolean namespaced, List<String> servedVersions) {

    public StoredResource {
      servedVersions = List.copyOf(servedVersions);
    }

    /** From the examples of one resource; they agree on where and how it is stored (StorageTableTest checks it). */
    private static StoredResource of(List<Example> served) {
      Example first = served.get(0);
      return new StoredResource(first.group(), first.resource(), first.storedApiVersion(), first.storedKind(), first.keyPrefix(),
          first.namespaced(), served.stream().map(Example::version).toList());
    }
  }

  /**
   * One example object of data.go: a served group/version/resource, the JSON it is created from, and where and
   * how kube-apiserver stores it.
   *
   * @param group the API group, {@code ""} for core
   * @param version the served version the example is created through
   * @param resource the plural resource name
   * @param etcdPath the key data.go expects, under {@code /registry}, with {@value #NAMESPACE} for a namespace
   * @param storedApiVersion the apiVersion the object is stored at
   * @param storedKind the kind it is stored as
   * @param stub the JSON data.go creates it from (its test images named {@code busybox})
   */
  public record Example(String group, String version, String resource, String etcdPath, String storedApiVersion,
      String storedKind, String stub) {

    /** Stands for the namespace in {@link #etcdPath()} of namespaced resources. */
    public static final String NAMESPACE = "{namespace}";

    public boolean namespaced() {
      return etcdPath.contains("/" + NAMESPACE + "/");
    }

    /** The key of the example object, created in {@code namespace} (ignored for cluster-scoped resources). */
    public String key(String namespace) {
      return etcdPath.replace(NAMESPACE, namespace);
    }

    String keyPrefix() {
      return namespaced() ? etcdPath.substring(0, etcdPath.indexOf(NAMESPACE)) : etcdPath.substring(0, etcdPath.lastIndexOf('/') + 1);
    }
  }

  /** Reads one line: data.go names a stored GVK only where it differs, and a kind only there or in a custom resource's stub. */
  private static Example example(String[] cells) {
    String group = cells[0];
    String version = cells[1];
    String resource = cells[2];
    String expectedGvk = cells[4];
    String storedApiVersion = group.isEmpty() ? version : group + "/" + version;
    if (!expectedGvk.isEmpty()) {
      String[] gvk = expectedGvk.split("/", -1);
      storedApiVersion = gvk[0].isEmpty() ? gvk[1] : gvk[0] + "/" + gvk[1];
    }
    String kind = cells[5].isEmpty() ? KeyLayout.standard().resource(group, resource).kind() : cells[5];
    return new Example(group, version, resource, cells[3], storedApiVersion, kind, cells[8]);
  }

  private static List<Example> read(InputStream in, String version) throws IOException {
    if (in == null) {
      throw new IllegalStateException("The storage table of Kubernetes " + version + " is listed but missing from the jar");
    }
    List<Example> rows = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    boolean header = true;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (header) { // column names
        header = false;
        continue;
      }
      rows.add(example(line.split("\t", -1)));
    }
    return rows;
  }
}
