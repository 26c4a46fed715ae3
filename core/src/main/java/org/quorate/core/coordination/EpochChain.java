package org.quorate.core.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventType;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.mission.Roster;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.ProposalRecord;
import org.quorate.core.quorum.QuorumDeclarationRecord;
import org.quorate.core.quorum.QuorumState;
import org.quorate.core.quorum.QuorumStatus;
import org.quorate.core.quorum.RetractionRecord;

/**
 * The roster epochs of a mission (SPEC §1 vocabulary, §3 "Governance"), a pure function of the
 * genesis and the set of admitted events: genesis opens epoch 0; epoch k+1 is opened by a
 * governance decision on a proposal of epoch k.
 *
 * <p>The rule, in order:
 *
 * <ol>
 *   <li>A <i>governance decision</i> is an admitted {@code decision} with outcome {@code adopted}
 *       or {@code ratified} on an admitted {@code proposal} whose body carries an {@code action}
 *       and names the epoch's governance policy (genesis {@code governancePolicy}, built in {@code
 *       governance}).
 *   <li>Candidates for epoch k+1 are the governance decisions on proposals of epoch k, taken in
 *       (decision {@code issued}, event id) order — never arrival order. The first one that is
 *       <i>valid and final</i> (recounted over epoch k's roster and policies by {@link
 *       ProposalEvaluation}: it is among the proposal's valid final decisions and the proposal is
 *       not {@code contested}) and whose action applies to epoch k ({@link GovernanceAction}) opens
 *       epoch k+1 at that decision.
 *   <li>Every other candidate of epoch k is <i>not applied</i> and listed with why: invalid, its
 *       action did not apply, or epoch k+1 was already opened by an earlier decision. Its proposal
 *       keeps its own status; to apply the change the members propose it again in epoch k+1.
 * </ol>
 *
 * Proposals keep the epoch they were opened in; attestations keep their meaning (they are counted
 * over their proposal's epoch). Because the choice depends only on the events held and their {@code
 * issued} times, two nodes holding the same events agree on every epoch.
 *
 * @param epochs epoch 0, 1, … in order (never empty)
 * @param decisions every governance decision held, in (issued, event id) order, applied or not
 */
public record EpochChain(List<Roster> epochs, List<GovernanceDecision> decisions) {

  /** Copies; epochs must be numbered 0, 1, … */
  public EpochChain {
    epochs = List.copyOf(epochs);
    decisions = List.copyOf(decisions);
    if (epochs.isEmpty()) {
      throw new IllegalArgumentException("a chain holds at least epoch 0");
    }
    for (int i = 0; i < epochs.size(); i++) {
      if (epochs.get(i).epoch() != i) {
        throw new IllegalArgumentException("epoch " + epochs.get(i).epoch() + " at position " + i);
      }
    }
  }

  /**
   * One governance decision held and what it did.
   *
   * @param decision the decision's event id
   * @param proposal the proposal it decides
   * @param proposalEpoch the proposal's epoch (k)
   * @param outcome {@code adopted} or {@code ratified}
   * @param issued the decision's {@code issued}
   * @param action the action kind, e.g. {@code admit-member} (null when it names none)
   * @param opened the epoch it opened (k+1), or null when not applied
   * @param reason why it was not applied; null when applied
   */
  public record GovernanceDecision(
      String decision,
      String proposal,
      long proposalEpoch,
      String outcome,
      Instant issued,
      String action,
      Long opened,
      String reason) {
    /**
     * @return whether it opened an epoch
     */
    public boolean applied() {
      return opened != null;
    }
  }

  /**
   * @param genesis a parsed genesis
   * @return the chain holding epoch 0 only
   */
  public static EpochChain genesisOnly(Genesis genesis) {
    return new EpochChain(List.of(Roster.genesis(genesis)), List.of());
  }

  /**
   * @param n an epoch number
   * @return that epoch, when open
   */
  public Optional<Roster> epoch(long n) {
    return n >= 0 && n < epochs.size() ? Optional.of(epochs.get((int) n)) : Optional.empty();
  }

  /**
   * @return the epoch in force (the last opened)
   */
  public Roster current() {
    return epochs.get(epochs.size() - 1);
  }

  /**
   * @param n an epoch number
   * @return the decision that opened epoch n+1 (events naming n issued after it are {@code
   *     stale-epoch}), empty while n is the epoch in force or unknown
   */
  public Optional<Roster.Opening> closedBy(long n) {
    return epoch(n + 1).map(Roster::opened);
  }

  /**
   * Derives the epochs from the events held.
   *
   * @param genesis the mission genesis
   * @param events the admitted events of the mission (any order; only proposals, attestations,
   *     retractions, quorum declarations and decisions are read; others are ignored)
   * @param byzantine members with chain-fork evidence in the mission (their votes count for nobody)
   * @param parser parses admitted members and anchors as the genesis does
   * @return the chain; never null
   */
  public static EpochChain derive(
      Genesis genesis, Collection<Event> events, Set<String> byzantine, GenesisParser parser) {
    Map<String, Event> proposals = new HashMap<>();
    Map<String, List<AttestationRecord>> attestations = new HashMap<>();
    Map<String, List<QuorumDeclarationRecord>> declarations = new HashMap<>();
    Map<String, List<DecisionRecord>> decisions = new HashMap<>();
    List<RetractionRecord> retractions = new ArrayList<>();
    List<DecisionRecord> candidates = new ArrayList<>();
    for (Event e : events) {
      try {
        switch (e.type()) {
          case PROPOSAL -> proposals.put(e.eventId(), e);
          case ATTESTATION -> {
            AttestationRecord a = CoordinationMapping.attestation(e);
            attestations.computeIfAbsent(a.proposal(), k -> new ArrayList<>()).add(a);
          }
          case QUORUM_DECLARATION -> {
            QuorumDeclarationRecord d = CoordinationMapping.declaration(e);
            declarations.computeIfAbsent(d.proposal(), k -> new ArrayList<>()).add(d);
          }
          case RETRACTION -> retractions.add(CoordinationMapping.retraction(e));
          case DECISION -> {
            DecisionRecord d = CoordinationMapping.decision(e);
            decisions.computeIfAbsent(d.proposal(), k -> new ArrayList<>()).add(d);
          }
          default -> {
            // not read here
          }
        }
      } catch (CoordinationException ex) {
        // a body of the wrong shape counts for nothing here, as in the projection
      }
    }
    for (List<DecisionRecord> ds : decisions.values()) {
      for (DecisionRecord d : ds) {
        Event p = proposals.get(d.proposal());
        if (p == null || GovernanceAction.kind(p.body().get("action")) == null) {
          continue;
        }
        if (d.outcome().equals(QuorumStatus.ADOPTED.wire())
            || d.outcome().equals(QuorumStatus.RATIFIED.wire())) {
          candidates.add(d);
        }
      }
    }
    candidates.sort(
        Comparator.comparing(DecisionRecord::issued).thenComparing(DecisionRecord::eventId));
    List<Roster> epochs = new ArrayList<>();
    epochs.add(Roster.genesis(genesis));
    Map<String, GovernanceDecision> outcome = new HashMap<>();
    boolean opened = true;
    while (opened) {
      opened = false;
      Roster k = epochs.get(epochs.size() - 1);
      for (DecisionRecord d : candidates) {
        Event p = proposals.get(d.proposal());
        if (p.epoch() != k.epoch()) {
          continue;
        }
        JsonNode action = p.body().get("action");
        String kind = GovernanceAction.kind(action);
        String why;
        if (opened) {
          Roster.Opening by = epochs.get(epochs.size() - 1).opened();
          why =
              "epoch "
                  + (k.epoch() + 1)
                  + " was already opened by decision "
                  + by.decision()
                  + ", earlier by (issued, event id)";
        } else {
          why =
              invalid(
                  genesis, k, p, d, attestations, retractions, declarations, decisions, byzantine);
        }
        if (why == null) {
          Roster.Opening opening = new Roster.Opening(d.eventId(), p.eventId(), d.issued(), kind);
          try {
            epochs.add(GovernanceAction.apply(k, action, opening, parser));
            opened = true;
            outcome.put(
                d.eventId(),
                new GovernanceDecision(
                    d.eventId(),
                    p.eventId(),
                    k.epoch(),
                    d.outcome(),
                    d.issued(),
                    kind,
                    k.epoch() + 1,
                    null));
            continue;
          } catch (GovernanceException e) {
            why = "the action does not apply to epoch " + k.epoch() + ": " + e.getMessage();
          }
        }
        outcome.put(
            d.eventId(),
            new GovernanceDecision(
                d.eventId(), p.eventId(), k.epoch(), d.outcome(), d.issued(), kind, null, why));
      }
    }
    List<GovernanceDecision> listed = new ArrayList<>();
    for (DecisionRecord d : candidates) {
      GovernanceDecision g = outcome.get(d.eventId());
      if (g == null) {
        Event p = proposals.get(d.proposal());
        g =
            new GovernanceDecision(
                d.eventId(),
                p.eventId(),
                p.epoch(),
                d.outcome(),
                d.issued(),
                GovernanceAction.kind(p.body().get("action")),
                null,
                "its proposal's epoch " + p.epoch() + " is not open on this node");
      }
      listed.add(g);
    }
    return new EpochChain(epochs, listed);
  }

  /** Null when the decision is a valid final governance decision of epoch k; else why not. */
  private static String invalid(
      Genesis genesis,
      Roster k,
      Event p,
      DecisionRecord d,
      Map<String, List<AttestationRecord>> attestations,
      List<RetractionRecord> retractions,
      Map<String, List<QuorumDeclarationRecord>> declarations,
      Map<String, List<DecisionRecord>> decisions,
      Set<String> byzantine) {
    String policy = p.body().path("policy").asText("");
    if (!policy.equals(k.governancePolicy())) {
      return "its proposal names policy "
          + policy
          + ", not the governance policy "
          + k.governancePolicy();
    }
    ProposalRecord pr;
    try {
      pr = CoordinationMapping.proposal(p);
    } catch (CoordinationException e) {
      return e.getMessage();
    }
    ProposalEvaluation ev;
    try {
      ev =
          ProposalEvaluation.evaluate(
              genesis,
              k,
              pr,
              attestations.getOrDefault(p.eventId(), List.of()),
              retractions,
              declarations.getOrDefault(p.eventId(), List.of()),
              decisions.getOrDefault(p.eventId(), List.of()),
              byzantine,
              d.issued());
    } catch (IllegalArgumentException e) {
      return "its proposal cannot be counted: " + e.getMessage();
    }
    QuorumState s = ev.state();
    if (s == null) {
      return ev.reason();
    }
    if (s.invalidDecisions().containsKey(d.eventId())) {
      return "the decision is not valid: " + s.invalidDecisions().get(d.eventId());
    }
    if (s.status() == QuorumStatus.CONTESTED) {
      return "the proposal is contested: " + s.explanation();
    }
    if (!s.validFinalDecisions().contains(d.eventId())) {
      return "the decision is not a valid final decision of its proposal";
    }
    return null;
  }

  /**
   * @param type an event type
   * @return whether events of this type can change the chain (when admitted or no longer admitted)
   */
  public static boolean bearsOnEpochs(EventType type) {
    return switch (type) {
      case PROPOSAL, ATTESTATION, RETRACTION, QUORUM_DECLARATION, DECISION -> true;
      default -> false;
    };
  }
}
