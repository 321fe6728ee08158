package io.github.etcdregistry.controlplane.internal.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test's own Stages are read when asked for: what is no kwok Stage fails before anything starts, naming where it is. */
class KwokStagesTest {

  @TempDir
  Path directory;

  @Test
  void readsEveryStageOfAClasspathResource() {
    assertThat(KwokStages.read("classpath:stages/pod-fail.yaml")).singleElement().asString().contains("name: pod-fail");
  }

  @Test
  void aDocumentThatIsNoStageFailsNamingItsPlace() throws Exception {
    Path file = Files.writeString(directory.resolve("stages.yaml"), """
        apiVersion: kwok.x-k8s.io/v1alpha1
        kind: Stage
        metadata: {name: fine}
        spec: {resourceRef: {apiGroup: v1, kind: Pod}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: wrong}
        """);

    assertThatThrownBy(() -> KwokStages.read(file.toString())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Document 2 of " + file + " is a v1 ConfigMap, not a kwok.x-k8s.io/v1alpha1 Stage; stages = {...} takes only"
            + " kwok Stages");
  }

  @Test
  void aMissingLocationFailsSayingWhereItLooked() {
    assertThatThrownBy(() -> KwokStages.read("classpath:stages/none.yaml")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The Stage location classpath:stages/none.yaml is not on the class path: no resource stages/none.yaml"
            + " (put it under src/test/resources/stages/none.yaml)");
  }
}
