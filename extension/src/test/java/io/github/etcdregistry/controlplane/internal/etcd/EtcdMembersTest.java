package io.github.etcdregistry.controlplane.internal.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An index that names no member: the valid ones, and more members only for an index past the last. */
class EtcdMembersTest {

  @Test
  void anIndexPastTheLastAsksForThatManyMembers() {
    assertThat(EtcdMembers.outOfRange(3, 3)).isEqualTo("etcdMember(3): etcd has 3 members, etcdMember(0) to etcdMember(2);"
        + " for member 3, ask for etcdMembers = 4: withEtcdMembers(4) or @WithEtcdRegistry(etcdMembers = 4)");
    assertThat(EtcdMembers.outOfRange(1, 1)).isEqualTo("etcdMember(1): etcd has 1 member, etcdMember(0);"
        + " for member 1, ask for etcdMembers = 2: withEtcdMembers(2) or @WithEtcdRegistry(etcdMembers = 2)");
  }

  @Test
  void aNegativeIndexIsNamedWithoutAskingForMembers() {
    assertThat(EtcdMembers.outOfRange(-1, 3)).isEqualTo("etcdMember(-1): members are numbered from 0; etcd has 3 members,"
        + " etcdMember(0) to etcdMember(2)");
  }
}
