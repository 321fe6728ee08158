package io.github.etcdregistry.registry;

import java.util.Optional;

/**
 * One write to the registry as etcd's watch reports it: a put (create or update) or a delete of one key, at one
 * store revision. {@link #toString()} shows sizes and revisions, never the value.
 */
public final class RegistryChange {

  /** What the write did to the key. */
  public enum Type { PUT, DELETE }

  private final Type type;
  private final String key;
  private final long revision;
  private final RegistryEntry entry;
  private final RegistryEntry previous;

  RegistryChange(Type type, String key, long revision, RegistryEntry entry, RegistryEntry previous) {
    this.type = type;
    this.key = key;
    this.revision = revision;
    this.entry = entry;
    this.previous = previous;
  }

  public Type type() {
    return type;
  }

  public boolean isDelete() {
    return type == Type.DELETE;
  }

  public String key() {
    return key;
  }

  /** The store revision of this write. */
  public long revision() {
    return revision;
  }

  /** The key's entry after a put; empty after a delete. */
  public Optional<RegistryEntry> entry() {
    return Optional.ofNullable(entry);
  }

  /** The key's entry before this write, when etcd still had it; empty for a create. */
  public Optional<RegistryEntry> previous() {
    return Optional.ofNullable(previous);
  }

  /** Bytes written: the new value's size, 0 for a delete. */
  public int valueSize() {
    return entry == null ? 0 : entry.size();
  }

  /** A put that created the key (its version is 1). */
  public boolean isCreate() {
    return entry != null && entry.version() == 1;
  }

  /** E.g. {@code rev 412 PUT /registry/pods/default/web (1234 bytes, version 2)}. */
  @Override
  public String toString() {
    return "rev " + revision + " " + (isDelete() ? "DELETE " + key
        : (isCreate() ? "CREATE " : "UPDATE ") + key + " (" + valueSize() + " bytes, version " + entry.version() + ")");
  }
}
