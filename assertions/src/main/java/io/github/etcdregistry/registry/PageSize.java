package io.github.etcdregistry.registry;

/**
 * How many entries the next range request of a scan asks for. etcd limits a range by count only, while the
 * client refuses an answer above its maximum message size (gRPC's default: 4 MiB) — 500 values of 10 KiB already
 * exceed that. So a page holds at most a count of entries and, going by the largest entry of the page before, about
 * a number of bytes; a page refused anyway is asked for again at half the count.
 */
final class PageSize {

  /** The first page knows no sizes yet: few enough entries that even values at etcd's 1.5 MiB limit fit in 32 MiB. */
  static final int FIRST_PAGE = 16;

  private final int maxEntries;
  private final long maxBytes;
  private final boolean bySize;
  private int entries;
  private long largestInPage;

  private PageSize(int maxEntries, long maxBytes, boolean bySize) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.bySize = bySize;
    this.entries = bySize ? Math.min(maxEntries, FIRST_PAGE) : maxEntries;
  }

  /** Pages of {@code entries}, for answers whose size does not depend on the values (keys only). */
  static PageSize fixed(int entries) {
    return new PageSize(entries, Long.MAX_VALUE, false);
  }

  /** Pages of at most {@code maxEntries} entries and about {@code maxBytes} bytes. */
  static PageSize byBytes(int maxEntries, int maxBytes) {
    return new PageSize(maxEntries, maxBytes, true);
  }

  /** The count to ask for now. */
  int entries() {
    return entries;
  }

  /** One entry of the page just read had {@code bytes} of key and value. */
  void saw(long bytes) {
    largestInPage = Math.max(largestInPage, bytes);
  }

  /** The page is read: size the next one by its largest entry. */
  void pageDone() {
    if (bySize && largestInPage > 0) {
      entries = (int) Math.max(1, Math.min(maxEntries, maxBytes / largestInPage));
    }
    largestInPage = 0;
  }

  /** The page was too large for the client: halves the count; false when it is one entry already. */
  boolean shrink() {
    if (entries <= 1) {
      return false;
    }
    entries = entries / 2;
    return true;
  }
}
