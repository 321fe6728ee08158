package io.github.etcdregistry.audit;

/** The audit could not read what it needs from etcd. */
public class AuditException extends RuntimeException {

  public AuditException(String message) {
    super(message);
  }

  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}
