package io.github.etcdregistry.registry;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who made a write, read from the stored object's {@code managedFields}: kube-apiserver adds or refreshes the
 * entry of the manager that wrote. So the entry that is new or changed against the previous value names it; when
 * none changed, the entry with the latest time does.
 */
final class WriteManager {

  private WriteManager() {}

  static Optional<String> of(RegistryChange change) {
    if (change.isDelete()) {
      return Optional.empty(); // a delete stores nothing that names its author
    }
    List<ManagedFieldsEntry> now = managedFields(change.entry().orElseThrow());
    List<ManagedFieldsEntry> before = change.previous().map(WriteManager::managedFields).orElse(List.of());
    Comparator<ManagedFieldsEntry> byTime = Comparator.comparing(entry -> entry.getTime() == null ? "" : entry.getTime());
    Optional<ManagedFieldsEntry> changed = now.stream().filter(entry -> !before.contains(entry)).max(byTime);
    return changed.or(() -> now.stream().max(byTime)).map(ManagedFieldsEntry::getManager);
  }

  private static List<ManagedFieldsEntry> managedFields(RegistryEntry entry) {
    try {
      GenericKubernetesResource object = entry.decode().as(GenericKubernetesResource.class);
      List<ManagedFieldsEntry> fields = object.getMetadata() == null ? null : object.getMetadata().getManagedFields();
      return fields == null ? List.of() : fields;
    } catch (RuntimeException notAnObject) { // an allocator's range, a lease of masterleases, a value it cannot decrypt
      return List.of();
    }
  }
}
