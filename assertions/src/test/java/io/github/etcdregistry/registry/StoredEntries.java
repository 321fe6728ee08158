package io.github.etcdregistry.registry;

import io.github.etcdregistry.codec.StorageCodec;
import java.nio.charset.StandardCharsets;

/** Registry entries as etcd would return them, for tests of what is asserted on one entry. */
public final class StoredEntries {

  private StoredEntries() {}

  public static RegistryEntry entry(String key, String value, long createRevision, long modRevision, long version) {
    return new RegistryEntry(key, value.getBytes(StandardCharsets.UTF_8), createRevision, modRevision, version, StorageCodec.create());
  }
}
