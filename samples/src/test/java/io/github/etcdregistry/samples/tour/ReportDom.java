package io.github.etcdregistry.samples.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the HTML report's DOM as chromium serialized it after the page's script ran: which families and keys
 * are shown or hidden, and what the match count says. Relies only on the report's documented hooks.
 */
final class ReportDom {

  private static final Pattern KEY = Pattern.compile("<li class=\"key\"([^>]*)>");
  private static final Pattern FAMILY = Pattern.compile("<details class=\"family\"([^>]*)>");
  private static final Pattern MATCH_COUNT = Pattern.compile("<span id=\"match-count\"[^>]*>([^<]*)</span>");

  private final String dom;

  ReportDom(String dom) {
    this.dom = dom;
  }

  List<String> visibleKeys() {
    return attribute(KEY, "data-key", false);
  }

  List<String> hiddenKeys() {
    return attribute(KEY, "data-key", true);
  }

  List<String> visibleFamilies() {
    return attribute(FAMILY, "data-family", false);
  }

  List<String> hiddenFamilies() {
    return attribute(FAMILY, "data-family", true);
  }

  String matchCount() {
    Matcher matcher = MATCH_COUNT.matcher(dom);
    if (!matcher.find()) {
      throw new AssertionError("No #match-count in the DOM");
    }
    return matcher.group(1);
  }

  /** The values of {@code name} on the elements {@code element} finds that are (or are not) hidden. */
  private List<String> attribute(Pattern element, String name, boolean hidden) {
    Pattern value = Pattern.compile(" " + name + "=\"([^\"]*)\"");
    List<String> values = new ArrayList<>();
    Matcher matcher = element.matcher(dom);
    while (matcher.find()) {
      String attributes = matcher.group(1);
      Matcher found = value.matcher(attributes);
      if (found.find() && attributes.contains(" hidden") == hidden) {
        values.add(unescape(found.group(1)));
      }
    }
    return values;
  }

  private static String unescape(String attribute) {
    return attribute.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
