package org.quorate.core.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.quorate.core.cms.Ids;
import org.quorate.core.label.LabelFormatException;
import org.quorate.core.label.LabelJson;
import org.quorate.core.mission.GenesisException;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.mission.Grant;
import org.quorate.core.mission.Member;
import org.quorate.core.mission.Roster;
import org.quorate.core.quorum.PolicyException;
import org.quorate.core.quorum.ProposalRecord;
import org.quorate.core.quorum.QuorumPolicy;

/**
 * The governance actions of SPEC §1, applied to a roster epoch to give the next one:
 *
 * <ul>
 *   <li>{@code {"action":"admit-member","member":{…as in genesis…}}}: the member is appended; it
 *       must not be a member already, nor a member withdrawn in an earlier epoch (a withdrawn id is
 *       never admitted again: a returning partner is admitted under a new id, so nobody inherits
 *       another's history, SPEC §1).
 *   <li>{@code {"action":"suspend-member","member":"FRA"}}: the member stays (its credentials are
 *       still judged) but is left out of n; it must be a member not already suspended.
 *   <li>{@code {"action":"reinstate-member","member":"FRA"}}: a suspended member counts in n again.
 *   <li>{@code {"action":"withdraw-member","member":"FRA"}}: the member leaves the roster for good
 *       (its id is kept in {@link Roster#withdrawn()}); the last member cannot leave.
 *   <li>{@code {"action":"grant-role"|"revoke-role","member":"POL","grant":{"subject"|"spki",
 *       "roles":[…]}}}: the grant is added; or the roles are taken from the member's grants naming
 *       that subject or SPKI hash (grants left without a role disappear; at least one role must
 *       go).
 *   <li>{@code {"action":"change-posture","label":{…}|null}}: the posture (SPEC §6) in force; null
 *       sets no ceiling.
 *   <li>{@code {"action":"declare-policy","policy":{…}}}: the policy (SPEC §3) is declared,
 *       replacing one of the same name; it must parse ({@link QuorumPolicy#fromJson(JsonNode)}).
 *   <li>{@code {"action":"rotate-trust-anchor","member":"POL","add":["PEM"],"remove":["sha256…"]}}:
 *       anchors are added, and those whose DER hashes (SHA-256, hex, with or without {@code
 *       sha256:}) to a {@code remove} entry are removed; at least one anchor must remain and every
 *       {@code remove} entry must name one.
 * </ul>
 *
 * An action that does not apply to the epoch raises {@link GovernanceException}: the decision is
 * then shown as not applied and opens no epoch ({@link EpochChain}).
 *
 * <p>Who must agree ({@link #subjectRule(String)}): under the built-in {@code governance} policy
 * only the member a {@code suspend-member} or {@code withdraw-member} names is left out of the
 * unanimity; an action changing a member's own anchors or grants ({@code rotate-trust-anchor},
 * {@code grant-role}, {@code revoke-role}) needs that member's own concur whatever the policy (SPEC
 * §1 sovereignty), counted by {@link org.quorate.core.quorum.QuorumEvaluator}.
 */
public final class GovernanceAction {
  /** The action kinds of SPEC §1. */
  public static final Set<String> KINDS =
      Set.of(
          "admit-member",
          "suspend-member",
          "reinstate-member",
          "withdraw-member",
          "grant-role",
          "revoke-role",
          "change-posture",
          "declare-policy",
          "rotate-trust-anchor");

  private GovernanceAction() {}

  /**
   * @param action a proposal body's {@code action}
   * @return its kind ({@code admit-member}, …), or null when it has none
   */
  public static String kind(JsonNode action) {
    if (action == null || !action.isObject() || !action.path("action").isTextual()) {
      return null;
    }
    return action.get("action").asText();
  }

  /**
   * How counting treats the member an action of this kind names (SPEC §1).
   *
   * @param kind an action kind, or null
   * @return {@code EXCEPTED} for {@code suspend-member} and {@code withdraw-member} (left out of
   *     the built-in unanimity), {@code CONSENT} for {@code rotate-trust-anchor}, {@code
   *     grant-role} and {@code revoke-role} (its own concur required), else {@code COUNTED}
   */
  public static ProposalRecord.SubjectRule subjectRule(String kind) {
    if (kind == null) {
      return ProposalRecord.SubjectRule.COUNTED;
    }
    return switch (kind) {
      case "suspend-member", "withdraw-member" -> ProposalRecord.SubjectRule.EXCEPTED;
      case "rotate-trust-anchor", "grant-role", "revoke-role" -> ProposalRecord.SubjectRule.CONSENT;
      default -> ProposalRecord.SubjectRule.COUNTED;
    };
  }

  /**
   * Applies an action to epoch k.
   *
   * @param from the roster of epoch k (the governance proposal's epoch)
   * @param action the proposal body's {@code action} object
   * @param opening the decision that opens epoch k+1
   * @param parser parses members and PEM anchors as the genesis does
   * @return epoch k+1
   * @throws GovernanceException when the action is malformed or does not apply to epoch k
   */
  public static Roster apply(
      Roster from, JsonNode action, Roster.Opening opening, GenesisParser parser)
      throws GovernanceException {
    String kind = kind(action);
    if (kind == null || !KINDS.contains(kind)) {
      throw new GovernanceException(
          "the action "
              + (kind == null ? "names no kind" : "\"" + kind + "\" is not a governance action")
              + " (SPEC §1: "
              + new TreeSet<>(KINDS)
              + ")");
    }
    List<Member> members = new ArrayList<>(from.members());
    Set<String> suspended = new TreeSet<>(from.suspended());
    JsonNode posture = from.posture();
    List<JsonNode> policies = new ArrayList<>(from.policies());
    Set<String> withdrawn = new TreeSet<>(from.withdrawn());
    Map<String, String> declaredBy = new TreeMap<>(from.declaredBy());
    try {
      switch (kind) {
        case "admit-member" -> {
          Member m = parser.member(required(action, "member"));
          if (from.member(m.id()).isPresent()) {
            throw new GovernanceException(m.id() + " is already a member in epoch " + from.epoch());
          }
          if (from.isWithdrawn(m.id())) {
            throw new GovernanceException(
                m.id()
                    + " was withdrawn and a withdrawn member's id is never admitted again"
                    + " (SPEC §1): admit the returning partner under a new id");
          }
          members.add(m);
        }
        case "reinstate-member" -> {
          String id = memberOf(from, action);
          if (!suspended.remove(id)) {
            throw new GovernanceException(id + " is not suspended in epoch " + from.epoch());
          }
        }
        case "suspend-member" -> {
          String id = memberOf(from, action);
          if (!suspended.add(id)) {
            throw new GovernanceException(id + " is already suspended in epoch " + from.epoch());
          }
        }
        case "withdraw-member" -> {
          String id = memberOf(from, action);
          if (members.size() == 1) {
            throw new GovernanceException(id + " is the last member; it cannot withdraw");
          }
          members.removeIf(m -> m.id().equals(id));
          suspended.remove(id);
          withdrawn.add(id);
        }
        case "grant-role" -> {
          String id = memberOf(from, action);
          Grant g = GenesisParser.grant(id, required(action, "grant"));
          replace(members, id, m -> withGrants(m, plus(m.grants(), g)));
        }
        case "revoke-role" -> {
          String id = memberOf(from, action);
          Grant g = GenesisParser.grant(id, required(action, "grant"));
          Member m = from.member(id).orElseThrow();
          List<Grant> left = minus(m.grants(), g);
          if (left.equals(m.grants())) {
            throw new GovernanceException(
                id + " holds none of the roles " + g.roles() + " under that grant");
          }
          replace(members, id, x -> withGrants(x, left));
        }
        case "change-posture" -> {
          JsonNode label = action.get("label");
          if (label == null || label.isNull()) {
            posture = null;
          } else if (!label.isObject()) {
            throw new GovernanceException("\"label\" must be a label object (SPEC §6) or null");
          } else {
            LabelJson.fromTree(label);
            posture = label;
          }
        }
        case "declare-policy" -> {
          JsonNode policy = required(action, "policy");
          QuorumPolicy p = QuorumPolicy.fromJson(policy);
          policies.removeIf(x -> p.name().equals(x.path("name").asText(null)));
          policies.add(policy);
          declaredBy.put(p.name(), opening.decision());
        }
        case "rotate-trust-anchor" -> {
          String id = memberOf(from, action);
          Member m = from.member(id).orElseThrow();
          List<X509Certificate> anchors = new ArrayList<>(m.trustAnchors());
          for (JsonNode r : list(action, "remove")) {
            String want = r.asText("").toLowerCase(Locale.ROOT).replaceFirst("^sha256:", "");
            if (!anchors.removeIf(a -> sha256(a).equals(want))) {
              throw new GovernanceException(id + " has no trust anchor hashing to " + r.asText());
            }
          }
          for (JsonNode a : list(action, "add")) {
            if (!a.isTextual()) {
              throw new GovernanceException("each anchor to add is a PEM string");
            }
            anchors.add(parser.certificate(id, a.asText()));
          }
          if (anchors.isEmpty()) {
            throw new GovernanceException(id + " would be left without a trust anchor");
          }
          replace(
              members,
              id,
              x -> new Member(x.id(), x.name(), x.weight(), List.copyOf(anchors), x.grants()));
        }
        default -> throw new IllegalStateException("kinds are checked above: " + kind);
      }
    } catch (GenesisException | PolicyException e) {
      throw new GovernanceException(kind + ": " + e.getMessage());
    } catch (LabelFormatException e) {
      throw new GovernanceException(
          kind + ": the label is not of SPEC §6's form: " + e.getMessage());
    }
    return new Roster(
        from.epoch() + 1,
        members,
        suspended,
        posture,
        policies,
        from.governancePolicy(),
        opening,
        withdrawn,
        declaredBy);
  }

  private static JsonNode required(JsonNode action, String field) throws GovernanceException {
    JsonNode n = action.get(field);
    if (n == null || n.isNull()) {
      throw new GovernanceException("the action needs \"" + field + "\"");
    }
    return n;
  }

  private static List<JsonNode> list(JsonNode action, String field) throws GovernanceException {
    JsonNode n = action.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray() || n.size() > 64) {
      throw new GovernanceException("\"" + field + "\" must be a list of at most 64 entries");
    }
    List<JsonNode> out = new ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  private static String memberOf(Roster from, JsonNode action) throws GovernanceException {
    JsonNode n = action.get("member");
    if (n == null || !n.isTextual()) {
      throw new GovernanceException("\"member\" must name a member id");
    }
    String id = n.asText();
    if (from.member(id).isEmpty()) {
      throw new GovernanceException(id + " is not a member in epoch " + from.epoch());
    }
    return id;
  }

  private interface MemberChange {
    Member apply(Member m) throws GovernanceException;
  }

  private static void replace(List<Member> members, String id, MemberChange change)
      throws GovernanceException {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).id().equals(id)) {
        members.set(i, change.apply(members.get(i)));
      }
    }
  }

  private static Member withGrants(Member m, List<Grant> grants) {
    return new Member(m.id(), m.name(), m.weight(), m.trustAnchors(), List.copyOf(grants));
  }

  private static List<Grant> plus(List<Grant> grants, Grant g) {
    List<Grant> out = new ArrayList<>(grants);
    out.add(g);
    return out;
  }

  /** The grants with g's roles taken from those naming the same credential. */
  private static List<Grant> minus(List<Grant> grants, Grant g) {
    List<Grant> out = new ArrayList<>();
    for (Grant x : grants) {
      boolean same =
          g.spki() != null
              ? g.spki().equals(x.spki())
              : x.subject() != null && x.subject().equals(g.subject());
      if (!same) {
        out.add(x);
        continue;
      }
      Set<String> roles = new LinkedHashSet<>(x.roles());
      roles.removeAll(g.roles());
      if (!roles.isEmpty()) {
        out.add(roles.equals(x.roles()) ? x : new Grant(x.subject(), x.spki(), Set.copyOf(roles)));
      }
    }
    return out;
  }

  private static String sha256(X509Certificate c) {
    try {
      return Ids.fingerprint(c);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
