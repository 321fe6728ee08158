package io.github.etcdregistry.registry;

/**
 * A Kubernetes resource as the registry lays it out: its API group and plural name, its kind, whether it
 * lives in a namespace, and the key segment its objects are stored under.
 *
 * @param group the API group, {@code ""} for the core group
 * @param resource the plural resource name, as in a URL ({@code pods}, {@code deployments})
 * @param kind the kind of the objects ({@code Pod})
 * @param namespaced whether objects sit under a namespace in the key
 * @param segment the key path after the prefix: {@code pods}, {@code minions}, {@code services/specs}
 * @param note why the segment is not the resource name, or what a less known resource holds; {@code ""} when neither needs saying
 */
public record ResourceType(String group, String resource, String kind, boolean namespaced, String segment, String note) {

  /** The key of one object: {@code <prefix>/<segment>/<namespace>/<name>} or without the namespace. */
  public String key(String prefix, String namespace, String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("A " + kind + " needs a name");
    }
    if (namespaced) {
      if (namespace == null || namespace.isEmpty()) {
        throw new IllegalArgumentException(kind + " is namespaced: give a namespace, e.g. \"default\"");
      }
      return prefix + "/" + segment + "/" + namespace + "/" + name;
    }
    if (namespace != null && !namespace.isEmpty()) {
      throw new IllegalArgumentException(kind + " is cluster-scoped: pass null as the namespace, not \"" + namespace + "\"");
    }
    return prefix + "/" + segment + "/" + name;
  }

  /** {@code apps/deployments}, or just {@code pods} for the core group. */
  public String qualifiedName() {
    return group.isEmpty() ? resource : group + "/" + resource;
  }
}
