package io.github.etcdregistry.report;

/**
 * The style and the script of the HTML report, inlined into the page so that it is one file that opens
 * anywhere — in a workshop without network, nothing may be fetched.
 */
final class ReportAssets {

  private ReportAssets() {
  }

  static final String CSS = """
      :root { color-scheme: light dark; --muted: #667; --line: #d0d4dc; --pre: #f4f5f7; }
      @media (prefers-color-scheme: dark) { :root { --muted: #9aa; --line: #3a3f4a; --pre: #1d2027; } }
      [hidden] { display: none !important; }
      body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 1.5rem 3rem; }
      header { position: sticky; top: 0; background: Canvas; padding: 1rem 0 .75rem; border-bottom: 1px solid var(--line); z-index: 1; }
      h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
      code, pre, .key-path { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
      .summary, .description, .facts, .family-count { color: var(--muted); }
      .secrets-revealed { color: #b00020; font-weight: 600; }
      .recording { margin: 1rem 0; } table.tally { border-collapse: collapse; margin: .5rem 1.5rem .5rem 0; display: inline-table; vertical-align: top; }
      table.tally th, table.tally td { border-bottom: 1px solid var(--line); padding: .15rem .6rem; text-align: right; } table.tally th:first-child, table.tally td:first-child { text-align: left; }
      .search { display: flex; gap: 1rem; align-items: center; margin-top: .5rem; }
      #search { flex: 1; font: inherit; padding: .4rem .6rem; border: 1px solid var(--line); border-radius: 6px; }
      details.family { border: 1px solid var(--line); border-radius: 8px; margin: .75rem 0; padding: .25rem .75rem; }
      details.family > summary { cursor: pointer; padding: .35rem 0; }
      .family-name { font-weight: 600; font-family: ui-monospace, Menlo, Consolas, monospace; }
      .family-count { margin: 0 .5rem; font-size: .9em; }
      .explanation { display: block; margin-left: 1.1rem; font-size: .92em; }
      ul.keys { list-style: none; margin: .25rem 0 .5rem; padding: 0; }
      li.key { border-top: 1px solid var(--line); padding: .5rem 0; }
      .key-line { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
      .key-path { font-weight: 600; word-break: break-all; }
      .kind { font-style: italic; }
      .badge { font-size: .8em; padding: .05rem .45rem; border-radius: 999px; border: 1px solid currentColor; }
      .encoding-protobuf { color: #1b6ac9; } .encoding-json { color: #2e7d32; } .encoding-encrypted { color: #b00020; }
      .encoding-cbor, .encoding-unknown { color: var(--muted); }
      .facts { font-size: .88em; display: flex; gap: 1rem; flex-wrap: wrap; }
      .description { margin: .2rem 0; font-size: .92em; }
      details.value > summary { cursor: pointer; font-size: .9em; }
      pre { background: var(--pre); padding: .75rem; border-radius: 6px; overflow-x: auto; font-size: .85em; }
      pre.undecodable { white-space: pre-wrap; word-break: break-all; }
      section.audit { border: 1px solid var(--line); border-radius: 8px; margin: .75rem 0; padding: .25rem 1rem .75rem; }
      section.audit h2 { font-size: 1.2rem; margin: .5rem 0; } section.audit h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
      .coverage { height: .7rem; background: #b00020; border-radius: 4px; max-width: 560px; overflow: hidden; }
      .coverage .covered { height: 100%; background: #2e7d32; }
      svg.sizes { max-width: 960px; font-size: 12px; } svg.sizes text { fill: currentColor; }
      svg.sizes rect.kept, .swatch.kept { fill: #9ec3ee; background: #9ec3ee; } svg.sizes rect.latest, .swatch.latest { fill: #1b6ac9; background: #1b6ac9; }
      .swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; vertical-align: middle; }
      .audit-table-wrap { overflow-x: auto; }
      table.audit-table { border-collapse: collapse; font-size: .85em; width: 100%; }
      table.audit-table code { overflow-wrap: anywhere; } table.audit-table td:first-child code { white-space: nowrap; }
      table.audit-table th, table.audit-table td { border-bottom: 1px solid var(--line); padding: .25rem .4rem; text-align: left; vertical-align: top; }
      table.audit-table td.number { text-align: right; font-variant-numeric: tabular-nums; }
      """;

  /** Filters keys by a substring of their path or kind; {@code #q=...} or {@code ?q=...} in the URL pre-fills the search. */
  static final String JS = """
      (() => {
        const search = document.getElementById('search');
        const count = document.getElementById('match-count');
        const noMatch = document.getElementById('no-match');
        const keys = Array.from(document.querySelectorAll('li.key'));
        const families = Array.from(document.querySelectorAll('details.family'));
        const plural = (n) => n + (n === 1 ? ' key' : ' keys');

        function apply() {
          const query = search.value.trim().toLowerCase();
          let shown = 0;
          for (const item of keys) {
            item.hidden = query !== '' && !item.dataset.key.toLowerCase().includes(query)
                && !item.dataset.kind.toLowerCase().includes(query);
            if (!item.hidden) shown++;
          }
          for (const family of families) {
            const total = family.querySelectorAll('li.key').length;
            const visible = family.querySelectorAll('li.key:not([hidden])').length;
            family.hidden = visible === 0;
            family.querySelector('.family-count').textContent = query === '' ? plural(total) : visible + ' of ' + plural(total);
            if (query !== '') family.open = visible > 0;
          }
          count.textContent = shown + ' of ' + plural(keys.length);
          count.dataset.matches = String(shown);
          noMatch.hidden = shown > 0;
        }

        function queryFromUrl() {
          for (const part of [location.hash.slice(1), location.search.slice(1)]) {
            const query = new URLSearchParams(part).get('q');
            if (query !== null) return query;
          }
          return '';
        }

        search.addEventListener('input', () => {
          apply();
          // keeps the filter in the address, so a reload or a shared link shows the same keys
          history.replaceState(null, '', search.value === '' ? location.pathname + location.search
              : '#q=' + encodeURIComponent(search.value));
        });
        search.value = queryFromUrl();
        apply();
      })();
      """;
}
