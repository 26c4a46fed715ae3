package org.quorate.ejb.view;

import java.util.List;

/**
 * One roster epoch (SPEC §1 vocabulary) as REST and the dashboard show it: its members with their
 * anchors, grants and suspension, the posture and policies in force, and the governance decision
 * that opened it (none for epoch 0, the genesis).
 *
 * @param epoch the epoch number
 * @param openedBy the decision that opened it, or null for epoch 0
 * @param proposal the governance proposal that decision decided, or null
 * @param proposalTitle that proposal's title, when projected
 * @param action the action applied ({@code admit-member}, …), or null
 * @param opened the opening decision's {@code issued} (ISO-8601), or null
 * @param current whether it is the epoch in force
 * @param members its members
 * @param posture the posture's display marking (or its JSON when no marking can be made), or null
 *     when no ceiling is set
 * @param policies names of the policies declared in force (besides the built-in governance one)
 * @param recorded when this node wrote the epoch's {@code EpochEntity} row (ISO-8601), null when
 *     none is written yet
 * @param redacted {@code ["proposalTitle"]} when the caller's clearance withholds the proposal
 *     (SPEC §6, the title then null), else empty
 */
public record EpochView(
    long epoch,
    String openedBy,
    String proposal,
    String proposalTitle,
    String action,
    String opened,
    boolean current,
    List<MemberView> members,
    String posture,
    List<String> policies,
    String recorded,
    List<String> redacted) {

  /**
   * @return this view without what changes when nothing of the epoch changed (whether it is in
   *     force, the proposal's title): what an {@code EpochEntity} row keeps
   */
  public EpochView durable() {
    return new EpochView(
        epoch, openedBy, proposal, null, action, opened, false, members, posture, policies, null,
        List.of());
  }

  /**
   * @param when when the epoch's row was written, or null
   * @return this view with {@code recorded} set
   */
  public EpochView recordedAt(String when) {
    return new EpochView(
        epoch,
        openedBy,
        proposal,
        proposalTitle,
        action,
        opened,
        current,
        members,
        posture,
        policies,
        when,
        redacted);
  }

  /**
   * @param withheld whether the caller's clearance withholds an event (by id)
   * @return this epoch with the opening proposal's title withheld as needed (SPEC §6)
   */
  public EpochView redact(java.util.function.Predicate<String> withheld) {
    boolean hide = proposal != null && withheld.test(proposal);
    return new EpochView(
        epoch,
        openedBy,
        proposal,
        hide ? null : proposalTitle,
        action,
        opened,
        current,
        members,
        posture,
        policies,
        recorded,
        org.quorate.core.access.Redaction.redacted(hide, "proposalTitle"));
  }

  /**
   * One member of an epoch.
   *
   * @param member member id
   * @param name display name
   * @param weight weight
   * @param suspended whether suspended in this epoch (left out of n)
   * @param roles roles its grants name, sorted
   * @param grants each grant as {@code subject or spki: roles}
   * @param anchors each trust anchor as {@code subject (sha256:…)}
   */
  public record MemberView(
      String member,
      String name,
      long weight,
      boolean suspended,
      List<String> roles,
      List<String> grants,
      List<String> anchors) {}

  /**
   * A governance decision held and what it did (SPEC §3 "Governance").
   *
   * @param decision the decision's event id
   * @param proposal its proposal
   * @param proposalTitle that proposal's title, when projected
   * @param proposalEpoch the proposal's epoch
   * @param outcome {@code adopted} or {@code ratified}
   * @param issued the decision's {@code issued}
   * @param action the action kind
   * @param opened the epoch it opened, or null when not applied
   * @param reason why it was not applied, or null
   * @param redacted {@code ["proposalTitle"]} when withheld from the caller (SPEC §6), else empty
   */
  public record GovernanceView(
      String decision,
      String proposal,
      String proposalTitle,
      long proposalEpoch,
      String outcome,
      String issued,
      String action,
      Long opened,
      String reason,
      List<String> redacted) {

    /**
     * @param withheld whether the caller's clearance withholds an event (by id)
     * @return this decision with its proposal's title withheld as needed (SPEC §6)
     */
    public GovernanceView redact(java.util.function.Predicate<String> withheld) {
      boolean hide = withheld.test(proposal);
      return new GovernanceView(
          decision,
          proposal,
          hide ? null : proposalTitle,
          proposalEpoch,
          outcome,
          issued,
          action,
          opened,
          reason,
          org.quorate.core.access.Redaction.redacted(hide, "proposalTitle"));
    }
  }

  /**
   * The epochs of a mission.
   *
   * @param mission the mission
   * @param current the epoch in force
   * @param epochs epoch 0, 1, …
   * @param governanceDecisions every governance decision held, applied or not
   */
  public record Epochs(
      String mission,
      long current,
      List<EpochView> epochs,
      List<GovernanceView> governanceDecisions) {

    /**
     * @param withheld whether the caller's clearance withholds an event (by id)
     * @return these epochs with governance proposal titles withheld as needed (SPEC §6)
     */
    public Epochs redact(java.util.function.Predicate<String> withheld) {
      return new Epochs(
          mission,
          current,
          epochs.stream().map(e -> e.redact(withheld)).toList(),
          governanceDecisions.stream().map(g -> g.redact(withheld)).toList());
    }
  }
}
