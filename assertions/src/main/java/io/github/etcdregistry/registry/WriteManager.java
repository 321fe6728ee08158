package io.github.etcdregistry.registry;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who made a write, read from the stored object's {@code managedFields}: kube-apiserver adds or refreshes the
 * entry of the manager that wrote, so the entry that is new or changed against the previous value names it. When none
 * changed, the entry with the latest time does: entries keep their time to the second, so a manager's second write
 * within a second leaves its entry as it was. A Pod's binding to a node is the exception: kube-apiserver writes
 * {@code pods/binding} past its field manager, so that write has no manager.
 */
final class WriteManager {

  private WriteManager() {}

  static Optional<String> of(RegistryChange change) {
    if (change.isDelete()) {
      return Optional.empty(); // a delete stores nothing that names its author
    }
    Optional<GenericKubernetesResource> now = object(change.entry().orElseThrow());
    Optional<GenericKubernetesResource> before = change.previous().flatMap(WriteManager::object);
    if (now.isEmpty() || isBinding(before, now.get())) {
      return Optional.empty();
    }
    List<ManagedFieldsEntry> nowFields = managedFields(now.get());
    List<ManagedFieldsEntry> beforeFields = before.map(WriteManager::managedFields).orElse(List.of());
    Comparator<ManagedFieldsEntry> byTime = Comparator.comparing(entry -> entry.getTime() == null ? "" : entry.getTime());
    Optional<ManagedFieldsEntry> changed = nowFields.stream().filter(entry -> !beforeFields.contains(entry)).max(byTime);
    return changed.or(() -> nowFields.stream().max(byTime)).map(ManagedFieldsEntry::getManager);
  }

  /** An update cannot set a Pod's {@code spec.nodeName}: only the binding subresource does. */
  private static boolean isBinding(Optional<GenericKubernetesResource> before, GenericKubernetesResource now) {
    return "Pod".equals(now.getKind()) && before.isPresent() && nodeName(before.get()).isEmpty() && nodeName(now).isPresent();
  }

  private static Optional<Object> nodeName(GenericKubernetesResource pod) {
    return pod.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec ? Optional.ofNullable(spec.get("nodeName")) : Optional.empty();
  }

  private static Optional<GenericKubernetesResource> object(RegistryEntry entry) {
    try {
      return Optional.of(entry.decode().as(GenericKubernetesResource.class));
    } catch (RuntimeException notAnObject) { // an allocator's range, a lease of masterleases, a value it cannot decrypt
      return Optional.empty();
    }
  }

  private static List<ManagedFieldsEntry> managedFields(GenericKubernetesResource object) {
    List<ManagedFieldsEntry> fields = object.getMetadata() == null ? null : object.getMetadata().getManagedFields();
    return fields == null ? List.of() : fields;
  }
}
