package org.quorate.core.coordination;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.quorate.core.event.Event;
import org.quorate.core.event.EventType;
import org.quorate.core.log.OutcomeCode;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.mission.Roster;
import org.quorate.core.quorum.AttestationRecord;
import org.quorate.core.quorum.DecisionRecord;
import org.quorate.core.quorum.ProposalRecord;
import org.quorate.core.quorum.QuorumDeclarationRecord;
import org.quorate.core.quorum.QuorumInputs;
import org.quorate.core.quorum.QuorumPolicy;
import org.quorate.core.quorum.RetractionRecord;
import org.quorate.core.quorum.RosterSnapshot;
import org.quorate.core.reason.ReasonCode;

/**
 * The authentic events held for a mission — read from the node's store or from an audit bundle —
 * seen from one proposal: which of them bear on it, who is byzantine, the roster epochs, the policy
 * the proposal resolves to and its quorum inputs (SPEC §3 "Counting", "Governance"; §5
 * "Reconstruction"). The ledger, the projection, the audit bundle builder and the offline verifier
 * all ask it, so that an auditor recounts "with the same code" (SPEC §5).
 *
 * <p>The rules, each written once here:
 *
 * <ul>
 *   <li><b>Bears on</b> ({@link #proposalOf}, {@link #target}, {@link Closure}): a proposal bears
 *       on itself; an attestation, quorum declaration or decision on the proposal its body names; a
 *       retraction or dispute on whatever the event it names bears on, transitively.
 *   <li><b>Byzantine</b> ({@link #makesByzantine}): the member of an event recorded as {@code
 *       evidence} of a chain fork (SPEC §2 step 9) is byzantine for every proposal of the mission
 *       (SPEC §3: its votes count for nobody).
 *   <li><b>Epochs</b> ({@link #epochs}): {@link EpochChain#derive} over the events that count.
 *   <li><b>Policy and quorum inputs</b> ({@link Tally}): the proposal's epoch roster, the policy
 *       resolved there ({@link PolicyResolution}) and the records {@link ProposalEvaluation}
 *       counts.
 * </ul>
 *
 * Immutable; thread-safe.
 */
public final class ProposalScope {

  /**
   * One authentic event held.
   *
   * @param event the parsed event
   * @param counts whether it counts (admitted; a {@code void} or {@code evidence} event counts for
   *     nobody)
   * @param evidence whether it makes its member byzantine ({@link #makesByzantine})
   */
  public record Held(Event event, boolean counts, boolean evidence) {}

  private final Genesis genesis;
  private final List<Held> held;

  private ProposalScope(Genesis genesis, List<Held> held) {
    this.genesis = genesis;
    this.held = List.copyOf(held);
  }

  /**
   * @param genesis the mission genesis
   * @param held the authentic events held, in the order they were recorded (log order)
   * @return the scope
   */
  public static ProposalScope of(Genesis genesis, Collection<Held> held) {
    return new ProposalScope(genesis, new ArrayList<>(held));
  }

  /**
   * @return the members with chain-fork evidence among the events held
   */
  public Set<String> byzantine() {
    Set<String> out = new TreeSet<>();
    for (Held h : held) {
      if (h.evidence() && h.event().member() != null) {
        out.add(h.event().member());
      }
    }
    return out;
  }

  /**
   * @param parser parses admitted members and anchors as the genesis does
   * @return the roster epochs the events that count open ({@link EpochChain#derive})
   */
  public EpochChain epochs(GenesisParser parser) {
    List<Event> counted = new ArrayList<>();
    for (Held h : held) {
      if (h.counts()) {
        counted.add(h.event());
      }
    }
    return EpochChain.derive(genesis, counted, byzantine(), parser);
  }

  /**
   * @param proposals proposal event ids
   * @return the events held that bear on any of them, transitively, in the order held
   */
  public List<Held> bearingOn(Set<String> proposals) {
    return bearingOn(held, Held::event, proposals);
  }

  // ---- the rules, event by event ----------------------------------------------------------------

  /**
   * Whether an outcome makes the event's member byzantine: {@code evidence}, which admission
   * records for a chain fork only (SPEC §2 step 9). A record that carries its reason code must say
   * {@code chain-fork}; a log record carries none (SPEC §5: outcome byte 4 is the evidence).
   *
   * @param outcome the outcome recorded
   * @param reasonCode the record's reason code in wire form, or null when the record carries none
   * @return whether the member is byzantine
   */
  public static boolean makesByzantine(OutcomeCode outcome, String reasonCode) {
    return outcome == OutcomeCode.EVIDENCE
        && (reasonCode == null || ReasonCode.CHAIN_FORK.code().equals(reasonCode));
  }

  /**
   * The proposal an event names directly: the event itself for a proposal; the body's {@code
   * proposal} for attestations, quorum declarations and decisions (SPEC §1); null for retractions
   * and disputes (they name an event, see {@link #target(Event)}) and other types.
   *
   * @param e an event
   * @return the proposal's event id, or null
   * @throws CoordinationException when the body's field is missing or not text
   */
  public static String proposalOf(Event e) throws CoordinationException {
    return switch (e.type()) {
      case PROPOSAL -> e.eventId();
      case ATTESTATION, QUORUM_DECLARATION, DECISION -> CoordinationMapping.text(e, "proposal");
      default -> null;
    };
  }

  /**
   * {@link #proposalOf(Event)} for a caller that only asks whether an event may matter: a body of
   * the wrong shape names no proposal.
   *
   * @param e an event
   * @return the proposal's event id, or empty
   */
  public static Optional<String> namedProposal(Event e) {
    try {
      return Optional.ofNullable(proposalOf(e));
    } catch (CoordinationException ex) {
      return Optional.empty();
    }
  }

  /**
   * @param e a retraction or dispute
   * @return the event id its body names ({@code event}), or null for other types
   * @throws CoordinationException when the field is missing or not text
   */
  public static String target(Event e) throws CoordinationException {
    return e.type() == EventType.RETRACTION || e.type() == EventType.DISPUTE
        ? CoordinationMapping.text(e, "event")
        : null;
  }

  /**
   * The one event id on which whether an event bears on a proposal depends ({@link Closure}): the
   * proposal an attestation, quorum declaration or decision names ({@link #proposalOf}), the event
   * a retraction or dispute names ({@link #target}); null for a proposal (it bears on itself), for
   * other types and for a body of the wrong shape (it bears on nothing). A store may index it: the
   * events bearing on some proposals are among those whose reference is one of them or, step by
   * step, one of the events so found; {@link #bearingOn} over that superset then answers exactly.
   *
   * @param e an event
   * @return the event id it refers to, or null
   */
  public static String reference(Event e) {
    try {
      return switch (e.type()) {
        case ATTESTATION, QUORUM_DECLARATION, DECISION -> proposalOf(e);
        case RETRACTION, DISPUTE -> target(e);
        default -> null;
      };
    } catch (CoordinationException ex) {
      return null;
    }
  }

  /**
   * The items that bear on any of {@code proposals}, transitively (a retraction of a dispute of an
   * attestation of the proposal bears on it), whatever their order; items whose body is of the
   * wrong shape bear on nothing.
   *
   * @param <T> the caller's item type
   * @param items the items, in the order to answer them
   * @param event the event of an item
   * @param proposals proposal event ids
   * @return the items that bear on them, in the given order
   */
  public static <T> List<T> bearingOn(
      Collection<T> items, Function<T, Event> event, Set<String> proposals) {
    Closure closure = new Closure(proposals);
    Set<T> taken = new LinkedHashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (T item : items) {
        if (taken.contains(item)) {
          continue;
        }
        try {
          if (closure.add(event.apply(item))) {
            taken.add(item);
            grew = true;
          }
        } catch (CoordinationException ex) {
          // a body of the wrong shape bears on nothing
        }
      }
    }
    List<T> out = new ArrayList<>();
    for (T item : items) {
      if (taken.contains(item)) {
        out.add(item);
      }
    }
    return out;
  }

  /**
   * The events bearing on some proposals, gathered one event at a time (in log order): an event
   * bears on them when it names one of them ({@link #proposalOf}) or names ({@link #target}) an
   * event already found to bear on them. Not thread-safe.
   */
  public static final class Closure {
    private final Set<String> proposals;
    private final Set<String> on = new LinkedHashSet<>();

    /**
     * @param proposals proposal event ids
     */
    public Closure(Set<String> proposals) {
      this.proposals = Set.copyOf(proposals);
      on.addAll(proposals);
    }

    /**
     * @param e the next event
     * @return whether it bears on the proposals (then events naming it do too)
     * @throws CoordinationException when its body is of the wrong shape
     */
    public boolean add(Event e) throws CoordinationException {
      String p = proposalOf(e);
      String t = target(e);
      boolean bears = (p != null && proposals.contains(p)) || (t != null && on.contains(t));
      if (bears) {
        on.add(e.eventId());
      }
      return bears;
    }

    /**
     * @param eventId an event id
     * @return whether that event was found to bear on the proposals
     */
    public boolean contains(String eventId) {
      return on.contains(eventId);
    }
  }

  /**
   * The quorum inputs of one proposal, gathered one event at a time in log order: the events
   * bearing on it that count, and the byzantine members. Not thread-safe.
   */
  public static final class Tally {
    private final ProposalRecord proposal;
    private final Closure closure;
    private final List<AttestationRecord> attestations = new ArrayList<>();
    private final List<RetractionRecord> retractions = new ArrayList<>();
    private final List<QuorumDeclarationRecord> declarations = new ArrayList<>();
    private final List<DecisionRecord> decisions = new ArrayList<>();
    private final Set<String> byzantine = new TreeSet<>();

    /**
     * @param proposal the proposal counted
     */
    public Tally(ProposalRecord proposal) {
      this.proposal = proposal;
      this.closure = new Closure(Set.of(proposal.id()));
    }

    /**
     * Adds the next event held.
     *
     * @param h the event, whether it counts and whether it is evidence
     * @return whether the quorum state may have changed: it bears on the proposal, or it makes its
     *     member byzantine
     * @throws CoordinationException when its body is of the wrong shape (its member stays byzantine
     *     when it is evidence)
     */
    public boolean add(Held h) throws CoordinationException {
      Event e = h.event();
      if (h.evidence()) {
        byzantine.add(e.member());
      }
      if (!closure.add(e)) {
        return h.evidence();
      }
      if (!h.counts()) {
        return true;
      }
      switch (e.type()) {
        case ATTESTATION -> attestations.add(CoordinationMapping.attestation(e));
        case RETRACTION -> retractions.add(CoordinationMapping.retraction(e));
        case QUORUM_DECLARATION -> declarations.add(CoordinationMapping.declaration(e));
        case DECISION -> decisions.add(CoordinationMapping.decision(e));
        default -> {
          // the proposal itself, disputes: recorded, not counted
        }
      }
      return true;
    }

    /**
     * @return the proposal counted
     */
    public ProposalRecord proposal() {
      return proposal;
    }

    /**
     * @return the byzantine members seen so far
     */
    public Set<String> byzantine() {
      return Set.copyOf(byzantine);
    }

    /**
     * The evaluation over the inputs gathered so far: the roster of the proposal's epoch, the
     * policy resolved there, the quorum state and decision advice ({@link ProposalEvaluation}).
     *
     * @param genesis the mission genesis
     * @param epochs the mission's roster epochs
     * @param at the evaluation time
     * @return the evaluation ({@code unknown-epoch} when {@code epochs} does not hold the
     *     proposal's)
     */
    public ProposalEvaluation evaluate(Genesis genesis, EpochChain epochs, Instant at) {
      Roster epoch = epochs.epoch(proposal.epoch()).orElse(null);
      return ProposalEvaluation.evaluate(
          genesis,
          epoch,
          proposal,
          attestations,
          retractions,
          declarations,
          decisions,
          byzantine,
          at);
    }

    /**
     * @param policy the resolved policy
     * @param roster the roster of the proposal's epoch
     * @param at the evaluation time
     * @return the evaluator's inputs over what was gathered so far
     */
    public QuorumInputs inputs(QuorumPolicy policy, RosterSnapshot roster, Instant at) {
      return new QuorumInputs(
          proposal,
          policy,
          roster,
          attestations,
          retractions,
          declarations,
          decisions,
          byzantine,
          at);
    }
  }
}
