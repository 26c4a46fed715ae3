package org.quorate.web.log;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.quorate.core.admission.AdmissionException;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.log.LogRangeException;
import org.quorate.core.log.MalformedTreeHeadException;
import org.quorate.core.log.ProofVerificationException;
import org.quorate.core.log.ProofVerifier;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.ejb.log.LogViews;
import org.quorate.ejb.log.NodeLogService;
import org.quorate.ejb.log.UnknownLogException;

/**
 * Backing bean of the log view ({@code log.xhtml?m=…}, SPEC §7): the signed tree head history, the
 * state digest, and a consistency check between two heads chosen by size ({@code from}, {@code
 * to}): both heads' CMS signatures are verified, the proof is fetched from the stored tree and
 * checked with {@link ProofVerifier} against the roots the heads sign.
 */
@Named("logPage")
@RequestScoped
public class LogPage {
  private static final HexFormat HEX = HexFormat.of();

  @EJB private NodeLogService log;

  private String name;
  private Long from;
  private Long to;
  private List<LogViews.SthView> history;
  private Check check;

  /**
   * The result of a consistency check between two signed tree heads.
   *
   * @param from earlier size
   * @param to later size
   * @param root1 root the earlier head signs, hex
   * @param root2 root the later head signs, hex
   * @param proof the consistency proof, hex
   * @param verified whether both signatures and the proof verified
   * @param message what was verified, or why not
   */
  public record Check(
      long from,
      long to,
      String root1,
      String root2,
      List<String> proof,
      boolean verified,
      String message) {}

  /**
   * @return the mission (view parameter {@code m})
   */
  public String getName() {
    return name;
  }

  /**
   * @param name the mission
   */
  public void setName(String name) {
    this.name = name;
  }

  /**
   * @return the earlier size to check (view parameter {@code from})
   */
  public Long getFrom() {
    return from;
  }

  /**
   * @param from the earlier size
   */
  public void setFrom(Long from) {
    this.from = from;
  }

  /**
   * @return the later size to check (view parameter {@code to})
   */
  public Long getTo() {
    return to;
  }

  /**
   * @param to the later size
   */
  public void setTo(Long to) {
    this.to = to;
  }

  /**
   * @return the mission's signed tree heads, newest first
   */
  public List<LogViews.SthView> getHistory() {
    if (history == null) {
      history = name == null ? List.of() : log.history(name);
    }
    return history;
  }

  /**
   * @return the distinct sizes of the heads, newest first
   */
  public List<Long> getSizes() {
    List<Long> sizes = new ArrayList<>();
    for (LogViews.SthView h : getHistory()) {
      if (!sizes.contains(h.size())) {
        sizes.add(h.size());
      }
    }
    return sizes;
  }

  /**
   * @return the current size and root, or null when the mission is unknown
   */
  public LogViews.LogSizeView getCurrent() {
    try {
      return name == null ? null : log.size(name);
    } catch (UnknownLogException e) {
      return null;
    }
  }

  /**
   * @return the mission state digest, or null when the mission is unknown
   */
  public LogViews.StateDigestView getStateDigest() {
    try {
      return name == null ? null : log.stateDigest(name);
    } catch (UnknownLogException e) {
      return null;
    }
  }

  /**
   * @return the consistency check of the chosen heads, or null when none was chosen
   */
  public Check getCheck() {
    if (check == null && name != null && from != null && to != null) {
      check = check(from, to);
    }
    return check;
  }

  private Check check(long size1, long size2) {
    Optional<LogViews.SthView> h1 = head(size1);
    Optional<LogViews.SthView> h2 = head(size2);
    if (h1.isEmpty() || h2.isEmpty()) {
      return new Check(
          size1, size2, "", "", List.of(), false, "No signed tree head of that size is kept.");
    }
    SignedTreeHead t1;
    SignedTreeHead t2;
    try {
      t1 = verified(h1.get());
      t2 = verified(h2.get());
    } catch (AdmissionException | MalformedTreeHeadException e) {
      return new Check(
          size1,
          size2,
          h1.get().root(),
          h2.get().root(),
          List.of(),
          false,
          "A signed tree head does not verify: " + e.getMessage());
    }
    LogViews.ConsistencyView proof;
    try {
      proof = log.consistency(name, size1, size2);
    } catch (UnknownLogException | LogRangeException e) {
      return new Check(size1, size2, t1.rootHex(), t2.rootHex(), List.of(), false, e.getMessage());
    }
    List<byte[]> hashes = proof.proof().stream().map(HEX::parseHex).toList();
    try {
      ProofVerifier.verifyConsistency(size1, size2, hashes, t1.root(), t2.root());
    } catch (ProofVerificationException e) {
      return new Check(
          size1,
          size2,
          t1.rootHex(),
          t2.rootHex(),
          proof.proof(),
          false,
          "The consistency proof does not verify (" + e.kind() + "): " + e.getMessage());
    }
    return new Check(
        size1,
        size2,
        t1.rootHex(),
        t2.rootHex(),
        proof.proof(),
        true,
        "Both heads' signatures verify and the tree of size "
            + size2
            + " extends the tree of size "
            + size1
            + " (RFC 9162 consistency proof of "
            + hashes.size()
            + " hashes).");
  }

  private Optional<LogViews.SthView> head(long size) {
    return getHistory().stream().filter(h -> h.size() == size).findFirst();
  }

  private SignedTreeHead verified(LogViews.SthView h)
      throws AdmissionException, MalformedTreeHeadException {
    SignedTreeHead t =
        SignedTreeHead.verify(Base64.getDecoder().decode(h.sth()), new SignedDataVerifier()).head();
    if (t.size() != h.size() || !t.rootHex().equals(h.root()) || !t.mission().equals(name)) {
      throw new MalformedTreeHeadException(
          "the signed content " + t + " differs from the row kept for size " + h.size());
    }
    return t;
  }
}
