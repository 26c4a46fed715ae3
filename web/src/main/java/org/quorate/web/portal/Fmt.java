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
import java.util.regex.Pattern;
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

  /** An id in running text, longer than {@link #shortId} leaves it. */
  private static final Pattern ID_IN_TEXT =
      Pattern.compile("(sha256:[0-9a-fA-F]{" + SHORT_HEX + "})[0-9a-fA-F]{2,}");

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
   * @param text words that may hold ids ({@code sha256:} and hex digits), or null
   * @return the text with every such id shortened as {@link #shortId} does, for a value whose whole
   *     form goes in its title
   */
  public String shortIds(String text) {
    return text == null ? "" : ID_IN_TEXT.matcher(text).replaceAll("$1…");
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
                    ("voters".equals(e.getKey()) ? "no vote yet" : a(e.getKey()) + " of")
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

  /**
   * @param transport as recorded: {@code rest from=ADDRESS}, {@code amqp id=ID:…}, {@code jms id=…
   *     redelivered}, {@code peer …}
   * @return the way it came in words: {@code REST from 127.0.0.1}, {@code AMQP}, {@code JMS}, …
   */
  public String via(String transport) {
    if (transport == null || transport.isBlank()) {
      return "—";
    }
    String[] parts = transport.strip().split(" ", 2);
    String kind =
        switch (parts[0].toLowerCase(Locale.ROOT)) {
          case "rest" -> "REST";
          case "amqp" -> "AMQP";
          case "jms" -> "JMS";
          case "peer" -> "a peer node";
          default -> parts[0];
        };
    if (parts.length > 1 && parts[1].startsWith("from=")) {
      return kind + " from " + parts[1].substring(5).split(" ", 2)[0];
    }
    return kind + (transport.contains(" redelivered") ? " (redelivered)" : "");
  }

  /**
   * @param transport as recorded
   * @return the transport's message id ({@code ID:…}), or empty when it has none
   */
  public String messageId(String transport) {
    if (transport == null) {
      return "";
    }
    int at = transport.indexOf(" id=");
    return at < 0 ? "" : transport.substring(at + 4).split(" ", 2)[0];
  }

  /**
   * @param n a count
   * @param noun the noun in the singular ({@code dissent}, {@code input}, {@code evidence})
   * @return e.g. {@code 1 dissent}, {@code 2 dissents}, {@code 0 inputs}; {@code evidence} and
   *     words ending in s, x, ch and sh pluralised as English does
   */
  public String count(long n, String noun) {
    return n + " " + (n == 1 ? noun : plural(noun));
  }

  /**
   * @param noun a noun in the singular
   * @return its plural ({@code evidence} stays, {@code -s}/{@code -x}/{@code -ch}/{@code -sh} take
   *     {@code es}, a consonant and {@code y} takes {@code ies})
   */
  public static String plural(String noun) {
    if (noun == null || noun.isEmpty()) {
      return "";
    }
    if (noun.equals("evidence") || noun.endsWith(" evidence")) {
      return noun;
    }
    if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) {
      return noun + "es";
    }
    if (noun.endsWith("y")
        && noun.length() > 1
        && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
      return noun.substring(0, noun.length() - 1) + "ies";
    }
    return noun + "s";
  }

  /**
   * @param noun a noun (or phrase) in the singular
   * @return it with its indefinite article: {@code an attestation}, {@code a proposal}
   */
  public String a(String noun) {
    if (noun == null || noun.isEmpty()) {
      return "";
    }
    return ("aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
  }

  /**
   * @param base64 base64 text on one line
   * @return it in lines of 64 characters (the body of a PEM block, RFC 7468)
   */
  public String pem(String base64) {
    if (base64 == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(base64.length() + base64.length() / 64 + 1);
    for (int i = 0; i < base64.length(); i += 64) {
      if (i > 0) {
        out.append('\n');
      }
      out.append(base64, i, Math.min(base64.length(), i + 64));
    }
    return out.toString();
  }

  /**
   * @param id {@code sha256:} and hex digits
   * @return the hex digits only (a file name)
   */
  public String hex(String id) {
    return id == null ? "" : id.startsWith("sha256:") ? id.substring(7) : id;
  }
}
