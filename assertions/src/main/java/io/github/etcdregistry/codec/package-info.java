/**
 * The storage codec: what kube-apiserver writes to etcd, turned back into Kubernetes JSON and fabric8 objects.
 *
 * <p>{@link io.github.etcdregistry.codec.StoredValue} tells what a value is without decoding it;
 * {@link io.github.etcdregistry.codec.StorageCodec} removes encryption at rest (with
 * {@link io.github.etcdregistry.codec.EncryptionKeys}) and decodes the protobuf envelope or JSON into a
 * {@link io.github.etcdregistry.codec.DecodedObject}. Values that cannot be read raise
 * {@link io.github.etcdregistry.codec.UndecodableValueException}, whose message never shows Secret data.
 *
 * <p>This package knows nothing of etcd clients, JUnit or AssertJ.
 */
package io.github.etcdregistry.codec;
