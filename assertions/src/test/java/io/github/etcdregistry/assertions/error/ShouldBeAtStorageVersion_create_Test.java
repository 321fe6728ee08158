package io.github.etcdregistry.assertions.error;

import static io.github.etcdregistry.assertions.error.ShouldBeAtStorageVersion.shouldAllBeAtStorageVersion;
import static java.lang.String.format;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldBeAtStorageVersion_create_Test {

  @Test
  void listsTheObjectsAtAnOtherVersionAndTheRemedy() {
    String message = shouldAllBeAtStorageVersion(120, List.of(
            "/registry/horizontalpodautoscalers/default/web: autoscaling/v1, storage version autoscaling/v2",
            "/registry/horizontalpodautoscalers/shop/api: autoscaling/v1, storage version autoscaling/v2"),
        "Kubernetes v1.33.0 storage versions")
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting all 120 objects to be stored at their resource's storage version (Kubernetes v1.33.0 storage versions) but 2 are not:%n"
        + "  /registry/horizontalpodautoscalers/default/web: autoscaling/v1, storage version autoscaling/v2%n"
        + "  /registry/horizontalpodautoscalers/shop/api: autoscaling/v1, storage version autoscaling/v2%n"
        + "Rewrite them (a storage version migration, or read and replace each object) before the old version is removed."));
  }

  @Test
  void saysIsForOneObject() {
    String message = shouldAllBeAtStorageVersion(120, List.of(
            "/registry/horizontalpodautoscalers/default/web: autoscaling/v1, storage version autoscaling/v2"),
        "Kubernetes v1.33.0 storage versions")
        .create(new TextDescription("Test"), new StandardRepresentation());

    assertThat(message).isEqualTo(format("[Test] %n"
        + "Expecting all 120 objects to be stored at their resource's storage version (Kubernetes v1.33.0 storage versions) but 1 is not:%n"
        + "  /registry/horizontalpodautoscalers/default/web: autoscaling/v1, storage version autoscaling/v2%n"
        + "Rewrite them (a storage version migration, or read and replace each object) before the old version is removed."));
  }
}
