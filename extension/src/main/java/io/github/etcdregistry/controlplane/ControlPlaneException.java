package io.github.etcdregistry.controlplane;



/** The control plane could not start or stop; the message says which component, why, and what to do. */
public class ControlPlaneException extends RuntimeException {

  public ControlPlaneException(String message) {
    super(message);
  }

  public ControlPlaneException(String message, Throwable cause) {
    super(message, cause);
  }
}
