package org.quorate.ejb.log;

import java.util.List;

/** The node log's answers as plain records (REST and portal see these, never entities). */
public final class LogViews {
  private LogViews() {}

  /**
   * A signed tree head (SPEC §5).
   *
   * @param mission the log name
   * @param size tree size
   * @param root RFC 9162 root, lower-case hex
   * @param time when it was made, RFC 3339
   * @param sth the DER CMS SignedData, base64
   * @param signer {@code sha256:} of the node credential's SubjectPublicKeyInfo
   * @param signerSubject the node certificate's subject (RFC 2253)
   */
  public record SthView(
      String mission,
      long size,
      String root,
      String time,
      String sth,
      String signer,
      String signerSubject) {}

  /**
   * An inclusion proof (RFC 9162 §2.1.3), with the entry it proves.
   *
   * @param mission the log name
   * @param index leaf index
   * @param size tree size the proof is for
   * @param entry the entry bytes, hex
   * @param leafHash {@code SHA-256(0x00 ‖ entry)}, hex
   * @param auditPath the proof, leaf side first, hex
   * @param root the log's root at {@code size}, hex (compare with a signed tree head's)
   */
  public record InclusionView(
      String mission,
      long index,
      long size,
      String entry,
      String leafHash,
      List<String> auditPath,
      String root) {}

  /**
   * A consistency proof (RFC 9162 §2.1.4).
   *
   * @param mission the log name
   * @param from earlier tree size
   * @param to later tree size
   * @param proof the proof, hex
   * @param root1 the log's root at {@code from}, hex
   * @param root2 the log's root at {@code to}, hex
   */
  public record ConsistencyView(
      String mission, long from, long to, List<String> proof, String root1, String root2) {}

  /**
   * One log record.
   *
   * @param mission the log name
   * @param index leaf index
   * @param inputId the input id
   * @param eventId the event id, or null
   * @param outcome outcome wire name recorded ({@code void} has entry code 6)
   * @param outcomeCode the entry's outcome byte
   * @param entry the entry bytes, hex
   * @param leafHash {@code SHA-256(0x00 ‖ entry)}, hex
   * @param recordedAt when it was appended, RFC 3339
   */
  public record EntryView(
      String mission,
      long index,
      String inputId,
      String eventId,
      String outcome,
      int outcomeCode,
      String entry,
      String leafHash,
      String recordedAt) {}

  /**
   * The mission state digest (SPEC §5).
   *
   * @param mission mission name
   * @param events how many event ids it covers
   * @param digest the RFC 9162 root over the sorted event ids, hex
   */
  public record StateDigestView(String mission, long events, String digest) {}

  /**
   * A log's current size.
   *
   * @param mission the log name
   * @param size tree size
   * @param root current root, hex
   */
  public record LogSizeView(String mission, long size, String root) {}
}
