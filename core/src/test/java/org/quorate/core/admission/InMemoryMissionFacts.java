package org.quorate.core.admission;

import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quorate.core.event.Event;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Roster;

/** Test double of a node's view of one mission, kept in memory. */
final class InMemoryMissionFacts implements MissionFacts {
  private final Genesis genesis;
  private final Set<String> authentic = new HashSet<>();
  private final Map<String, String> chain = new HashMap<>();
  final List<X509CRL> crls = new ArrayList<>();
  boolean pending;

  InMemoryMissionFacts(Genesis genesis) {
    this.genesis = genesis;
  }

  /** Records what the service would record for an outcome. */
  void record(Event e, Outcome outcome) {
    if (outcome == Outcome.ADMITTED || outcome == Outcome.EVIDENCE || outcome == Outcome.VOID) {
      authentic.add(e.eventId());
    }
    if (outcome == Outcome.ADMITTED) {
      chain.putIfAbsent(e.signer() + "#" + e.seq(), e.eventId());
    }
  }

  @Override
  public boolean missionKnown() {
    return genesis != null;
  }

  @Override
  public Optional<Genesis> genesis() {
    return Optional.ofNullable(genesis);
  }

  @Override
  public Optional<ReferencedEvent> referenced(String mission, String eventId) {
    return Optional.empty();
  }

  @Override
  public Optional<String> genesisId() {
    return genesis == null ? Optional.empty() : Optional.of(genesis.genesisId());
  }

  @Override
  public boolean missionPending() {
    return pending;
  }

  @Override
  public Optional<Roster> roster(long epoch) {
    return genesis != null && epoch == 0 ? Optional.of(Roster.genesis(genesis)) : Optional.empty();
  }

  @Override
  public Collection<X509CRL> crls() {
    return crls;
  }

  @Override
  public boolean authenticEventHeld(String eventId) {
    return authentic.contains(eventId);
  }

  @Override
  public boolean gapDeclared(String signer, long seq) {
    return false;
  }

  @Override
  public boolean chainHas(String signer, long seq, String eventId) {
    return eventId.equals(chain.get(signer + "#" + seq));
  }

  @Override
  public Optional<String> chainConflict(String signer, long seq, String eventId) {
    String at = chain.get(signer + "#" + seq);
    return at == null || at.equals(eventId) ? Optional.empty() : Optional.of(at);
  }
}
