package io.github.etcdregistry.controlplane.internal.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.internal.YamlFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A test's own kwok Stages, played besides kwok's defaults: a slow start, a crash loop, a Pod that fails. Read and
 * checked when asked for, so that a wrong location or a document that is no Stage fails before anything starts.
 */
public final class KwokStages {

  private static final YAMLMapper YAML = new YAMLMapper();

  private KwokStages() {}

  /**
   * Every Stage document of {@code locations}: files, directories of {@code .yaml}/{@code .yml}/{@code .json} files, or
   * {@code classpath:} resources.
   *
   * @throws IllegalArgumentException naming the location or document that is missing or no kwok Stage
   */
  public static List<String> read(String... locations) {
    List<String> stages = new ArrayList<>();
    for (String location : locations) {
      for (YamlFiles.Source source : YamlFiles.read(location, "Stage", "stages/pod-fail.yaml")) {
        List<String> documents = source.documents();
        for (int i = 0; i < documents.size(); i++) {
          stages.add(checked(documents.get(i), "Document " + (i + 1) + " of " + source.name()));
        }
        if (documents.isEmpty()) {
          throw new IllegalArgumentException(source.name() + " holds no kwok Stage");
        }
      }
    }
    return List.copyOf(stages);
  }

  /** Writes {@code stages} where kwok reads them, one file each, {@code stage-1.yaml} and on; returns the files. */
  static List<Path> write(List<String> stages, Path directory) {
    List<Path> files = new ArrayList<>();
    try {
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      for (int i = 0; i < stages.size(); i++) {
        files.add(Files.writeString(directory.resolve("stage-" + (i + 1) + ".yaml"), stages.get(i), StandardCharsets.UTF_8));
      }
      return files;
    } catch (IOException e) {
      throw new ControlPlaneException("Could not write kwok's Stages to " + directory + ": " + e.getMessage(), e);
    }
  }

  private static String checked(String document, String where) {
    JsonNode stage;
    try {
      stage = YAML.readTree(document);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + " is not YAML: " + e.getMessage(), e);
    }
    String type = stage.path("apiVersion").asText() + " " + stage.path("kind").asText();
    if (!type.equals("kwok.x-k8s.io/v1alpha1 Stage")) {
      throw new IllegalArgumentException(where + " is a " + (type.isBlank() ? "document without apiVersion and kind" : type)
          + ", not a kwok.x-k8s.io/v1alpha1 Stage; stages = {...} takes only kwok Stages");
    }
    if (stage.path("metadata").path("name").asText().isEmpty() || stage.path("spec").path("resourceRef").path("kind").asText().isEmpty()) {
      throw new IllegalArgumentException(where + " is a Stage without metadata.name or spec.resourceRef.kind, which kwok needs");
    }
    return document.strip() + System.lineSeparator();
  }
}
