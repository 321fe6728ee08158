package io.github.etcdregistry.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CustomResourceDefinitions read from YAML files — a file, every {@code .yaml}/{@code .yml}/{@code .json} file of a
 * directory, or {@code classpath:} resources; one or many documents per file — and applied to a cluster, waiting until
 * each is Established so its custom resources can be created at once.
 *
 * <pre>{@code
 * CustomResourceDefinitions crds = CustomResourceDefinitions.read("src/main/resources/crds", "classpath:crds/x.yaml");
 * crds.applyTo(controlPlane.kubernetesClient(), Duration.ofSeconds(60));
 * }</pre>
 */
public final class CustomResourceDefinitions {

  private static final String CLASSPATH = "classpath:";
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
      for (Source source : sources(location)) {
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

  /** Creates or updates each definition (server-side apply) and waits until every one is Established. */
  public void applyTo(KubernetesClient client, Duration timeout) {
    for (CustomResourceDefinition crd : definitions) {
      crd.getMetadata().setResourceVersion(null);
      client.apiextensions().v1().customResourceDefinitions().resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
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
    }
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

  /** A file's text and where it came from, for messages. */
  private record Source(String name, String text) {}

  private static List<Source> sources(String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("A CRD location is empty: give a file, a directory or classpath:path/crd.yaml");
    }
    if (location.startsWith(CLASSPATH)) {
      String resource = location.substring(CLASSPATH.length()).replaceFirst("^/", "");
      URL url = Thread.currentThread().getContextClassLoader().getResource(resource);
      if (url == null) {
        throw new IllegalArgumentException("The CRD location " + location + " is not on the class path: no resource " + resource
            + " (put it under src/test/resources/" + resource + ")");
      }
      if ("file".equals(url.getProtocol())) {
        try {
          return fromPath(Path.of(url.toURI()), location);
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException("Cannot read " + location + ": " + e.getMessage(), e);
        }
      }
      try (InputStream in = url.openStream()) { // a file inside a jar
        return List.of(new Source(location, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read " + location + ": " + e.getMessage(), e);
      }
    }
    Path path = Path.of(location);
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("The CRD location " + location + " does not exist (resolved to " + path.toAbsolutePath()
          + "); give a file or directory relative to the working directory, or classpath:path/crd.yaml");
    }
    return fromPath(path, location);
  }

  private static List<Source> fromPath(Path path, String location) {
    try {
      if (!Files.isDirectory(path)) {
        return List.of(new Source(path.toString(), Files.readString(path)));
      }
      List<Source> sources = new ArrayList<>();
      try (Stream<Path> files = Files.list(path)) {
        for (Path file : files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
          sources.add(new Source(file.toString(), Files.readString(file)));
        }
      }
      if (sources.isEmpty()) {
        throw new IllegalArgumentException("The CRD directory " + location + " holds no .yaml, .yml or .json file");
      }
      return sources;
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the CRD location " + location + ": " + e.getMessage(), e);
    }
  }

  private static List<CustomResourceDefinition> parse(KubernetesSerialization serialization, Source source) {
    List<CustomResourceDefinition> found = new ArrayList<>();
    String[] documents = source.text().split("(?m)^---[ \\t]*$");
    for (int i = 0; i < documents.length; i++) {
      String document = documents[i];
      if (document.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
        continue;
      }
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
