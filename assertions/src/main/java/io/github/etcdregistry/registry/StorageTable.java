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
  private final List<Row> rows;
  private final Map<String, StoredResource> byResource;

  private StorageTable(String kubernetesVersion, List<Row> rows) {
    this.kubernetesVersion = kubernetesVersion;
    this.rows = List.copyOf(rows);
    Map<String, List<Row>> lines = new LinkedHashMap<>();
    for (Row row : rows) {
      lines.computeIfAbsent(row.group() + "/" + row.resource(), key -> new ArrayList<>()).add(row);
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

  /** Each line of data.go: one served group/version/resource and the key of its example object. */
  List<Row> rows() {
    return rows;
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

    /** From the lines of one resource; they agree on where and how it is stored (StorageTableTest checks it). */
    private static StoredResource of(List<Row> served) {
      // a line that names the stored GVK says more than one that leaves it to the served version
      Row row = served.stream().filter(line -> !line.expectedGvk().isEmpty()).findFirst().orElse(served.get(0));
      return new StoredResource(row.group(), row.resource(), row.storedApiVersion(), row.storedKind(), row.keyPrefix(),
          row.namespaced(), served.stream().map(Row::version).toList());
    }
  }

  /** One line of the table, as data.go writes it; {@code {namespace}} stands for the namespace in the path. */
  record Row(String group, String version, String resource, String etcdPath, String expectedGvk, String kind) {

    static final String NAMESPACE = "{namespace}";

    boolean namespaced() {
      return etcdPath.contains("/" + NAMESPACE + "/");
    }

    String keyPrefix() {
      return namespaced() ? etcdPath.substring(0, etcdPath.indexOf(NAMESPACE)) : etcdPath.substring(0, etcdPath.lastIndexOf('/') + 1);
    }

    /** The apiVersion objects are stored at: the expected GVK's, or the served one's when data.go leaves it empty. */
    String storedApiVersion() {
      if (expectedGvk.isEmpty()) {
        return group.isEmpty() ? version : group + "/" + version;
      }
      String[] gvk = expectedGvk.split("/", -1);
      return gvk[0].isEmpty() ? gvk[1] : gvk[0] + "/" + gvk[1];
    }

    /** data.go names a kind only with an expected GVK or in a custom resource's stub; the key layout knows the rest. */
    String storedKind() {
      return kind.isEmpty() ? KeyLayout.standard().resource(group, resource).kind() : kind;
    }
  }

  private static List<Row> read(InputStream in, String version) throws IOException {
    if (in == null) {
      throw new IllegalStateException("The storage table of Kubernetes " + version + " is listed but missing from the jar");
    }
    List<Row> rows = new ArrayList<>();
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
      String[] cells = line.split("\t", -1);
      rows.add(new Row(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]));
    }
    return rows;
  }
}
