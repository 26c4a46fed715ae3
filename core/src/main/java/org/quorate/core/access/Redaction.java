package org.quorate.core.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.quorate.core.label.Clearance;
import org.quorate.core.label.ConfidentialityLabel;
import org.quorate.core.label.LabelFormatException;
import org.quorate.core.label.LabelJson;
import org.quorate.core.label.LabelPolicy;
import org.quorate.core.label.PostureDecision;
import org.quorate.core.reason.ReasonCode;

/**
 * The redaction rule of SPEC §6, in one place: whether a user's clearance admits an event's label,
 * and which fields of an event are withheld when it does not.
 *
 * <p>An event's <em>effective label</em> is its own {@code label}, else the posture of the epoch it
 * names (SPEC §1 "an event without label carries the mission posture"). The clearance admits it
 * exactly as a posture admits a label ({@link LabelPolicy#admits}), using the clearance's label
 * under the mission's security policy. Fail closed: no clearance, no clearance label under the
 * mission's policy, or a label that cannot be read all withhold. An event with no effective label
 * (no label, in a mission without posture) is unlabelled and never withheld.
 *
 * <p>A withheld event keeps its id, type, member, signer, role, verdict, time, outcome, marking and
 * proofs; the fields named by {@link #WITHHELD_FIELDS} are withheld: views set them to null and
 * name them in a {@code redacted} list, so that nothing is silently omitted.
 */
public final class Redaction {
  /** Proposal title. */
  public static final String TITLE = "title";

  /** Proposal text. */
  public static final String TEXT = "text";

  /** Attestation rationale. */
  public static final String RATIONALE = "rationale";

  /** Dispute or retraction reason (free text of the signer). */
  public static final String REASON = "reason";

  /** A contribution's body and the signed bytes behind any event. */
  public static final String BODY = "body";

  /** Every field this rule may withhold. */
  public static final List<String> WITHHELD_FIELDS = List.of(TITLE, TEXT, RATIONALE, REASON, BODY);

  private Redaction() {}

  /**
   * Whether a clearance admits an event.
   *
   * @param clearance the user's clearance, or null when none is set
   * @param policy the mission's label policy (its SPIF and group table)
   * @param effectiveLabel the event's label, or the posture it carries; null when it has neither
   * @return admitted (shown), or refused naming what failed (withheld)
   */
  public static PostureDecision decide(
      Clearance clearance, LabelPolicy policy, JsonNode effectiveLabel) {
    if (effectiveLabel == null || effectiveLabel.isNull()) {
      return PostureDecision.admit();
    }
    ConfidentialityLabel label;
    try {
      label = LabelJson.fromTree(effectiveLabel);
    } catch (LabelFormatException | RuntimeException e) {
      return PostureDecision.refuse(
          ReasonCode.ABOVE_POSTURE, "label", "the event's label cannot be read: " + e.getMessage());
    }
    if (clearance == null) {
      return PostureDecision.refuse(
          ReasonCode.ABOVE_POSTURE, "clearance", "no clearance is set for this user");
    }
    return clearance
        .under(policy.spif())
        .map(c -> policy.clearanceAdmits(c, label))
        .orElseGet(
            () ->
                PostureDecision.refuse(
                    ReasonCode.ABOVE_POSTURE,
                    "clearance",
                    "no clearance under security policy " + policy.spif().name()));
  }

  /**
   * @param label the event's own {@code label}, or null / JSON null
   * @param posture the posture of the epoch the event names, or null
   * @return the label that applies (SPEC §1), or null when neither exists
   */
  public static JsonNode effectiveLabel(JsonNode label, JsonNode posture) {
    if (label != null && !label.isNull() && !label.isMissingNode()) {
      return label;
    }
    return posture == null || posture.isNull() ? null : posture;
  }

  /**
   * @param withheld whether the event is withheld
   * @param fields the labelled fields of the view
   * @return {@code fields} when withheld, else an empty list (the view's {@code redacted})
   */
  public static List<String> redacted(boolean withheld, String... fields) {
    return withheld ? List.of(fields) : List.of();
  }
}
