package io.github.etcdregistry.report;

import io.github.etcdregistry.registry.KeyLayout;
import io.github.etcdregistry.registry.ResourceType;
import java.util.Optional;

/** Which family a key belongs to: the part of its path that all keys of one resource (or one allocator) share. */
final class FamilyNames {

  private FamilyNames() {
  }

  /**
   * {@code pods} for {@code /registry/pods/default/nginx}, {@code services/specs} for a Service,
   * {@code stable.example.com/crontabs} for a custom resource, {@code ranges/serviceips} for that allocator;
   * a key outside the prefix (such as {@code compact_rev_key}) is a family of its own.
   */
  static String familyOf(String key, KeyLayout layout) {
    String root = layout.prefix() + "/";
    if (!key.startsWith(root)) {
      return key;
    }
    Optional<ResourceType> known = layout.resourceOf(key);
    if (known.isPresent()) {
      return known.get().segment();
    }
    String[] parts = key.substring(root.length()).split("/", -1);
    // <group>/<plural> for custom resources; ranges/<allocator> holds one allocator each
    boolean twoLevels = parts.length >= 2 && (parts[0].contains(".") || parts[0].equals("ranges"));
    return twoLevels ? parts[0] + "/" + parts[1] : parts[0];
  }
}
