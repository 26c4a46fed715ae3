package org.quorate.ejb.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One proposal in a mission's list (SPEC §7 {@code GET /missions/{m}/proposals}) with the status
 * recorded after the last event and the quorum progress of that state.
 *
 * @param proposal the proposal's event id
 * @param mission the mission
 * @param title its title
 * @param policy the policy it names
 * @param member the proposing member
 * @param issued its issued time (RFC 3339)
 * @param admission its admission outcome ({@code admitted}, {@code void}, {@code evidence})
 * @param status the status ({@code open}, {@code adopted}, …, {@code invalid-policy})
 * @param isFinal whether a valid final decision backs it
 * @param rule the rule that decides it, or null
 * @param reason the explanation
 * @param decision the decision id, or null
 * @param threshold T
 * @param n members counted
 * @param concurs concurs counted
 * @param dissents dissents counted
 * @param abstains abstentions counted
 * @param missing per required role the members still missing, and under {@code voters} the members
 *     with no counted vote
 * @param updated when the status was recorded (RFC 3339)
 * @param redacted the fields withheld from this caller (SPEC §6: {@code ["title"]} when the
 *     caller's clearance does not admit the proposal, the field then null), else empty
 */
public record ProposalSummary(
    String proposal,
    String mission,
    String title,
    String policy,
    String member,
    String issued,
    String admission,
    String status,
    @JsonProperty("final") boolean isFinal,
    String rule,
    String reason,
    String decision,
    long threshold,
    int n,
    int concurs,
    int dissents,
    int abstains,
    Map<String, List<String>> missing,
    String updated,
    List<String> redacted) {

  /**
   * @return this summary with the title withheld ({@link org.quorate.core.access.Redaction})
   */
  public ProposalSummary withheld() {
    return new ProposalSummary(
        proposal,
        mission,
        null,
        policy,
        member,
        issued,
        admission,
        status,
        isFinal,
        rule,
        reason,
        decision,
        threshold,
        n,
        concurs,
        dissents,
        abstains,
        missing,
        updated,
        org.quorate.core.access.Redaction.redacted(true, org.quorate.core.access.Redaction.TITLE));
  }

  /**
   * @return concurs as a percentage of T (0..100), for progress bars
   */
  public int progress() {
    return threshold <= 0 ? 0 : (int) Math.min(100, concurs * 100 / threshold);
  }
}
