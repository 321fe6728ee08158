package io.github.etcdregistry.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where Kubernetes JSON differs from the field names in client-java-proto's descriptors.
 *
 * <p>go-to-protobuf names proto fields after the Go json tags, so nearly every proto name is the JSON name.
 * The descriptors keep neither the tags nor Go's struct embedding, though: a struct embedded with
 * {@code json:",inline"} becomes a nested message field whose members belong to the parent in JSON, and a
 * few fields kept an old Go-style protobuf name. Both lists were found by comparing every stored type's
 * descriptor with the JSON properties of the fabric8 8.0 model (generated from the OpenAPI schema).
 *
 * <p>Names leave out the API version ({@code k8s.io.api.core.Volume.volumeSource}): a Go struct embedded in one
 * version of a group is embedded in all of them, also in the versions a newer Kubernetes adds.
 */
final class GoJsonTags {

  private static final Set<String> INLINE = Set.of(
      "k8s.io.api.core.ConfigMapEnvSource.localObjectReference",
      "k8s.io.api.core.ConfigMapKeySelector.localObjectReference",
      "k8s.io.api.core.ConfigMapProjection.localObjectReference",
      "k8s.io.api.core.ConfigMapVolumeSource.localObjectReference",
      "k8s.io.api.core.SecretEnvSource.localObjectReference",
      "k8s.io.api.core.SecretKeySelector.localObjectReference",
      "k8s.io.api.core.SecretProjection.localObjectReference",
      "k8s.io.api.core.EphemeralContainer.ephemeralContainerCommon",
      "k8s.io.api.core.PersistentVolumeSpec.persistentVolumeSource",
      "k8s.io.api.core.Probe.handler",
      "k8s.io.api.core.Volume.volumeSource",
      "k8s.io.api.networking.IngressRule.ingressRuleValue",
      "k8s.io.api.extensions.IngressRule.ingressRuleValue",
      "k8s.io.api.admissionregistration.NamedRuleWithOperations.ruleWithOperations",
      "k8s.io.api.admissionregistration.RuleWithOperations.rule",
      "k8s.io.api.resource.DeviceAllocationConfiguration.deviceConfiguration",
      "k8s.io.api.resource.DeviceClaimConfiguration.deviceConfiguration",
      "k8s.io.api.resource.DeviceClassConfiguration.deviceConfiguration");

  private static final Map<String, String> RENAMED = Map.ofEntries(
      Map.entry("k8s.io.api.admissionregistration.MutatingWebhookConfiguration.Webhooks", "webhooks"),
      Map.entry("k8s.io.api.admissionregistration.ValidatingWebhookConfiguration.Webhooks", "webhooks"),
      Map.entry("k8s.io.api.admissionregistration.Validation.Expression", "expression"),
      Map.entry("k8s.io.api.admissionregistration.Variable.Name", "name"),
      Map.entry("k8s.io.api.admissionregistration.Variable.Expression", "expression"),
      Map.entry("k8s.io.api.networking.IngressClassParametersReference.aPIGroup", "apiGroup"));

  /** Go {@code *string} fields, by full proto name: {@code pointer-strings}, generated from the Go types. */
  private static final Set<String> POINTER_STRINGS = pointerStrings();

  private GoJsonTags() {
  }

  /**
   * Whether the field (its full proto name) is a Go {@code *string}, whose {@code ""} on the wire is a value ({@code storageClassName: ""}
   * turns dynamic provisioning off), where a plain string's {@code ""} is the zero value Go's JSON leaves out.
   */
  static boolean isPointerString(String fieldFullName) {
    return POINTER_STRINGS.contains(fieldFullName);
  }

  /** Whether the field is an embedded Go struct whose members appear directly in the parent's JSON. */
  static boolean isInline(FieldDescriptor field) {
    return INLINE.contains(versionless(field));
  }

  /** The field's name in Kubernetes JSON. */
  static String jsonName(FieldDescriptor field) {
    return RENAMED.getOrDefault(versionless(field), field.getName());
  }

  private static Set<String> pointerStrings() {
    try (InputStream in = GoJsonTags.class.getResourceAsStream("pointer-strings")) {
      if (in == null) {
        throw new IllegalStateException("pointer-strings is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read pointer-strings from the jar", e);
    }
  }

  /** {@code k8s.io.api.core.v1.Volume.volumeSource} without its version: {@code k8s.io.api.core.Volume.volumeSource}. */
  private static String versionless(FieldDescriptor field) {
    String protoPackage = field.getFile().getPackage();
    String group = protoPackage.substring(0, Math.max(protoPackage.lastIndexOf('.'), 0));
    return group + field.getFullName().substring(protoPackage.length());
  }
}
