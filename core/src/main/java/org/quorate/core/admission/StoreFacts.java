package org.quorate.core.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509CRL;
import java.util.Collection;
import java.util.Optional;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Roster;
import org.quorate.core.reason.AdmissionException;

/**
 * {@link MissionFacts} answered from a {@link Ledger}'s store, for judging one input (SPEC §2): the
 * mission and its genesis, roster epochs, CRLs in force, held copies (the input's own record does
 * not make it a duplicate), gap declarations and chain positions.
 */
final class StoreFacts implements MissionFacts {
  private final Ledger ledger;
  private final String name;
  private final Optional<LoadedMission> mission;
  private final String self;

  /** Facts for judging an input: its own record does not make it a duplicate. */
  StoreFacts(Ledger ledger, String name, String selfInputId) {
    this.ledger = ledger;
    this.name = name;
    this.mission = ledger.store.mission(name);
    this.self = selfInputId;
  }

  @Override
  public boolean missionKnown() {
    return mission.isPresent();
  }

  @Override
  public Optional<Genesis> genesis() {
    return mission.map(ledger::genesis);
  }

  @Override
  public Optional<ReferencedEvent> referenced(String otherMission, String eventId) {
    for (InputRecord r : ledger.store.byEventId(eventId)) {
      if (r.outcome() != Outcome.ADMITTED || !otherMission.equals(r.mission())) {
        continue;
      }
      Optional<LoadedMission> m = ledger.store.mission(otherMission);
      if (m.isEmpty()) {
        continue;
      }
      try {
        DecodedContribution d = ledger.admission.decode(ledger.store.bytes(r.inputId()));
        return Optional.of(
            new ReferencedEvent(d.event().label(), ledger.genesisOf(m.get()).posture()));
      } catch (AdmissionException e) {
        continue;
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> genesisId() {
    return mission.map(LoadedMission::genesisId);
  }

  @Override
  public boolean missionPending() {
    return ledger.store.mission(name).map(LoadedMission::pending).orElse(false);
  }

  @Override
  public Optional<Roster> roster(long epoch) {
    if (mission.isEmpty()) {
      return Optional.empty();
    }
    return ledger.epochs(name).epoch(epoch);
  }

  @Override
  public Optional<Roster.Opening> epochClosedBy(long epoch) {
    if (mission.isEmpty()) {
      return Optional.empty();
    }
    return ledger.epochs(name).closedBy(epoch);
  }

  @Override
  public Collection<X509CRL> crls() {
    return ledger.revocations.crlsOf(name);
  }

  @Override
  public boolean authenticEventHeld(String eventId) {
    return heldCopy(eventId).isPresent();
  }

  @Override
  public Optional<Outcome> heldCopy(String eventId) {
    Outcome best = null;
    for (InputRecord r : ledger.store.byEventId(eventId)) {
      if (r.inputId().equals(self)) {
        continue;
      }
      int earned = Admission.earned(r.outcome());
      if (earned > 0 && (best == null || earned > Admission.earned(best))) {
        best = r.outcome();
      }
    }
    return Optional.ofNullable(best);
  }

  @Override
  public boolean gapDeclared(String signer, long seq) {
    for (LedgerStore.Admitted r : ledger.store.admittedOfType(name, "gap-declaration")) {
      try {
        JsonNode body = ledger.admission.decode(ledger.store.bytes(r.inputId())).event().body();
        if (signer.equals(body.path("signer").asText()) && body.path("seq").asLong() == seq) {
          return true;
        }
      } catch (AdmissionException e) {
        // a stored admitted input always decodes; nothing to count otherwise
      }
    }
    return false;
  }

  @Override
  public boolean chainHas(String signer, long seq, String eventId) {
    // The chain query answers every record holding the position (InputRecord#holdsChainPosition).
    return ledger.store.chainEventIds(name, signer, seq).contains(eventId);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Of the events holding the position, a fork is made only with one that passed every check
   * (admitted or evidence), as before refused events held positions: an event refused {@code
   * stale-epoch} holds its position for its successors only, so its signer, told of the refusal,
   * may sign that position again (as the CLI's chain state advises after a rejection) without a
   * fork. The event's records are read only when another event holds the position, which is rare.
   */
  @Override
  public Optional<String> chainConflict(String signer, long seq, String eventId) {
    return ledger.store.chainEventIds(name, signer, seq).stream()
        .filter(id -> !id.equals(eventId))
        .sorted()
        .filter(id -> passedEveryCheckAt(id, signer, seq))
        .findFirst();
  }

  /** Whether an event has an admitted or evidence record at a signer's position. */
  private boolean passedEveryCheckAt(String eventId, String signer, long seq) {
    for (InputRecord r : ledger.store.byEventId(eventId)) {
      if ((r.outcome() == Outcome.ADMITTED || r.outcome() == Outcome.EVIDENCE)
          && name.equals(r.mission())
          && signer.equals(r.signer())
          && r.seq() != null
          && r.seq() == seq) {
        return true;
      }
    }
    return false;
  }
}
