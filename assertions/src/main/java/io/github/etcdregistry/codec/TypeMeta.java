package io.github.etcdregistry.codec;

/** The apiVersion and kind a stored value names; empty strings when it names none. */
record TypeMeta(String apiVersion, String kind) {

  static final TypeMeta NONE = new TypeMeta("", "");

  boolean isComplete() {
    return !apiVersion.isEmpty() && !kind.isEmpty();
  }

  @Override
  public String toString() {
    return apiVersion + " " + kind;
  }
}
