package io.github.etcdregistry.registry;

import java.util.Optional;

/**
 * One write a {@link RegistryRecording} saw: a put or a delete of one key at one store revision, how many bytes it
 * stored, and which field manager made it.
 *
 * @param revision  the store revision of the write
 * @param type      put (create or update) or delete
 * @param key       the etcd key
 * @param valueSize bytes stored by a put; 0 for a delete
 * @param version   the key's version after a put (1 for a create); 0 for a delete
 * @param manager   the {@code managedFields} manager of a put, e.g. {@code kube-controller-manager} or the
 *                  {@code fieldManager} of the client; empty for a delete, a value that is not a Kubernetes object,
 *                  and a Pod's binding to a node, which kube-apiserver writes past its field manager
 */
public record RecordedWrite(long revision, RegistryChange.Type type, String key, int valueSize, long version, Optional<String> manager) {

  public boolean isDelete() {
    return type == RegistryChange.Type.DELETE;
  }

  public boolean isCreate() {
    return type == RegistryChange.Type.PUT && version == 1;
  }

  /** E.g. {@code rev 412 UPDATE /registry/pods/default/web 1234 bytes by kubectl-client-side-apply}. */
  @Override
  public String toString() {
    String what = isDelete() ? "DELETE" : isCreate() ? "CREATE" : "UPDATE";
    return "rev " + revision + " " + what + " " + key + (isDelete() ? "" : " " + valueSize + " bytes") + manager.map(m -> " by " + m).orElse("");
  }
}
