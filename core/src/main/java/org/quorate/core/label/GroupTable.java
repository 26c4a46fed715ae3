package org.quorate.core.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Group values of releasability categories and the members they stand for (SPEC §6): e.g. {@code
 * NATO} stands for the 32 Allied nations (ISO 3166 alpha-3) and for the organisation member {@code
 * NATO} itself. JSON form, as in a genesis {@code labelPolicy.groups}: {@code
 * {"NATO":["ALB","BEL",…]}}. Immutable.
 *
 * <p>The shipped default, {@value #NATO_RESOURCE}, is the Alliance membership as of 2024 (32
 * nations, Sweden the last to join). Note that the NATO SPIF's own value codes for Bulgaria ({@code
 * BLG}) and North Macedonia ({@code FYR}) are not ISO 3166; members are named by ISO codes ({@code
 * BGR}, {@code MKD}), so a label listing {@code BLG} does not cover member {@code BGR}.
 */
public final class GroupTable {
  /** Class-path resource of the default group table. */
  public static final String NATO_RESOURCE = "/org/quorate/core/label/nato-groups.json";

  /** Cap on the number of groups. */
  public static final int MAX_GROUPS = 256;

  /** Cap on the members of one group. */
  public static final int MAX_MEMBERS = 1024;

  /** Cap on the size of a JSON group table, in bytes. */
  public static final int MAX_BYTES = 1024 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static volatile GroupTable nato;

  private final Map<String, Set<String>> groups;

  private GroupTable(Map<String, Set<String>> groups) {
    this.groups = groups;
  }

  /**
   * @param groups group id to member ids
   * @return the table
   * @throws IllegalArgumentException when over a cap or an id is empty
   */
  public static GroupTable of(Map<String, ? extends Collection<String>> groups) {
    if (groups.size() > MAX_GROUPS) {
      throw new IllegalArgumentException("more than " + MAX_GROUPS + " groups");
    }
    Map<String, Set<String>> m = new LinkedHashMap<>();
    groups.forEach(
        (g, members) -> {
          ConfidentialityLabel.checkText("group id", g);
          if (members.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException(
                "group " + g + " has more than " + MAX_MEMBERS + " members");
          }
          for (String member : members) {
            ConfidentialityLabel.checkText("member of " + g, member);
          }
          m.put(g, Set.copyOf(new LinkedHashSet<>(members)));
        });
    return new GroupTable(Map.copyOf(m));
  }

  /**
   * @return an empty table: every value stands only for the member of that id
   */
  public static GroupTable empty() {
    return new GroupTable(Map.of());
  }

  /**
   * @return the shipped table: {@code NATO} and its 32 member nations
   */
  public static GroupTable natoDefault() {
    GroupTable t = nato;
    if (t == null) {
      try (InputStream in = GroupTable.class.getResourceAsStream(NATO_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + NATO_RESOURCE + " is missing");
        }
        t = fromTree(MAPPER.readTree(in.readNBytes(MAX_BYTES + 1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (LabelFormatException e) {
        throw new IllegalStateException("shipped group table does not load", e);
      }
      nato = t;
    }
    return t;
  }

  /**
   * Reads the JSON form.
   *
   * @param json {@code {"GROUP":["MEMBER",…],…}}, at most {@value #MAX_BYTES} bytes
   * @return the table
   * @throws LabelFormatException when not that shape or over a cap
   */
  public static GroupTable read(byte[] json) throws LabelFormatException {
    if (json.length > MAX_BYTES) {
      throw new LabelFormatException("group table exceeds " + MAX_BYTES + " bytes");
    }
    try {
      return fromTree(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new LabelFormatException("group table is not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the JSON form already parsed (a genesis {@code labelPolicy.groups}).
   *
   * @param n the JSON object
   * @return the table
   * @throws LabelFormatException when not an object of string arrays, or over a cap
   */
  public static GroupTable fromTree(JsonNode n) throws LabelFormatException {
    if (n == null || !n.isObject()) {
      throw new LabelFormatException("group table is not a JSON object");
    }
    if (n.size() > MAX_GROUPS) {
      throw new LabelFormatException("more than " + MAX_GROUPS + " groups");
    }
    Map<String, Set<String>> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isArray() || e.getValue().size() > MAX_MEMBERS) {
        throw new LabelFormatException(
            "group " + e.getKey() + " is not an array of at most " + MAX_MEMBERS + " members");
      }
      Set<String> members = new LinkedHashSet<>();
      for (JsonNode v : e.getValue()) {
        if (!v.isTextual()) {
          throw new LabelFormatException("a member of group " + e.getKey() + " is not a string");
        }
        members.add(v.textValue());
      }
      m.put(e.getKey(), members);
    }
    try {
      return of(m);
    } catch (IllegalArgumentException e) {
      throw new LabelFormatException("group table: " + e.getMessage(), e);
    }
  }

  /**
   * @param group a group id such as {@code NATO}
   * @return its member ids, empty when not a group
   */
  public Set<String> members(String group) {
    return groups.getOrDefault(group, Set.of());
  }

  /**
   * @return the group ids
   */
  public Set<String> groupIds() {
    return groups.keySet();
  }

  /**
   * Whether a category value stands for a member: the value is the member's id (a nation, or an
   * organisation such as {@code NATO}), or a group the member belongs to.
   *
   * @param value a category value, e.g. {@code NATO} or {@code JPN}
   * @param member a member id, e.g. {@code POL}
   * @return true when the value covers the member
   */
  public boolean covers(String value, String member) {
    Objects.requireNonNull(member, "member");
    return value.equals(member) || members(value).contains(member);
  }
}
