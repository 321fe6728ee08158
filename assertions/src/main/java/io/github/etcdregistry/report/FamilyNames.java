package io.github.etcdregistry.report;

import io.github.etcdregistry.registry.KeyLayout;

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
    return layout.familyOf(key);
  }
}
