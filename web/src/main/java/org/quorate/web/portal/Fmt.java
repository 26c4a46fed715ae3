package org.quorate.web.portal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Words for the portal's values ({@code #{fmt.…}}): ids shortened, times in UTC, yes/no, lists,
 * vote counts and who is missing, never a Java {@code toString}.
 */
@Named("fmt")
@ApplicationScoped
public class Fmt {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** Hex digits an id keeps when shortened. */
  static final int SHORT_HEX = 12;

  /**
   * @param id {@code sha256:…} or anything else
   * @return {@code sha256:0123456789ab…}, or the value as it is when it is short
   */
  public String shortId(String id) {
    if (id == null) {
      return "";
    }
    int colon = id.indexOf(':');
    int keep = colon + 1 + SHORT_HEX;
    return id.length() <= keep + 1 ? id : id.substring(0, keep) + "…";
  }

  /**
   * @param value an {@link Instant}, an RFC 3339 string, or null
   * @return e.g. {@code 2026-11-29 10:15:00 UTC}, or {@code —}
   */
  public String time(Object value) {
    if (value == null || "".equals(value)) {
      return "—";
    }
    if (value instanceof Instant i) {
      return TIME.format(i);
    }
    try {
      return TIME.format(Instant.parse(value.toString()));
    } catch (DateTimeParseException e) {
      return value.toString();
    }
  }

  /**
   * @param b a boolean
   * @return {@code yes} or {@code no}
   */
  public String yesNo(boolean b) {
    return b ? "yes" : "no";
  }

  /**
   * @param values a collection, or null
   * @return its items comma separated, or {@code none}
   */
  public String list(Collection<?> values) {
    if (values == null || values.isEmpty()) {
      return "none";
    }
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  /**
   * @param values a collection, or null
   * @return its items one per line (for {@code white-space: pre-line}), or {@code none}
   */
  public String lines(Collection<?> values) {
    if (values == null || values.isEmpty()) {
      return "none";
    }
    return values.stream().map(String::valueOf).collect(Collectors.joining("\n"));
  }

  /**
   * @param values strings
   * @return each in double quotes, comma separated (a JSON array's items)
   */
  public String quoted(Collection<?> values) {
    if (values == null) {
      return "";
    }
    return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
  }

  /**
   * @param values certification path subjects, signer first
   * @return {@code signer → … → anchor}
   */
  public String path(List<?> values) {
    if (values == null || values.isEmpty()) {
      return "not judged";
    }
    return values.stream().map(String::valueOf).collect(Collectors.joining(" → "));
  }

  /**
   * @param counts verdict to count (e.g. {@code {concur=4, dissent=1}})
   * @return e.g. {@code 4 concur, 1 dissent, 0 abstain}
   */
  public String counts(Map<String, ?> counts) {
    if (counts == null || counts.isEmpty()) {
      return "no vote yet";
    }
    return counts.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  /**
   * @param missing role (or {@code voters}) to members
   * @return e.g. {@code legal-advisor: POL; no vote yet: DEU, FRA}, or {@code nobody}
   */
  public String missing(Map<String, List<String>> missing) {
    if (missing == null) {
      return "nobody";
    }
    String s =
        missing.entrySet().stream()
            .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
            .map(
                e ->
                    ("voters".equals(e.getKey()) ? "no vote yet" : "a " + e.getKey() + " of")
                        + ": "
                        + String.join(", ", e.getValue()))
            .collect(Collectors.joining("; "));
    return s.isEmpty() ? "nobody" : s;
  }

  /**
   * @param code a status or outcome wire name
   * @return it in words ({@code provisionally-adopted} → {@code provisionally adopted})
   */
  public String words(String code) {
    return code == null ? "—" : code.replace('-', ' ');
  }

  /**
   * @param part a count
   * @param whole the count it is part of
   * @return the percentage, rounded down, 0 when {@code whole} is 0
   */
  public long percent(long part, long whole) {
    return whole <= 0 ? 0 : Math.min(100, part * 100 / whole);
  }
}
