package org.quorate.core.label;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.quorate.core.reason.ReasonCode;

/**
 * The label policy of a mission (SPEC §1 genesis {@code labelPolicy}, SPEC §6): its security policy
 * (SPIF) and group table, and the label decisions every node takes alike from them.
 *
 * <ul>
 *   <li>{@link #admits}: does a posture admit a label (ABOVE_POSTURE otherwise);
 *   <li>{@link #releasable}: is a label releasable to the members of an epoch (NOT_RELEASABLE);
 *   <li>{@link #admissible}: both, for an event of the mission;
 *   <li>{@link #referenceAdmissible}: both, for a referenced event of another mission, judged by
 *       the receiving mission's posture and epoch members (REFERENCE_NOT_ADMISSIBLE).
 * </ul>
 *
 * The releasability tag sets are the permissive categories named {@code Releasable To} and {@code
 * Only} unless given otherwise. Immutable.
 */
public final class LabelPolicy {
  /** The nation-valued permissive tags that decide releasability by default. */
  public static final Set<String> DEFAULT_RELEASABILITY_TAGS = Set.of("Releasable To", "Only");

  private final SecurityPolicy spif;
  private final GroupTable groups;
  private final Set<String> releasabilityTags;

  /**
   * @param spif the mission's security policy
   * @param groups the mission's group table
   * @param releasabilityTags names of the permissive tags whose values must cover every member
   */
  public LabelPolicy(SecurityPolicy spif, GroupTable groups, Set<String> releasabilityTags) {
    this.spif = Objects.requireNonNull(spif, "spif");
    this.groups = Objects.requireNonNull(groups, "groups");
    this.releasabilityTags = Set.copyOf(releasabilityTags);
  }

  /**
   * @param spif the mission's security policy
   * @param groups the mission's group table
   */
  public LabelPolicy(SecurityPolicy spif, GroupTable groups) {
    this(spif, groups, DEFAULT_RELEASABILITY_TAGS);
  }

  /**
   * @return the shipped defaults: the NATO SPIF and the NATO group table
   */
  public static LabelPolicy defaults() {
    return new LabelPolicy(SecurityPolicy.nato(), GroupTable.natoDefault());
  }

  /**
   * Builds the label policy of a genesis (SPEC §1): {@code {"spif":"sha256:…","groups":{…}}}; an
   * absent (null or missing) node, or an absent field, takes the shipped default.
   *
   * @param labelPolicy the genesis {@code labelPolicy} node, or null
   * @param known the SPIFs this node has loaded
   * @return the label policy
   * @throws LabelFormatException when the node is not that shape, or names a SPIF not loaded
   */
  public static LabelPolicy fromGenesis(JsonNode labelPolicy, SecurityPolicies known)
      throws LabelFormatException {
    if (labelPolicy == null || labelPolicy.isNull() || labelPolicy.isMissingNode()) {
      return defaults();
    }
    if (!labelPolicy.isObject()) {
      throw new LabelFormatException("labelPolicy is not a JSON object");
    }
    for (Iterator<String> it = labelPolicy.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("spif") && !f.equals("groups")) {
        throw new LabelFormatException("labelPolicy has unknown field '" + f + "'");
      }
    }
    SecurityPolicy spif = SecurityPolicy.nato();
    JsonNode s = labelPolicy.get("spif");
    if (s != null) {
      if (!s.isTextual()) {
        throw new LabelFormatException("labelPolicy.spif is not a string");
      }
      spif =
          known
              .bySpifHash(s.textValue())
              .orElseThrow(
                  () -> new LabelFormatException("SPIF " + s.textValue() + " is not loaded"));
    }
    JsonNode g = labelPolicy.get("groups");
    GroupTable groups = g == null ? GroupTable.natoDefault() : GroupTable.fromTree(g);
    return new LabelPolicy(spif, groups);
  }

  /**
   * @return the security policy
   */
  public SecurityPolicy spif() {
    return spif;
  }

  /**
   * @return the group table
   */
  public GroupTable groups() {
    return groups;
  }

  /**
   * Whether a posture admits a label (SPEC §6, the access-control decision of a clearance). In
   * order: the label must be valid under the mission's policy; without a posture (a genesis without
   * {@code posture}) there is no ceiling; the posture must be of the same policy; the posture's
   * classification hierarchy must be at least the label's; every restrictive value of the label
   * must be held by the posture (in the same category); for every permissive category of the label
   * the posture must hold at least one of its values. Informative categories play no part.
   *
   * @param posture the mission posture, or null for none
   * @param label the event's label
   * @return admitted, or refused with {@link ReasonCode#ABOVE_POSTURE} naming the classification,
   *     category or value that failed
   */
  public PostureDecision admits(ConfidentialityLabel posture, ConfidentialityLabel label) {
    return admits(posture, label, ReasonCode.ABOVE_POSTURE, "", "posture");
  }

  /**
   * Whether a user's (or an FMN bridge's) clearance label admits an event's label: the same rule as
   * {@link #admits} (SPEC §6 "the access-control decision of a clearance"), with refusals naming
   * the clearance, not a posture, e.g. {@code classification SECRET is above the clearance
   * RESTRICTED}.
   *
   * @param clearance the clearance's label under this policy
   * @param label the event's effective label
   * @return admitted, or refused with {@link ReasonCode#ABOVE_POSTURE} naming what failed
   */
  public PostureDecision clearanceAdmits(
      ConfidentialityLabel clearance, ConfidentialityLabel label) {
    return admits(clearance, label, ReasonCode.ABOVE_POSTURE, "", "clearance");
  }

  /**
   * Whether a label is releasable to every member (SPEC §6): for each releasability category of the
   * label (permissive, named as {@link #DEFAULT_RELEASABILITY_TAGS} by default), every member must
   * be covered by one of its values (its own id, or a group holding it, see {@link
   * GroupTable#covers}). A label with no such category is releasable to all.
   *
   * @param label the label
   * @param members the member ids of the epoch, e.g. {@code ["POL","FRA","NATO"]}
   * @return admitted, or refused with {@link ReasonCode#NOT_RELEASABLE} naming the first member (in
   *     the order given) not covered
   */
  public PostureDecision releasable(ConfidentialityLabel label, Collection<String> members) {
    return releasable(label, members, ReasonCode.NOT_RELEASABLE, "");
  }

  /**
   * The admission rule for an event of this mission (SPEC §6): {@link #admits} then {@link
   * #releasable}.
   *
   * @param label the event's label (an event without a label carries the posture; pass it)
   * @param posture the mission posture, or null for none
   * @param members the members of the event's epoch
   * @return admitted, or the first refusal
   */
  public PostureDecision admissible(
      ConfidentialityLabel label, ConfidentialityLabel posture, Collection<String> members) {
    PostureDecision d = admits(posture, label);
    return d.admitted() ? releasable(label, members) : d;
  }

  /**
   * The composite rule for a referenced event of another mission (SPEC §6): its label must be
   * admitted by the receiving mission's posture and releasable to the receiving epoch's members,
   * under this (the receiving mission's) label policy.
   *
   * @param label the referenced event's label
   * @param receivingPosture the receiving mission's posture, or null for none
   * @param receivingMembers the members of the receiving epoch
   * @return admitted, or refused with {@link ReasonCode#REFERENCE_NOT_ADMISSIBLE}
   */
  public PostureDecision referenceAdmissible(
      ConfidentialityLabel label,
      ConfidentialityLabel receivingPosture,
      Collection<String> receivingMembers) {
    String pre = "referenced event: ";
    PostureDecision d =
        admits(receivingPosture, label, ReasonCode.REFERENCE_NOT_ADMISSIBLE, pre, "posture");
    return d.admitted()
        ? releasable(label, receivingMembers, ReasonCode.REFERENCE_NOT_ADMISSIBLE, pre)
        : d;
  }

  private PostureDecision admits(
      ConfidentialityLabel posture,
      ConfidentialityLabel label,
      ReasonCode code,
      String pre,
      String holder) {
    LabelValidation v = spif.validate(label);
    if (!v.valid()) {
      return PostureDecision.refuse(
          code,
          "label",
          pre
              + "the label is not valid under policy "
              + spif.name()
              + ": "
              + String.join("; ", v.reasons()));
    }
    if (posture == null) {
      return PostureDecision.admit();
    }
    if (!spif.isNamedBy(posture.policy())) {
      return PostureDecision.refuse(
          code,
          "policy",
          pre + "the " + holder + " is of policy " + posture.policy() + ", not " + spif.name());
    }
    OptionalInt ph = spif.hierarchy(posture.classification());
    if (ph.isEmpty()) {
      return PostureDecision.refuse(
          code,
          "policy",
          pre
              + "the "
              + holder
              + " classification "
              + posture.classification()
              + " is not defined by policy "
              + spif.name());
    }
    int lh = spif.hierarchy(label.classification()).orElseThrow();
    if (lh > ph.getAsInt()) {
      return PostureDecision.refuse(
          code,
          label.classification(),
          pre
              + "classification "
              + label.classification()
              + " is above the "
              + holder
              + " "
              + posture.classification());
    }
    for (SecurityCategory c : label.categories()) {
      Optional<SecurityCategory> held = posture.category(c.tagName(), c.type());
      List<String> heldValues = held.map(SecurityCategory::values).orElse(List.of());
      if (c.type() == CategoryType.RESTRICTIVE) {
        for (String value : c.values()) {
          if (!heldValues.contains(value)) {
            return PostureDecision.refuse(
                code,
                c.tagName() + " " + value,
                pre
                    + "restrictive value "
                    + value
                    + " of category "
                    + c.tagName()
                    + " is not held by the "
                    + holder);
          }
        }
      } else if (c.type() == CategoryType.PERMISSIVE) {
        if (c.values().stream().noneMatch(heldValues::contains)) {
          return PostureDecision.refuse(
              code,
              c.tagName(),
              pre
                  + "the "
                  + holder
                  + " holds none of the values "
                  + c.values()
                  + " of permissive"
                  + " category "
                  + c.tagName());
        }
      }
    }
    return PostureDecision.admit();
  }

  private PostureDecision releasable(
      ConfidentialityLabel label, Collection<String> members, ReasonCode code, String pre) {
    for (SecurityCategory c : label.categories()) {
      if (c.type() != CategoryType.PERMISSIVE || !releasabilityTags.contains(c.tagName())) {
        continue;
      }
      for (String member : members) {
        if (c.values().stream().noneMatch(v -> groups.covers(v, member))) {
          return PostureDecision.refuse(
              code,
              member,
              pre
                  + "member "
                  + member
                  + " is not covered by category "
                  + c.tagName()
                  + " "
                  + c.values());
        }
      }
    }
    return PostureDecision.admit();
  }
}
