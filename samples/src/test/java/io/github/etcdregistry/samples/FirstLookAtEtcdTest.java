package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A real etcd over mutual TLS, no Kubernetes: write keys with jetcd, check them with the registry assertions. */
@WithEtcdRegistry
class FirstLookAtEtcdTest {

  @Test
  void keysAreWhereTheClientPutThem(Client etcd) throws Exception {
    etcd.getKVClient().put(bytes("/registry/demo/first"), bytes("hello")).get();
    etcd.getKVClient().put(bytes("/registry/demo/second"), bytes("world")).get();

    assertThatRegistry().keysUnder("/registry/demo/").containsExactly("/registry/demo/first", "/registry/demo/second");
    assertThatRegistry().hasKey("/registry/demo/first").hasVersion(1);
    assertThatRegistry().doesNotHaveKey("/registry/demo/third");
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
