package org.quorate.ejb.portal;

import java.util.List;
import org.quorate.ejb.admission.ContributionView;

/**
 * One event (or one input that carries no authentic event) with what an auditor asks of it: who
 * signed it under which credential, its certification path to the member's trust anchor, every
 * outcome record of the node log with its inclusion proof, and what it bears on.
 *
 * @param id the id asked for (event id or input id)
 * @param eventId the event id, or null for an input that is not an authentic event
 * @param mission the mission it names, or null
 * @param member the member, or null
 * @param type the event type, or null
 * @param signer {@code sha256:} of the signing key, or null
 * @param signerSubject the signing certificate's subject, or null
 * @param epoch the roster epoch it relies on, or null
 * @param seq its position in the signer's chain, or null
 * @param prev the previous event of the signer's chain, or null
 * @param issued the signer's claimed time (RFC 3339), or null
 * @param marking the display marking of its label, or null
 * @param lineage the certification path, signer first, the trust anchor last (empty when not
 *     judged)
 * @param inputs every input carrying it (an event may arrive in several copies)
 * @param fields the body in words (labelled fields, see {@link EventViews})
 * @param bearsOn what it bears on (a proposal, an event, the genesis, references)
 * @param records its outcome records in the node log, each with an inclusion proof
 * @param redacted {@code ["body"]} when the caller's clearance does not admit the event (SPEC §6):
 *     its labelled body fields are withheld (see {@link Field#withheld()}), else empty
 * @param referrers the events that point at this one (attestations on a proposal, decisions,
 *     retractions, disputes, superseding attestations), oldest first
 * @param signedBase64 the exact bytes received (CMS SignedData, DER) in base64, or null when
 *     withheld from the caller (SPEC §6), unknown or larger than {@link #MAX_SHOWN_BYTES}
 * @param signedContent the signed content (the event's JSON, UTF-8) as signed, or null likewise
 */
public record EventView(
    String id,
    String eventId,
    String mission,
    String member,
    String type,
    String signer,
    String signerSubject,
    Long epoch,
    Long seq,
    String prev,
    String issued,
    String marking,
    List<String> lineage,
    List<ContributionView> inputs,
    List<Field> fields,
    List<Relation> bearsOn,
    List<LogRecord> records,
    List<String> redacted,
    List<Referrer> referrers,
    String signedBase64,
    String signedContent) {

  /** Largest signed input whose bytes the event page shows (bytes). */
  public static final int MAX_SHOWN_BYTES = 256 * 1024;

  /**
   * An event that points at this one (an attestation on a proposal, a decision, a retraction…).
   *
   * @param relation how it points, in words (e.g. {@code attestation on it})
   * @param id its event id
   * @param member its member
   * @param issued its issued time (RFC 3339)
   * @param detail its verdict, outcome or admission in words
   */
  public record Referrer(String relation, String id, String member, String issued, String detail) {}

  /**
   * One field of an event's body.
   *
   * @param name the field's name in words
   * @param value its value in words (an id when {@link #isId()})
   * @param isId whether the value is an event id (the portal links it)
   * @param withheld whether the value is withheld from the caller (SPEC §6: then it is null and the
   *     portal shows the withheld marker)
   */
  public record Field(String name, String value, boolean isId, boolean withheld) {
    /**
     * @param name the field's name in words
     * @param value its value in words
     * @param isId whether the value is an event id
     */
    public Field(String name, String value, boolean isId) {
      this(name, value, isId, false);
    }

    /**
     * @param name the field's name in words
     * @return the field, withheld
     */
    public static Field withheld(String name) {
      return new Field(name, null, false, true);
    }
  }

  /**
   * Something an event bears on.
   *
   * @param relation how it relates, in words (e.g. {@code attestation on proposal})
   * @param id the id it names
   * @param mission the mission of that id
   * @param title the proposal's title when it is a proposal this node holds, else null
   * @param isProposal whether the id is a proposal this node holds (the portal links its page)
   * @param redacted {@code ["title"]} when the proposal's title is withheld from the caller (then
   *     {@code title} is null), else empty
   */
  public record Relation(
      String relation,
      String id,
      String mission,
      String title,
      boolean isProposal,
      List<String> redacted) {}

  /**
   * One outcome record of the node log (SPEC §5) with its inclusion proof.
   *
   * @param log the log (mission name, or {@code _quarantine})
   * @param index leaf index
   * @param inputId the input it records
   * @param outcome the outcome recorded
   * @param recordedAt when it was appended (RFC 3339)
   * @param entry the entry bytes, hex
   * @param leafHash the leaf hash, hex
   * @param treeSize the tree size the proof is for
   * @param against what that size is: a signed tree head's time, or that no signed tree head covers
   *     the record yet
   * @param auditPath the inclusion proof, leaf side first, hex
   * @param root the root at {@link #treeSize}, hex
   */
  public record LogRecord(
      String log,
      long index,
      String inputId,
      String outcome,
      String recordedAt,
      String entry,
      String leafHash,
      long treeSize,
      String against,
      List<String> auditPath,
      String root) {}
}
