package org.quorate.core.quorum;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A quorum policy, declared data of SPEC §3:
 *
 * <pre>{"name":"operational","version":2,"votingRole":"approving-authority",
 *  "threshold":{"fraction":"2/3","of":"members"|"weight"} or {"count":3},
 *  "requireRoles":[{"role":"legal-advisor","min":1}],"veto":["USA"],"byzantineF":1,
 *  "partial":{"minReachable":"3/4","ratificationWindow":"PT72H","onWindowClose":"adopt"|"lapse",
 *  "overturnOnDissent":true}|null,"deadline":"PT24H"}</pre>
 *
 * <p>{@code name}, {@code votingRole}, {@code threshold} and {@code deadline} are required; {@code
 * version} defaults to 1, {@code requireRoles} and {@code veto} to empty, {@code byzantineF} to 0,
 * {@code partial} to null. Durations are ISO-8601 ({@link Duration#parse}, so {@code PnDTnHnMnS};
 * weeks, months and years are refused). Parsing is strict: unknown fields and wrong types are
 * refused. Parsing checks shapes only; {@link PolicyValidator} checks a policy against a roster.
 *
 * @param name policy name, e.g. {@code operational}
 * @param version version number (the epoch that declares it versions it)
 * @param votingRole the role whose attestations are the members' votes
 * @param threshold T as a fraction of members or weight, or a count
 * @param requireRoles roles of which at least {@code min} distinct members must concur
 * @param veto member ids whose dissent rejects
 * @param byzantineF f, the number of byzantine members tolerated (0 = none)
 * @param partial the partial-quorum rule, or null when partial quorum is not allowed
 * @param deadline from the proposal's {@code issued} to its deadline, positive
 * @param exceptActionSubject true for the built-in {@code governance} policy only: the member a
 *     {@code suspend-member} or {@code withdraw-member} names is left out of n (not part of the
 *     JSON form; {@link ProposalRecord.SubjectRule#EXCEPTED})
 */
public record QuorumPolicy(
    String name,
    int version,
    String votingRole,
    Threshold threshold,
    List<RoleRequirement> requireRoles,
    Set<String> veto,
    int byzantineF,
    PartialPolicy partial,
    Duration deadline,
    boolean exceptActionSubject) {

  /** Name of the built-in governance policy (SPEC §1, Genesis). */
  public static final String GOVERNANCE = "governance";

  /** Voting role of the built-in governance policy (SPEC is silent; our choice). */
  public static final String GOVERNANCE_VOTING_ROLE = "approving-authority";

  /** Deadline of the built-in governance policy (SPEC is silent; our choice). */
  public static final Duration GOVERNANCE_DEADLINE = Duration.ofDays(7);

  private static final int MAX_LIST = 1_000;
  private static final int MAX_TEXT = 256;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Copies the collections; checks non-null and basic ranges. */
  public QuorumPolicy {
    if (name == null || votingRole == null || threshold == null || deadline == null) {
      throw new IllegalArgumentException("name, votingRole, threshold and deadline are required");
    }
    if (byzantineF < 0 || version < 0) {
      throw new IllegalArgumentException("byzantineF and version must not be negative");
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
    requireRoles = List.copyOf(requireRoles);
    veto = Set.copyOf(veto);
  }

  /**
   * The threshold: a fraction of members or of total weight, or a count of members.
   *
   * @param fraction the fraction, or null for a count
   * @param basis what the fraction is of, or {@link Basis#COUNT}
   * @param count the count when {@code basis == COUNT}, else 0
   */
  public record Threshold(Fraction fraction, Basis basis, long count) {
    /** Checks the combination. */
    public Threshold {
      if ((basis == Basis.COUNT) != (fraction == null) || basis == null) {
        throw new IllegalArgumentException(
            "a threshold is a fraction of members/weight or a count");
      }
      if (basis == Basis.COUNT && count < 1) {
        throw new IllegalArgumentException("threshold count must be at least 1, got " + count);
      }
    }

    /**
     * @param fraction p/q
     * @param basis {@link Basis#MEMBERS} or {@link Basis#WEIGHT}
     * @return {@code {"fraction":…,"of":…}}
     */
    public static Threshold fraction(Fraction fraction, Basis basis) {
      return new Threshold(fraction, basis, 0);
    }

    /**
     * @param count at least 1
     * @return {@code {"count":…}}
     */
    public static Threshold count(long count) {
      return new Threshold(null, Basis.COUNT, count);
    }
  }

  /** What a threshold is of. */
  public enum Basis {
    /** {@code "of":"members"}: one per member. */
    MEMBERS,
    /** {@code "of":"weight"}: the genesis member {@code weight}. */
    WEIGHT,
    /** {@code {"count":k}}: k members. */
    COUNT
  }

  /**
   * {@code {"role":"legal-advisor","min":1}}.
   *
   * @param role the role
   * @param min distinct members whose holder of the role must concur, at least 1
   */
  public record RoleRequirement(String role, int min) {
    /** Checks arguments. */
    public RoleRequirement {
      if (role == null || min < 1) {
        throw new IllegalArgumentException("requireRoles entries need a role and min >= 1");
      }
    }
  }

  /** {@code onWindowClose}. */
  public enum WindowClose {
    /** The provisional adoption becomes {@code adopted}. */
    ADOPT,
    /** The proposal {@code lapsed}. */
    LAPSE
  }

  /**
   * The partial-quorum rule.
   *
   * @param minReachable the smallest fraction of n a declaration's R must reach
   * @param ratificationWindow from the declaration's {@code issued}, positive
   * @param onWindowClose what the window's close decides
   * @param overturnOnDissent whether an absent member's late dissent overturns
   */
  public record PartialPolicy(
      Fraction minReachable,
      Duration ratificationWindow,
      WindowClose onWindowClose,
      boolean overturnOnDissent) {
    /** Checks arguments. */
    public PartialPolicy {
      if (minReachable == null || ratificationWindow == null || onWindowClose == null) {
        throw new IllegalArgumentException("partial needs minReachable, window and onWindowClose");
      }
      if (ratificationWindow.isNegative() || ratificationWindow.isZero()) {
        throw new IllegalArgumentException("ratificationWindow must be positive");
      }
    }
  }

  /**
   * The built-in {@code governance} policy (SPEC §1): unanimity of the epoch's members in {@link
   * #GOVERNANCE_VOTING_ROLE}, the member a {@code suspend-member} or {@code withdraw-member} names
   * excepted, no veto, f = 0, no partial quorum, deadline {@link #GOVERNANCE_DEADLINE}. A genesis
   * that declares a policy named {@code governance} replaces it (the integrator passes that one
   * instead).
   *
   * @return the built-in policy
   */
  public static QuorumPolicy governance() {
    return new QuorumPolicy(
        GOVERNANCE,
        0,
        GOVERNANCE_VOTING_ROLE,
        Threshold.fraction(Fraction.ONE, Basis.MEMBERS),
        List.of(),
        Set.of(),
        0,
        null,
        GOVERNANCE_DEADLINE,
        true);
  }

  /**
   * Parses a policy from JSON text.
   *
   * @param json the policy object, UTF-8 text already decoded
   * @return the policy
   * @throws PolicyException with every problem found (malformed JSON, unknown field, bad type or
   *     value)
   */
  public static QuorumPolicy fromJson(String json) throws PolicyException {
    if (json == null || json.length() > 64 * 1024) {
      throw new PolicyException(List.of("policy JSON missing or larger than 64 KiB"));
    }
    try {
      return fromJson(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new PolicyException(List.of("policy is not JSON: " + e.getOriginalMessage()));
    }
  }

  /**
   * Parses a policy from a Jackson tree, strictly.
   *
   * @param node the policy object
   * @return the policy
   * @throws PolicyException with every problem found
   */
  public static QuorumPolicy fromJson(JsonNode node) throws PolicyException {
    List<String> errors = new ArrayList<>();
    if (node == null || !node.isObject()) {
      throw new PolicyException(List.of("policy must be a JSON object"));
    }
    onlyFields(
        node,
        "policy",
        errors,
        "name",
        "version",
        "votingRole",
        "threshold",
        "requireRoles",
        "veto",
        "byzantineF",
        "partial",
        "deadline");
    String name = text(node, "name", true, errors);
    int version = node.has("version") ? integer(node, "version", errors) : 1;
    String votingRole = text(node, "votingRole", true, errors);
    Threshold threshold = threshold(node.get("threshold"), errors);
    List<RoleRequirement> requireRoles = new ArrayList<>();
    JsonNode rr = node.get("requireRoles");
    if (rr != null && !rr.isNull()) {
      if (!rr.isArray() || rr.size() > MAX_LIST) {
        errors.add("requireRoles must be an array of at most " + MAX_LIST + " entries");
      } else {
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode e : rr) {
          if (!e.isObject()) {
            errors.add("requireRoles entries must be objects");
            continue;
          }
          onlyFields(e, "requireRoles entry", errors, "role", "min");
          String role = text(e, "role", true, errors);
          int min = e.has("min") ? integer(e, "min", errors) : 1;
          if (role != null && !seen.add(role)) {
            errors.add("requireRoles names role " + role + " twice");
          } else if (role != null && min < 1) {
            errors.add("requireRoles min for " + role + " must be at least 1, got " + min);
          } else if (role != null) {
            requireRoles.add(new RoleRequirement(role, min));
          }
        }
      }
    }
    Set<String> veto = new LinkedHashSet<>();
    JsonNode vn = node.get("veto");
    if (vn != null && !vn.isNull()) {
      if (!vn.isArray() || vn.size() > MAX_LIST) {
        errors.add("veto must be an array of member ids");
      } else {
        for (JsonNode v : vn) {
          if (!v.isTextual() || v.textValue().isEmpty() || v.textValue().length() > MAX_TEXT) {
            errors.add("veto entries must be member ids");
          } else if (!veto.add(v.textValue())) {
            errors.add("veto names " + v.textValue() + " twice");
          }
        }
      }
    }
    int f = node.has("byzantineF") ? integer(node, "byzantineF", errors) : 0;
    if (f < 0) {
      errors.add("byzantineF must not be negative, got " + f);
    }
    PartialPolicy partial = partial(node.get("partial"), errors);
    Duration deadline = duration(node, "deadline", true, errors);
    if (!errors.isEmpty()) {
      throw new PolicyException(errors);
    }
    if (version < 0) {
      throw new PolicyException(List.of("version must not be negative, got " + version));
    }
    return new QuorumPolicy(
        name, version, votingRole, threshold, requireRoles, veto, f, partial, deadline, false);
  }

  private static Threshold threshold(JsonNode t, List<String> errors) {
    if (t == null || !t.isObject()) {
      errors.add("threshold is required: {\"fraction\":\"p/q\",\"of\":…} or {\"count\":k}");
      return null;
    }
    if (t.has("count")) {
      onlyFields(t, "threshold", errors, "count");
      int count = integer(t, "count", errors);
      if (count < 1) {
        errors.add("threshold count must be at least 1, got " + count);
        return null;
      }
      return Threshold.count(count);
    }
    onlyFields(t, "threshold", errors, "fraction", "of");
    String fr = text(t, "fraction", true, errors);
    String of = text(t, "of", true, errors);
    Fraction fraction = null;
    if (fr != null) {
      try {
        fraction = Fraction.parse(fr);
      } catch (IllegalArgumentException e) {
        errors.add("threshold " + e.getMessage());
      }
    }
    Basis basis = null;
    if ("members".equals(of)) {
      basis = Basis.MEMBERS;
    } else if ("weight".equals(of)) {
      basis = Basis.WEIGHT;
    } else if (of != null) {
      errors.add("threshold \"of\" must be \"members\" or \"weight\", got " + of);
    }
    return fraction == null || basis == null ? null : Threshold.fraction(fraction, basis);
  }

  private static PartialPolicy partial(JsonNode p, List<String> errors) {
    if (p == null || p.isNull()) {
      return null;
    }
    if (!p.isObject()) {
      errors.add("partial must be an object or null");
      return null;
    }
    onlyFields(
        p,
        "partial",
        errors,
        "minReachable",
        "ratificationWindow",
        "onWindowClose",
        "overturnOnDissent");
    String mr = text(p, "minReachable", true, errors);
    Fraction minReachable = null;
    if (mr != null) {
      try {
        minReachable = Fraction.parse(mr);
      } catch (IllegalArgumentException e) {
        errors.add("partial minReachable " + e.getMessage());
      }
    }
    Duration window = duration(p, "ratificationWindow", true, errors);
    String close = text(p, "onWindowClose", true, errors);
    WindowClose onClose = null;
    if ("adopt".equals(close) || "lapse".equals(close)) {
      onClose = WindowClose.valueOf(close.toUpperCase(Locale.ROOT));
    } else if (close != null) {
      errors.add("partial onWindowClose must be \"adopt\" or \"lapse\", got " + close);
    }
    boolean overturn = false;
    JsonNode o = p.get("overturnOnDissent");
    if (o == null || !o.isBoolean()) {
      errors.add("partial overturnOnDissent must be true or false");
    } else {
      overturn = o.booleanValue();
    }
    if (minReachable == null || window == null || onClose == null) {
      return null;
    }
    return new PartialPolicy(minReachable, window, onClose, overturn);
  }

  private static void onlyFields(JsonNode n, String where, List<String> errors, String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ok.contains(f)) {
        errors.add("unknown field \"" + f + "\" in " + where);
      }
    }
  }

  private static String text(JsonNode n, String field, boolean required, List<String> errors) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        errors.add(field + " is required");
      }
      return null;
    }
    if (!v.isTextual() || v.textValue().isEmpty() || v.textValue().length() > MAX_TEXT) {
      errors.add(field + " must be a non-empty string of at most " + MAX_TEXT + " characters");
      return null;
    }
    return v.textValue();
  }

  private static int integer(JsonNode n, String field, List<String> errors) {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      errors.add(field + " must be an integer");
      return 0;
    }
    return v.intValue();
  }

  private static Duration duration(
      JsonNode n, String field, boolean required, List<String> errors) {
    String s = text(n, field, required, errors);
    if (s == null) {
      return null;
    }
    try {
      Duration d = Duration.parse(s);
      if (d.isNegative() || d.isZero()) {
        errors.add(field + " must be a positive ISO-8601 duration, got " + s);
        return null;
      }
      return d;
    } catch (DateTimeParseException e) {
      errors.add(field + " must be an ISO-8601 duration such as PT24H, got " + s);
      return null;
    }
  }
}
