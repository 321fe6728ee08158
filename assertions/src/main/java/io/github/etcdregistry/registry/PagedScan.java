package io.github.etcdregistry.registry;

import static io.github.etcdregistry.registry.EtcdAnswers.answerTooLarge;
import static io.github.etcdregistry.registry.EtcdAnswers.tooLarge;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.OptionsUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads every key under a prefix page by page, sorted by key, every page at the revision of the first, so the result
 * is one consistent snapshot however many pages it takes. Pages of values are sized by {@link PageSize}; a page the
 * client refuses as too large is read again in smaller pages.
 */
final class PagedScan {

  private final KV kvClient;
  private final EtcdAnswers answers;
  private final int pageSize;
  private final int pageBytes;

  PagedScan(KV kv, EtcdAnswers answers, int pageSize, int pageBytes) {
    this.kvClient = kv;
    this.answers = answers;
    this.pageSize = pageSize;
    this.pageBytes = pageBytes;
  }

  /** Maps every entry under {@code keyPrefix}; returns the results when {@code collect}, else an empty list. */
  <T> List<T> scan(String keyPrefix, boolean keysOnly, Function<KeyValue, T> mapper, boolean collect) {
    ByteSequence from = ByteSequence.from(keyPrefix, StandardCharsets.UTF_8);
    ByteSequence end = OptionsUtil.prefixEndOf(from);
    long revision = 0;
    PageSize limit = keysOnly ? PageSize.fixed(pageSize) : PageSize.byBytes(pageSize, pageBytes);
    List<T> result = new ArrayList<>();
    while (true) {
      GetOption.Builder option = GetOption.builder()
          .withRange(end)
          .withLimit(limit.entries())
          .withKeysOnly(keysOnly)
          .withSortField(GetOption.SortTarget.KEY)
          .withSortOrder(GetOption.SortOrder.ASCEND);
      if (revision > 0) {
        option.withRevision(revision); // every page sees the same snapshot
      }
      GetResponse page;
      try {
        page = answers.await(kvClient.get(from, option.build()), "list " + keyPrefix);
      } catch (RegistryAccessException e) {
        if (tooLarge(e) && limit.shrink()) {
          continue; // the page was larger than the client takes: read the same keys in smaller pages
        }
        throw tooLarge(e) ? answerTooLarge("list " + keyPrefix + " (one value at a time)", e) : e;
      }
      if (revision == 0) {
        revision = page.getHeader().getRevision(); // a header names the store's current revision, not the one read at
      }
      for (KeyValue kv : page.getKvs()) {
        T mapped = mapper.apply(kv);
        if (collect) {
          result.add(mapped);
        }
        limit.saw(kv.getKey().size() + kv.getValue().size());
      }
      limit.pageDone();
      if (!page.isMore() || page.getKvs().isEmpty()) {
        return result;
      }
      byte[] last = page.getKvs().get(page.getKvs().size() - 1).getKey().getBytes();
      from = ByteSequence.from(Arrays.copyOf(last, last.length + 1)); // the next key after `last`
    }
  }
}
