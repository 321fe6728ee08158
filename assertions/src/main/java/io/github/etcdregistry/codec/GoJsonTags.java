package io.github.etcdregistry.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Map;
import java.util.Set;

/**
 * Where Kubernetes JSON differs from the field names in client-java-proto's descriptors.
 *
 * <p>go-to-protobuf names proto fields after the Go json tags, so nearly every proto name is the JSON name.
 * The descriptors keep neither the tags nor Go's struct embedding, though: a struct embedded with
 * {@code json:",inline"} becomes a nested message field whose members belong to the parent in JSON, and a
 * few fields kept an old Go-style protobuf name. Both lists were found by comparing every stored type's
 * descriptor with the JSON properties of the fabric8 8.0 model (generated from the OpenAPI schema).
 */
final class GoJsonTags {

  private static final Set<String> INLINE = Set.of(
      "k8s.io.api.core.v1.ConfigMapEnvSource.localObjectReference",
      "k8s.io.api.core.v1.ConfigMapKeySelector.localObjectReference",
      "k8s.io.api.core.v1.ConfigMapProjection.localObjectReference",
      "k8s.io.api.core.v1.ConfigMapVolumeSource.localObjectReference",
      "k8s.io.api.core.v1.SecretEnvSource.localObjectReference",
      "k8s.io.api.core.v1.SecretKeySelector.localObjectReference",
      "k8s.io.api.core.v1.SecretProjection.localObjectReference",
      "k8s.io.api.core.v1.EphemeralContainer.ephemeralContainerCommon",
      "k8s.io.api.core.v1.PersistentVolumeSpec.persistentVolumeSource",
      "k8s.io.api.core.v1.Probe.handler",
      "k8s.io.api.core.v1.Volume.volumeSource",
      "k8s.io.api.networking.v1.IngressRule.ingressRuleValue",
      "k8s.io.api.extensions.v1beta1.IngressRule.ingressRuleValue",
      "k8s.io.api.admissionregistration.v1.NamedRuleWithOperations.ruleWithOperations",
      "k8s.io.api.admissionregistration.v1.RuleWithOperations.rule",
      "k8s.io.api.admissionregistration.v1beta1.NamedRuleWithOperations.ruleWithOperations",
      "k8s.io.api.resource.v1.DeviceAllocationConfiguration.deviceConfiguration",
      "k8s.io.api.resource.v1.DeviceClaimConfiguration.deviceConfiguration",
      "k8s.io.api.resource.v1.DeviceClassConfiguration.deviceConfiguration");

  private static final Map<String, String> RENAMED = Map.ofEntries(
      Map.entry("k8s.io.api.admissionregistration.v1.MutatingWebhookConfiguration.Webhooks", "webhooks"),
      Map.entry("k8s.io.api.admissionregistration.v1.ValidatingWebhookConfiguration.Webhooks", "webhooks"),
      Map.entry("k8s.io.api.admissionregistration.v1.Validation.Expression", "expression"),
      Map.entry("k8s.io.api.admissionregistration.v1.Variable.Name", "name"),
      Map.entry("k8s.io.api.admissionregistration.v1.Variable.Expression", "expression"),
      Map.entry("k8s.io.api.admissionregistration.v1beta1.MutatingWebhookConfiguration.Webhooks", "webhooks"),
      Map.entry("k8s.io.api.admissionregistration.v1beta1.ValidatingWebhookConfiguration.Webhooks", "webhooks"),
      Map.entry("k8s.io.api.admissionregistration.v1beta1.Validation.Expression", "expression"),
      Map.entry("k8s.io.api.admissionregistration.v1beta1.Variable.Name", "name"),
      Map.entry("k8s.io.api.admissionregistration.v1beta1.Variable.Expression", "expression"),
      Map.entry("k8s.io.api.networking.v1.IngressClassParametersReference.aPIGroup", "apiGroup"));

  private GoJsonTags() {
  }

  /** Whether the field is an embedded Go struct whose members appear directly in the parent's JSON. */
  static boolean isInline(FieldDescriptor field) {
    return INLINE.contains(field.getFullName());
  }

  /** The field's name in Kubernetes JSON. */
  static String jsonName(FieldDescriptor field) {
    return RENAMED.getOrDefault(field.getFullName(), field.getName());
  }
}
