package io.github.etcdregistry.codec;

/**
 * Why a value did not decode, in words safe to show: no content of the value, only its shape.
 * {@link StorageCodec} turns it into an {@link UndecodableValueException} that names the key.
 */
final class DecodingException extends Exception {

  private static final long serialVersionUID = 1L;

  DecodingException(String reason) {
    super(reason, null, false, false);
  }
}
