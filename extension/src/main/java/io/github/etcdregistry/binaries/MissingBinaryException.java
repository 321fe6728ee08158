package io.github.etcdregistry.binaries;

/** A control-plane binary is neither in the cache nor on the class path; the message names the dependency that brings it. */
public class MissingBinaryException extends RuntimeException {

  public MissingBinaryException(String message) {
    super(message);
  }

  public MissingBinaryException(String message, Throwable cause) {
    super(message, cause);
  }
}
