package org.quorate.core.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Set;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.quorate.core.label.ConfidentialityLabel;
import org.quorate.core.label.LabelFormatException;
import org.quorate.core.label.LabelJson;
import org.quorate.core.label.LabelPolicy;
import org.quorate.core.mission.Roster;

/**
 * Decides whether one record of a mission's node log is forwarded to a peer node of a member (SPEC
 * §4): only authentic inputs (outcome {@code admitted}, {@code evidence} or {@code void}; a held
 * input goes when a later record releases it; rejected and duplicate records stay local), only to a
 * member of the mission's current epoch (suspended members included: they keep seeing what they may
 * see), and only when the input's label (or, without one, the mission posture) is releasable to
 * that member (SPEC §6). Fails closed: content whose label cannot be read is not forwarded.
 */
public final class PeerFilter {
  private static final JsonMapper MAPPER = new JsonMapper();

  /** Outcomes of authentic inputs, the ones a peer receives. */
  public static final Set<String> FORWARDED_OUTCOMES = Set.of("admitted", "evidence", "void");

  private final Roster current;
  private final JsonNode posture;
  private final LabelPolicy labels;

  /**
   * @param current the mission's current roster epoch
   * @param posture the mission posture (the label of unlabelled events), or null: no ceiling
   * @param labels the mission's label policy (SPIF and group table)
   */
  public PeerFilter(Roster current, JsonNode posture, LabelPolicy labels) {
    this.current = current;
    this.posture = posture;
    this.labels = labels;
  }

  /**
   * @param member the peer node's member id
   * @return whether that member belongs to the current epoch
   */
  public boolean memberOfCurrentEpoch(String member) {
    return current.member(member).isPresent();
  }

  /**
   * @param outcome a log record's outcome code ({@code admitted}, {@code held}, …)
   * @param der the input's exact bytes
   * @param member the peer node's member id
   * @return whether the record goes to that peer
   */
  public boolean forwards(String outcome, byte[] der, String member) {
    if (!FORWARDED_OUTCOMES.contains(outcome) || !memberOfCurrentEpoch(member)) {
      return false;
    }
    return releasable(der, member);
  }

  /**
   * Whether an input's label (or, without one, the mission posture) is releasable to a member (SPEC
   * §6), whatever its outcome and whether the member is in the current epoch: what {@code
   * state-digest?member=} (SPEC §4) counts. Fails closed on content whose label cannot be read.
   *
   * @param der the input's exact bytes
   * @param member a member id
   * @return whether the member may see it
   */
  public boolean releasable(byte[] der, String member) {
    JsonNode label = labelOf(der);
    if (label != null && label.isMissingNode()) {
      return false;
    }
    if (label == null) {
      label = posture;
    }
    if (label == null || label.isNull()) {
      return true;
    }
    try {
      ConfidentialityLabel parsed = LabelJson.fromTree(label);
      return labels.releasable(parsed, List.of(member)).admitted();
    } catch (LabelFormatException | RuntimeException e) {
      return false;
    }
  }

  /** The content's {@code label}; null when absent; a missing node when it cannot be read. */
  private static JsonNode labelOf(byte[] der) {
    try {
      CMSTypedData content = new CMSSignedData(der).getSignedContent();
      if (content == null || !(content.getContent() instanceof byte[] bytes)) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      JsonNode n = MAPPER.readTree(bytes);
      if (n == null || !n.isObject()) {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      }
      JsonNode label = n.get("label");
      return label == null || label.isNull() ? null : label;
    } catch (Exception | StackOverflowError e) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
  }
}
