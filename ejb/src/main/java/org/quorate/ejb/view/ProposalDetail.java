package org.quorate.ejb.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.quorate.core.access.Redaction;

/**
 * The quorum state of a proposal as it stands now (SPEC §7 {@code GET
 * /missions/{m}/proposals/{id}}): status, final, rule, threshold, counts, dissents, equivocators,
 * missing members per role, the decision, plus what the portal shows around it.
 *
 * @param proposal the proposal id
 * @param mission the mission
 * @param title title
 * @param text text
 * @param policy the policy name
 * @param member proposing member
 * @param issued issued (RFC 3339)
 * @param epoch roster epoch
 * @param admission the proposal's admission outcome
 * @param status status now
 * @param isFinal final
 * @param rule rule (wire name), or null without a state
 * @param explanation explanation, or the reason there is no state
 * @param threshold T over the full roster
 * @param basis what T counts ({@code MEMBERS}, {@code WEIGHT}, {@code COUNT})
 * @param n members counted
 * @param totalWeight their weight
 * @param counts current votes in the voting role
 * @param votingRole the policy's voting role
 * @param dissents every dissent with rationale, role, member, late, current, changedOutcome
 * @param equivocators members with equivocation evidence on the proposal
 * @param equivocations the evidence pairs
 * @param byzantine chain-fork members
 * @param missing per required role, holders that have not concurred
 * @param missingVoters members with no counted vote
 * @param late ids of late attestations
 * @param ineligible ids of ineligible attestations
 * @param declaration the quorum declaration in force, or null
 * @param deadline the deadline (RFC 3339), or null
 * @param windowCloses the ratification window's close, or null
 * @param decision the decision backing the status, or null
 * @param counted the attestation ids the decision counted (empty without a decision)
 * @param validFinalDecisions valid final decisions
 * @param invalidDecisions decision id to the reason it is invalid
 * @param attestations every attestation on the proposal
 * @param decisions every decision on the proposal
 * @param disputes disputes of the proposal or of events on it
 * @param redacted the fields of the proposal withheld from this caller ({@code ["title","text"]}
 *     when the caller's clearance does not admit the proposal, those fields then null; SPEC §6),
 *     else empty; nested views carry their own
 */
public record ProposalDetail(
    String proposal,
    String mission,
    String title,
    String text,
    String policy,
    String member,
    String issued,
    long epoch,
    String admission,
    String status,
    @JsonProperty("final") boolean isFinal,
    String rule,
    String explanation,
    long threshold,
    String basis,
    int n,
    long totalWeight,
    Map<String, Object> counts,
    String votingRole,
    List<DissentView> dissents,
    List<String> equivocators,
    List<Map<String, String>> equivocations,
    List<String> byzantine,
    Map<String, List<String>> missing,
    List<String> missingVoters,
    List<String> late,
    List<String> ineligible,
    String declaration,
    String deadline,
    String windowCloses,
    String decision,
    List<String> counted,
    List<String> validFinalDecisions,
    Map<String, String> invalidDecisions,
    List<AttestationView> attestations,
    List<DecisionView> decisions,
    List<DisputeView> disputes,
    List<String> redacted) {

  /**
   * @param withheld whether the caller's clearance withholds an event (by id)
   * @return this detail with every labelled field of a withheld event set to null and named in the
   *     {@code redacted} list of its view (SPEC §6); ids, members, roles, verdicts, times, outcomes
   *     and counts stay
   */
  public ProposalDetail redact(Predicate<String> withheld) {
    boolean hide = withheld.test(proposal);
    return new ProposalDetail(
        proposal,
        mission,
        hide ? null : title,
        hide ? null : text,
        policy,
        member,
        issued,
        epoch,
        admission,
        status,
        isFinal,
        rule,
        explanation,
        threshold,
        basis,
        n,
        totalWeight,
        counts,
        votingRole,
        redact(dissents, withheld),
        equivocators,
        equivocations,
        byzantine,
        missing,
        missingVoters,
        late,
        ineligible,
        declaration,
        deadline,
        windowCloses,
        decision,
        counted,
        validFinalDecisions,
        invalidDecisions,
        redact(attestations, withheld),
        decisions,
        redact(disputes, withheld),
        Redaction.redacted(hide, Redaction.TITLE, Redaction.TEXT));
  }

  /**
   * A row of the detail whose labelled fields the caller's clearance may withhold.
   *
   * @param <V> the row's own type
   */
  public interface Redactable<V> {
    /**
     * @param withheld whether the caller's clearance withholds an event (by id)
     * @return this row with its labelled fields set to null and named in its {@code redacted} list
     *     as needed
     */
    V redact(Predicate<String> withheld);
  }

  /** Every row of a list redacted alike. */
  private static <V extends Redactable<V>> List<V> redact(
      List<V> rows, Predicate<String> withheld) {
    return rows.stream().map(r -> r.redact(withheld)).toList();
  }

  /**
   * A dissent (SPEC §3 "Dissent is first class").
   *
   * @param proposal proposal id
   * @param title proposal title
   * @param eventId the attestation
   * @param member member
   * @param role role
   * @param signer credential
   * @param rationale rationale
   * @param issued issued (RFC 3339)
   * @param late late
   * @param current the member's counted vote
   * @param changedOutcome the status would differ had it been a concur
   * @param redacted withheld fields: {@code title} (the proposal's) and/or {@code rationale}
   */
  public record DissentView(
      String proposal,
      String title,
      String eventId,
      String member,
      String role,
      String signer,
      String rationale,
      String issued,
      boolean late,
      boolean current,
      boolean changedOutcome,
      List<String> redacted)
      implements Redactable<DissentView> {

    @Override
    public DissentView redact(Predicate<String> withheld) {
      boolean hideTitle = withheld.test(proposal);
      boolean hideRationale = withheld.test(eventId);
      List<String> r = new ArrayList<>();
      if (hideTitle) {
        r.add(Redaction.TITLE);
      }
      if (hideRationale) {
        r.add(Redaction.RATIONALE);
      }
      return new DissentView(
          proposal,
          hideTitle ? null : title,
          eventId,
          member,
          role,
          signer,
          hideRationale ? null : rationale,
          issued,
          late,
          current,
          changedOutcome,
          List.copyOf(r));
    }
  }

  /**
   * An attestation on the proposal.
   *
   * @param eventId id
   * @param member member
   * @param role role
   * @param verdict verdict
   * @param rationale rationale or null
   * @param supersedes superseded id or null
   * @param issued issued (RFC 3339)
   * @param admission admission outcome
   * @param late late
   * @param counted counted by the decision
   * @param redacted {@code ["rationale"]} when withheld from the caller, else empty
   */
  public record AttestationView(
      String eventId,
      String member,
      String role,
      String verdict,
      String rationale,
      String supersedes,
      String issued,
      String admission,
      boolean late,
      boolean counted,
      List<String> redacted)
      implements Redactable<AttestationView> {

    @Override
    public AttestationView redact(Predicate<String> withheld) {
      boolean hide = withheld.test(eventId);
      return new AttestationView(
          eventId,
          member,
          role,
          verdict,
          hide ? null : rationale,
          supersedes,
          issued,
          admission,
          late,
          counted,
          Redaction.redacted(hide, Redaction.RATIONALE));
    }
  }

  /**
   * A decision on the proposal.
   *
   * @param eventId id
   * @param member node's member
   * @param signer node credential
   * @param outcome outcome it names
   * @param issued issued (RFC 3339)
   * @param admission admission outcome
   * @param validity {@code valid} or why not
   * @param counted attestation ids counted
   * @param declaration declaration or null
   */
  public record DecisionView(
      String eventId,
      String member,
      String signer,
      String outcome,
      String issued,
      String admission,
      String validity,
      List<String> counted,
      String declaration) {}

  /**
   * A dispute.
   *
   * @param eventId id
   * @param member member
   * @param target disputed event
   * @param reason reason
   * @param issued issued (RFC 3339)
   * @param admission admission outcome
   * @param redacted {@code ["reason"]} when withheld from the caller, else empty
   */
  public record DisputeView(
      String eventId,
      String member,
      String target,
      String reason,
      String issued,
      String admission,
      List<String> redacted)
      implements Redactable<DisputeView> {

    @Override
    public DisputeView redact(Predicate<String> withheld) {
      boolean hide = withheld.test(eventId);
      return new DisputeView(
          eventId,
          member,
          target,
          hide ? null : reason,
          issued,
          admission,
          Redaction.redacted(hide, Redaction.REASON));
    }
  }
}
