package org.quorate.core.admission;

import java.util.List;
import java.util.Optional;

/**
 * Where a node keeps its input records and their bytes: JPA in the container, memory in tests and
 * the CLI. Calls for one mission happen under {@link #lockMission}; implementations must make
 * {@link #insert} and record changes durable with the caller's transaction.
 */
public interface LedgerStore {
  /**
   * Serialises judgements of one mission (a database row lock in the container).
   *
   * @param mission a mission name (may be unknown)
   */
  void lockMission(String mission);

  /**
   * @param name a mission name
   * @return the mission, when loaded
   */
  Optional<LoadedMission> mission(String name);

  /**
   * @param inputId an input id
   * @return its record
   */
  Optional<InputRecord> byInputId(String inputId);

  /**
   * @param inputId an input id
   * @return the exact bytes received
   */
  byte[] bytes(String inputId);

  /**
   * Stores a new record and its bytes, assigning its arrival order ({@link InputRecord#id()}).
   *
   * @param record the record
   * @param der the bytes received
   */
  void insert(InputRecord record, byte[] der);

  /**
   * Makes a change to an already stored record durable (a no-op where records are managed).
   *
   * @param record the changed record
   */
  void update(InputRecord record);

  /**
   * @param key what held inputs wait for ({@code event:…}, {@code mission:…}, …)
   * @return the held records waiting on it, in arrival order
   */
  List<InputRecord> waitingOn(String key);

  /**
   * @return every held record, in arrival order
   */
  List<InputRecord> held();

  /**
   * @param mission a mission name
   * @return how many inputs are held for it
   */
  long heldCount(String mission);

  /**
   * @param mission a mission name
   * @param signer a signer (SPKI hash id)
   * @return how many inputs of that signer are held for the mission (SPEC §4: held inputs are
   *     bounded per signer too)
   */
  default long heldCount(String mission, String signer) {
    return held().stream()
        .filter(r -> mission.equals(r.mission()) && signer.equals(r.signer()))
        .count();
  }

  /**
   * Whether the mission holds at least {@code limit} inputs ({@link HeldLimits#maxPerMission()}); a
   * store may answer without counting exactly when it knows the count is lower.
   *
   * @param mission a mission name
   * @param limit a count
   * @return whether {@link #heldCount} is at least {@code limit}
   */
  default boolean heldAtLeast(String mission, long limit) {
    return heldCount(mission) >= limit;
  }

  /**
   * @param eventId an event id
   * @return the records carrying it, in arrival order
   */
  List<InputRecord> byEventId(String eventId);

  /**
   * @param mission a mission name
   * @param signer a signer SPKI hash
   * @param seq a chain position
   * @return the records holding that position ({@link InputRecord#holdsChainPosition()}: admitted,
   *     evidence, or an authentic event refused {@code stale-epoch}), in arrival order
   */
  List<InputRecord> chainAt(String mission, String signer, long seq);

  /**
   * @param mission a mission name
   * @param type an event type wire name, e.g. {@code crl}
   * @return the admitted records of that type, in arrival order
   */
  List<InputRecord> admitted(String mission, String type);

  /**
   * @param mission a mission name
   * @param credential issuer and serial ({@link InputRecord#credentialOf})
   * @return the admitted records signed by that credential, in arrival order
   */
  List<InputRecord> admittedBy(String mission, String credential);

  /**
   * Marks a pending mission active: every founder endorsed its genesis (SPEC §2.4).
   *
   * @param mission the mission name
   */
  void activate(String mission);

  /**
   * @param mission a mission name
   * @param signer a signer SPKI hash
   * @param seq a chain position
   * @return the held records of that signer at that position (waiting on their predecessor)
   */
  List<InputRecord> chainWaiting(String mission, String signer, long seq);

  /**
   * Counts one more arrival of the very same bytes, atomically (concurrent replays must not lose
   * counts).
   *
   * @param record the stored record
   */
  void countReplay(InputRecord record);

  /**
   * @param mission a mission name
   * @param outcome an outcome
   * @return the mission's records with that outcome, in arrival order
   */
  List<InputRecord> withOutcome(String mission, Outcome outcome);

  /**
   * The records a change of roster epochs may judge differently (SPEC §2 stage 4): those of the
   * mission that are not held and name an epoch after {@code epoch}, or name {@code epoch} and are
   * issued at or after {@code issuedMillis}.
   *
   * @param mission a mission name
   * @param epoch the epoch whose successor changed
   * @param issuedMillis the earliest {@code issued} (ms since the epoch) concerned in {@code epoch}
   * @return those records, in arrival order
   */
  List<InputRecord> judgedSince(String mission, long epoch, long issuedMillis);

  /**
   * The event ids of {@link #chainAt}: a store that keeps each signer's chain head in memory
   * answers positions at or after the head without a query.
   *
   * @param mission a mission name
   * @param signer a signer SPKI hash
   * @param seq a chain position
   * @return the event ids of the records holding that position
   */
  default List<String> chainEventIds(String mission, String signer, long seq) {
    return chainAt(mission, signer, seq).stream().map(InputRecord::eventId).toList();
  }

  /**
   * The admitted records of a type that few inputs carry ({@code crl}, {@code gap-declaration}), as
   * references: a store may keep them in memory.
   *
   * @param mission a mission name
   * @param type an event type wire name
   * @return input and event ids of the admitted records of that type, in arrival order
   */
  default List<Admitted> admittedOfType(String mission, String type) {
    return admitted(mission, type).stream()
        .map(r -> new Admitted(r.inputId(), r.eventId()))
        .toList();
  }

  /**
   * An admitted record, by its ids.
   *
   * @param inputId its input id
   * @param eventId its event id
   */
  record Admitted(String inputId, String eventId) {}
}
