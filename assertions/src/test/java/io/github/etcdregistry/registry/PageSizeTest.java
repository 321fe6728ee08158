package io.github.etcdregistry.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageSizeTest {

  @Test
  void theFirstPageIsSmallThenPagesFollowTheLargestValue() {
    PageSize size = PageSize.byBytes(500, 2 * 1024 * 1024);
    assertThat(size.entries()).isEqualTo(PageSize.FIRST_PAGE);

    size.saw(10 * 1024);
    size.saw(9 * 1024);
    size.pageDone();
    assertThat(size.entries()).isEqualTo(204); // 2 MiB / 10 KiB

    size.saw(100);
    size.pageDone();
    assertThat(size.entries()).isEqualTo(500); // never more than the count

    size.saw(1536 * 1024);
    size.pageDone();
    assertThat(size.entries()).isEqualTo(1); // one value near etcd's limit per page
  }

  @Test
  void aRefusedPageIsAskedForAgainAtHalfTheCountDownToOne() {
    PageSize size = PageSize.byBytes(500, 2 * 1024 * 1024);

    assertThat(size.shrink()).isTrue();
    assertThat(size.entries()).isEqualTo(8);
    assertThat(size.shrink()).isTrue();
    assertThat(size.shrink()).isTrue();
    assertThat(size.shrink()).isTrue();
    assertThat(size.entries()).isEqualTo(1);
    assertThat(size.shrink()).isFalse();
  }

  @Test
  void keysOnlyPagesKeepTheirCount() {
    PageSize size = PageSize.fixed(500);
    size.saw(1024 * 1024);
    size.pageDone();

    assertThat(size.entries()).isEqualTo(500);
  }
}
