package io.github.etcdregistry.registry;

/** etcd could not be read: unreachable, refused the request, or did not answer in time. */
public class RegistryAccessException extends RuntimeException {

  public RegistryAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
