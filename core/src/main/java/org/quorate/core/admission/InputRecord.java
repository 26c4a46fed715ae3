package org.quorate.core.admission;

import java.time.Instant;
import org.quorate.core.reason.ReasonCode;

/**
 * The recorded outcome of one input (SPEC §2): exactly one per input id. Authentic inputs carry
 * their event's fields; rejected ones what could be read of their content, so that those naming a
 * mission are listed with it. A held record may later take another outcome, and a later CRL may
 * turn an admitted one {@code void}; the history of outcomes is the node log's (SPEC §5).
 *
 * <p>A plain class so that the container can persist it as it is (JPA mapping in {@code orm.xml} of
 * the EJB module): no container import here.
 */
public class InputRecord {
  /**
   * {@link #refersTo()} of a record whose content refers to no event (or was not read): a value,
   * not null, so that a row written before the column existed (null) is told apart.
   */
  public static final String NO_REFERENCE = "-";

  private Long id;
  private String inputId;
  private String eventId;
  private String refersTo = NO_REFERENCE;
  private String mission;
  private String member;
  private String signer;
  private String signerSubject;
  private String credential;
  private String type;
  private Long epoch;
  private Long seq;
  private String prev;
  private String issued;
  private Long issuedMillis;
  private String outcome;
  private String reasonCode;
  private String reason;
  private String waitingOn;
  private String conflictsWith;
  private String roles;
  private String path;
  private String transport;
  private String marking;
  private String crlUsed;
  private long receivedMillis;
  private long decidedMillis;
  private int replays;

  /**
   * Where this record stood when the store first read it in the current unit of work, or null for a
   * record created in memory: not persistent ({@code transient}, and {@code <transient>} in {@code
   * orm.xml}); set by {@link #loaded()}.
   */
  private transient Standing loaded;

  /** For persistence. */
  protected InputRecord() {}

  /**
   * @param inputId {@code sha256:} of the bytes received
   * @param transport how it arrived ({@code jms id=…}, {@code amqp …}, {@code rest from=…})
   * @param received when it arrived
   */
  public InputRecord(String inputId, String transport, Instant received) {
    this.inputId = inputId;
    this.transport = clip(transport, 200);
    this.receivedMillis = received.toEpochMilli();
    this.decidedMillis = receivedMillis;
    this.outcome = Outcome.REJECTED.code();
  }

  /**
   * Fills what a rejected input's content claims (read best-effort, untrusted).
   *
   * @param peek what could be read
   */
  public void describe(ContentPeek peek) {
    this.mission = clip(peek.mission(), 64);
    this.member = clip(peek.member(), 32);
    this.signer = clip(peek.signer(), 71);
    this.signerSubject = clip(peek.signerSubject(), 1024);
    this.type = clip(peek.type(), 32);
    this.issued = clip(peek.issued(), 40);
  }

  /**
   * Fills what an authentic contribution says.
   *
   * @param c the decoded contribution
   */
  public void describe(DecodedContribution c) {
    var e = c.event();
    this.eventId = e.eventId();
    String reference = org.quorate.core.coordination.ProposalScope.reference(e);
    this.refersTo = reference == null ? NO_REFERENCE : clip(reference, 71);
    this.mission = e.mission();
    this.member = e.member();
    this.signer = e.signer();
    this.signerSubject = clip(c.signerSubject(), 1024);
    this.credential = c.credential();
    this.type = e.type().wireName();
    this.epoch = e.epoch();
    this.seq = e.seq();
    this.prev = e.prev();
    this.issued = e.issued().toString();
    this.issuedMillis = e.issued().toEpochMilli();
  }

  /**
   * @param certificate a signer certificate
   * @return its issuer (canonical RFC 2253) and serial (hex): what a CRL entry names
   */
  public static String credentialOf(java.security.cert.X509Certificate certificate) {
    return credentialOf(org.quorate.core.cms.SignerNames.issuerAndSerial(certificate));
  }

  /**
   * @param issuerAndSerial a certificate's {@link org.quorate.core.cms.SignerNames#issuerAndSerial}
   * @return the credential as recorded: the first 512 characters
   */
  public static String credentialOf(String issuerAndSerial) {
    return clip(issuerAndSerial, 512);
  }

  /**
   * Records an outcome (the first, or a later one).
   *
   * @param outcome the outcome
   * @param code the reason code, or null
   * @param sentence the reason in words, or null
   * @param waitingOn what a held input waits for, else ignored
   * @param conflictsWith the other event of a fork, else null
   * @param at when it was decided
   */
  public void decide(
      Outcome outcome,
      ReasonCode code,
      String sentence,
      String waitingOn,
      String conflictsWith,
      Instant at) {
    this.outcome = outcome.code();
    this.reasonCode = code == null ? null : code.code();
    this.reason = clip(sentence, 2000);
    this.waitingOn = outcome == Outcome.HELD ? clip(waitingOn, 200) : null;
    this.conflictsWith = conflictsWith;
    this.decidedMillis = at.toEpochMilli();
  }

  /**
   * @param j a judgement
   * @param at when it was made
   */
  public void decide(Judgement j, Instant at) {
    decide(j.outcome(), j.reasonCode(), j.reason(), j.waitingOn(), j.conflictsWith(), at);
    this.roles = clip(String.join(",", j.roles()), 512);
    this.path = clip(String.join(" <- ", j.path()), 4000);
    this.crlUsed = clip(org.quorate.core.pki.CrlIds.describe(j.crlsUsed()), 1000);
  }

  /**
   * Records the CRL a later outcome was decided with (a {@code crl} contribution that voids this
   * admitted event, SPEC §2.5).
   *
   * @param crlUsed names of the CRLs as {@link org.quorate.core.pki.CrlIds#describe} gives them
   */
  public void crlUsed(String crlUsed) {
    this.crlUsed = clip(crlUsed, 1000);
  }

  /**
   * The CRLs the current outcome's revocation check (SPEC §2.5) was judged with, named {@code
   * sha256:<hex of the CRL DER>@<thisUpdate>} ({@link org.quorate.core.pki.CrlIds}), comma
   * separated: for a {@code void} outcome the CRL that revokes the credential; otherwise the
   * mission's CRLs that covered a certificate of the validated path when the outcome was decided
   * ({@code none} when no CRL did). It is the provenance of that judgement: a CRL delivered later
   * that revokes nothing of the path leaves an admitted record as it is.
   *
   * @return the CRL names, {@code none}, or null when the outcome was decided before revocation was
   *     judged (rejected at stages 1–4, expired, not yet valid, path invalid, held for its mission
   *     or epoch)
   */
  public String crlUsed() {
    return crlUsed;
  }

  /**
   * @param marking the display marking of the label that applies (SPEC §6), or null
   */
  public void mark(String marking) {
    this.marking = clip(marking, 512);
  }

  /**
   * @return the display marking of the label that applies, or null when none is known
   */
  public String marking() {
    return marking;
  }

  /** Counts one more arrival of the very same bytes. */
  public void replayed() {
    replays++;
  }

  /**
   * @param id the arrival order assigned by the store (ascending)
   */
  public void assignId(long id) {
    this.id = id;
  }

  /**
   * The store's post-load callback ({@code orm.xml}): remembers where this record stood as read,
   * before anything changes it in memory. The first read is kept: a later one of the same instance
   * (a refresh after a flush) may show the unit of work's own changes.
   */
  public void loaded() {
    if (loaded == null) {
      loaded = standing();
    }
  }

  /**
   * @return where this record stood when the store read it ({@link #loaded()}), or null when it was
   *     created in memory and not read
   */
  public Standing loadedStanding() {
    return loaded;
  }

  /**
   * @return where this record stands now: mission, outcome code and reason code
   */
  public Standing standing() {
    return new Standing(mission, outcome, reasonCode);
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  /**
   * @return arrival order assigned by the store
   */
  public Long id() {
    return id;
  }

  /**
   * @return input id
   */
  public String inputId() {
    return inputId;
  }

  /**
   * @return event id, or null when the input is not authentic
   */
  public String eventId() {
    return eventId;
  }

  /**
   * The event id the content refers to, on which its bearing on a proposal depends ({@link
   * org.quorate.core.coordination.ProposalScope#reference}): indexed, so that the audit of one
   * proposal reads the events bearing on it, not the mission's (SPEC §5).
   *
   * @return that event id, {@link #NO_REFERENCE} when it refers to none, or null for a record
   *     stored before the column existed
   */
  public String refersTo() {
    return refersTo;
  }

  /**
   * @return mission named by the content, or null
   */
  public String mission() {
    return mission;
  }

  /**
   * @return member named by the content, or null
   */
  public String member() {
    return member;
  }

  /**
   * @return signer SPKI hash, or null
   */
  public String signer() {
    return signer;
  }

  /**
   * @return signing certificate subject (RFC 2253), or null
   */
  public String signerSubject() {
    return signerSubject;
  }

  /**
   * @return issuer and serial of the signing certificate, or null
   */
  public String credential() {
    return credential;
  }

  /**
   * @return event type wire name, or null
   */
  public String type() {
    return type;
  }

  /**
   * @return epoch, or null
   */
  public Long epoch() {
    return epoch;
  }

  /**
   * @return chain position, or null
   */
  public Long seq() {
    return seq;
  }

  /**
   * @return predecessor event id, or null
   */
  public String prev() {
    return prev;
  }

  /**
   * @return claimed issue time (RFC 3339), or null
   */
  public String issued() {
    return issued;
  }

  /**
   * @return claimed issue time in epoch milliseconds, or null
   */
  public Long issuedMillis() {
    return issuedMillis;
  }

  /**
   * @return current outcome
   */
  public Outcome outcome() {
    return Outcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * @return reason code wire form, or null
   */
  public String reasonCode() {
    return reasonCode;
  }

  /**
   * Whether this record holds its signer's chain position ({@link #seq()}), so that the successor
   * naming its event as {@code prev} may be admitted (SPEC §2.9): see {@link
   * #holdsChainPosition(Outcome, String)}. (A chain fork is made only with an event that passed
   * every check: {@link MissionFacts#chainConflict}.)
   *
   * @return whether a successor may follow it
   */
  public boolean holdsChainPosition() {
    return holdsChainPosition(outcome(), reasonCode);
  }

  /**
   * Whether a record with this outcome holds its signer's chain position (SPEC §2.9): an admitted
   * or evidence record, and also an authentic event refused {@code stale-epoch}. The latter is an
   * event its signer signed relying on an epoch that was closed meanwhile, typically by governance
   * adopted on the other side of a cut (SPEC §3, §4): on the node that admitted it before learning
   * of the closing decision, its successors stay admitted when it is judged again; a node that
   * refused it on arrival must admit them alike, or the nodes would never converge and the signer's
   * chain (a node's decisions, a member's votes) would stall for good. Its signature, content and
   * signer were checked (stages 1–3) before the epoch was. The one statement of the rule: the
   * stores' chain queries ({@link LedgerStore#chainAt}) answer these records, and a store that
   * queries a database states the same condition in its query language.
   *
   * @param outcome a record's outcome
   * @param reasonCode its reason code wire form, or null
   * @return whether a successor may follow it
   */
  public static boolean holdsChainPosition(Outcome outcome, String reasonCode) {
    return outcome == Outcome.ADMITTED
        || outcome == Outcome.EVIDENCE
        || (outcome == Outcome.REJECTED && ReasonCode.STALE_EPOCH.code().equals(reasonCode));
  }

  /**
   * @return reason sentence, or null
   */
  public String reason() {
    return reason;
  }

  /**
   * @return what a held input waits for, or null
   */
  public String waitingOn() {
    return waitingOn;
  }

  /**
   * @return the other event of a chain fork, or null
   */
  public String conflictsWith() {
    return conflictsWith;
  }

  /**
   * @return roles the credential holds, comma-separated
   */
  public String roles() {
    return roles;
  }

  /**
   * @return certification path subjects, end entity first
   */
  public String path() {
    return path;
  }

  /**
   * @return transport description
   */
  public String transport() {
    return transport;
  }

  /**
   * @return when it arrived
   */
  public Instant received() {
    return Instant.ofEpochMilli(receivedMillis);
  }

  /**
   * @return when its current outcome was decided
   */
  public Instant decided() {
    return Instant.ofEpochMilli(decidedMillis);
  }

  /**
   * @return how many times the very same bytes arrived again
   */
  public int replays() {
    return replays;
  }
}
