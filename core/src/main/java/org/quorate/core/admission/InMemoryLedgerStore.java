package org.quorate.core.admission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link LedgerStore} in memory, for tests and for {@code quorate inspect}. Single-threaded
 * callers only (its lock is a no-op); linear scans, so keep it to small sets.
 */
public final class InMemoryLedgerStore implements LedgerStore {
  private final Map<String, LoadedMission> missions = new LinkedHashMap<>();
  private final Map<String, InputRecord> records = new LinkedHashMap<>();
  private final Map<String, byte[]> bytes = new LinkedHashMap<>();
  private long nextId = 1;

  /**
   * @param mission a mission to hold
   */
  public void load(LoadedMission mission) {
    missions.put(mission.name(), mission);
  }

  /**
   * @return every record, in arrival order
   */
  public List<InputRecord> all() {
    return List.copyOf(records.values());
  }

  @Override
  public void lockMission(String mission) {}

  @Override
  public void activate(String mission) {
    LoadedMission m = missions.get(mission);
    if (m != null) {
      missions.put(mission, new LoadedMission(m.name(), m.genesisId(), m.genesis(), false));
    }
  }

  @Override
  public Optional<LoadedMission> mission(String name) {
    return Optional.ofNullable(missions.get(name));
  }

  @Override
  public Optional<InputRecord> byInputId(String inputId) {
    return Optional.ofNullable(records.get(inputId));
  }

  @Override
  public byte[] bytes(String inputId) {
    return bytes.get(inputId).clone();
  }

  @Override
  public void insert(InputRecord record, byte[] der) {
    record.assignId(nextId++);
    records.put(record.inputId(), record);
    bytes.put(record.inputId(), der.clone());
  }

  @Override
  public void update(InputRecord record) {}

  @Override
  public void countReplay(InputRecord record) {
    record.replayed();
  }

  @Override
  public List<InputRecord> waitingOn(String key) {
    return where(r -> r.outcome() == Outcome.HELD && key.equals(r.waitingOn()));
  }

  @Override
  public List<InputRecord> held() {
    return where(r -> r.outcome() == Outcome.HELD);
  }

  @Override
  public long heldCount(String mission) {
    return held().stream().filter(r -> mission.equals(r.mission())).count();
  }

  @Override
  public List<InputRecord> byEventId(String eventId) {
    return where(r -> eventId.equals(r.eventId()));
  }

  @Override
  public List<InputRecord> chainAt(String mission, String signer, long seq) {
    return where(
        r ->
            mission.equals(r.mission())
                && signer.equals(r.signer())
                && r.seq() != null
                && r.seq() == seq
                && r.eventId() != null
                && r.holdsChainPosition());
  }

  @Override
  public List<InputRecord> chainWaiting(String mission, String signer, long seq) {
    return where(
        r ->
            mission.equals(r.mission())
                && signer.equals(r.signer())
                && r.seq() != null
                && r.seq() == seq
                && r.outcome() == Outcome.HELD);
  }

  @Override
  public List<InputRecord> admitted(String mission, String type) {
    return where(
        r ->
            mission.equals(r.mission())
                && type.equals(r.type())
                && r.outcome() == Outcome.ADMITTED);
  }

  @Override
  public List<InputRecord> admittedBy(String mission, String credential) {
    return where(
        r ->
            mission.equals(r.mission())
                && credential.equals(r.credential())
                && r.outcome() == Outcome.ADMITTED);
  }

  @Override
  public List<InputRecord> withOutcome(String mission, Outcome outcome) {
    return where(r -> mission.equals(r.mission()) && r.outcome() == outcome);
  }

  @Override
  public List<InputRecord> judgedSince(String mission, long epoch, long issuedMillis) {
    return where(
        r ->
            mission.equals(r.mission())
                && r.outcome() != Outcome.HELD
                && r.epoch() != null
                && r.issuedMillis() != null
                && (r.epoch() > epoch || (r.epoch() == epoch && r.issuedMillis() >= issuedMillis)));
  }

  private List<InputRecord> where(Predicate<InputRecord> p) {
    List<InputRecord> out = new ArrayList<>();
    for (InputRecord r : records.values()) {
      if (p.test(r)) {
        out.add(r);
      }
    }
    return out;
  }
}
