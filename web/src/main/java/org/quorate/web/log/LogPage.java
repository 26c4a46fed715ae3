package org.quorate.web.log;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.quorate.core.audit.TreeHeadVerification;
import org.quorate.core.log.LogRangeException;
import org.quorate.core.log.ProofVerificationException;
import org.quorate.core.log.ProofVerifier;
import org.quorate.core.log.SignedTreeHead;
import org.quorate.ejb.log.LogViews;
import org.quorate.ejb.log.NodeLogService;
import org.quorate.ejb.log.TreeHeadChecks;
import org.quorate.ejb.log.UnknownLogException;

/**
 * Backing bean of the log view ({@code log.xhtml?m=…}, SPEC §7): the signed tree head history, the
 * state digest, and a consistency check between two heads chosen by size ({@code from}, {@code
 * to}): both heads are verified at full strength ({@link TreeHeadChecks}), the proof is fetched
 * from the stored tree and checked with {@link ProofVerifier} against the roots the heads sign.
 */
@Named("logPage")
@RequestScoped
public class LogPage {
  private static final HexFormat HEX = HexFormat.of();

  @EJB private NodeLogService log;
  @EJB private TreeHeadChecks heads;

  private String name;
  private Long from;
  private Long to;
  private String fromText;
  private String toText;
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
   * @param inputError whether the sizes asked for make no check (reversed, not a number, no head of
   *     that size): the message says why, and nothing was verified or refuted
   */
  public record Check(
      long from,
      long to,
      String root1,
      String root2,
      List<String> proof,
      boolean verified,
      String message,
      boolean inputError) {

    Check(
        long from,
        long to,
        String root1,
        String root2,
        List<String> proof,
        boolean verified,
        String message) {
      this(from, to, root1, root2, proof, verified, message, false);
    }

    static Check inputError(long from, long to, String message) {
      return new Check(from, to, "", "", List.of(), false, message, true);
    }
  }

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
   * @return the earlier size as typed (view parameter {@code from})
   */
  public String getFromText() {
    return fromText;
  }

  /**
   * @param text the earlier size as typed
   */
  public void setFromText(String text) {
    this.fromText = text == null || text.isBlank() ? null : text.strip();
  }

  /**
   * @return the later size as typed (view parameter {@code to})
   */
  public String getToText() {
    return toText;
  }

  /**
   * @param text the later size as typed
   */
  public void setToText(String text) {
    this.toText = text == null || text.isBlank() ? null : text.strip();
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
   * @return the distinct sizes of the heads, oldest first (the natural "from")
   */
  public List<Long> getSizesAscending() {
    List<Long> sizes = new ArrayList<>(getSizes());
    java.util.Collections.reverse(sizes);
    return sizes;
  }

  /**
   * The operator's "Sign a tree head now" (operators only; checked here as well as on the page).
   */
  public void signNow() {
    jakarta.faces.context.FacesContext faces =
        jakarta.faces.context.FacesContext.getCurrentInstance();
    if (!faces.getExternalContext().isUserInRole("operator")) {
      faces.addMessage(
          null, new jakarta.faces.application.FacesMessage("Only operators sign tree heads."));
      return;
    }
    try {
      LogViews.SthView h = log.sign(name);
      history = null;
      faces.addMessage(
          null,
          new jakarta.faces.application.FacesMessage(
              "Signed a tree head of size " + h.size() + "."));
    } catch (UnknownLogException | org.quorate.ejb.log.NoNodeCredentialException e) {
      faces.addMessage(
          null, new jakarta.faces.application.FacesMessage("Not signed: " + e.getMessage()));
    }
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
    if (current == null) {
      try {
        current = Optional.ofNullable(name == null ? null : log.size(name));
      } catch (UnknownLogException e) {
        current = Optional.empty();
      }
    }
    return current.orElse(null);
  }

  // Read once per request: the page asks several times, and each read walks the whole log.
  private Optional<LogViews.LogSizeView> current;
  private Optional<LogViews.StateDigestView> stateDigest;

  /**
   * @return the mission state digest, or null when the mission is unknown
   */
  public LogViews.StateDigestView getStateDigest() {
    if (stateDigest == null) {
      try {
        stateDigest = Optional.ofNullable(name == null ? null : log.stateDigest(name));
      } catch (UnknownLogException e) {
        stateDigest = Optional.empty();
      }
    }
    return stateDigest.orElse(null);
  }

  /**
   * @return the consistency check of the chosen heads, or null when none was chosen
   */
  public Check getCheck() {
    if (check == null && name != null && (fromText != null || toText != null)) {
      try {
        from = fromText == null ? null : Long.valueOf(fromText);
        to = toText == null ? null : Long.valueOf(toText);
      } catch (NumberFormatException e) {
        check =
            Check.inputError(
                0,
                0,
                "the sizes must be whole numbers (from " + fromText + ", to " + toText + ").");
        return check;
      }
    }
    if (check == null && name != null && (from != null || to != null)) {
      if (from == null || to == null) {
        check = Check.inputError(0, 0, "choose both sizes, from and to.");
      } else if (from > to) {
        check =
            Check.inputError(
                from,
                to,
                "the first size ("
                    + from
                    + ") is larger than the second ("
                    + to
                    + "). A consistency check proves that a later tree extends an earlier one:"
                    + " choose the smaller size as from.");
      } else {
        check = check(from, to);
      }
    }
    return check;
  }

  private Check check(long size1, long size2) {
    Optional<LogViews.SthView> h1 = head(size1);
    Optional<LogViews.SthView> h2 = head(size2);
    if (h1.isEmpty() || h2.isEmpty()) {
      return Check.inputError(
          size1,
          size2,
          "no signed tree head of size " + (h1.isEmpty() ? size1 : size2) + " is kept.");
    }
    SignedTreeHead t1;
    SignedTreeHead t2;
    try {
      t1 = verified(h1.get());
      t2 = verified(h2.get());
    } catch (TreeHeadVerification.Refused e) {
      return new Check(
          size1,
          size2,
          h1.get().root(),
          h2.get().root(),
          List.of(),
          false,
          "A signed tree head does not verify (" + e.code() + "): " + e.getMessage());
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
        "Both heads verify (CMS signature, signed fields, mission, time, and a signer holding"
            + " role node in the roster in force) and the tree of size "
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

  private SignedTreeHead verified(LogViews.SthView h) throws TreeHeadVerification.Refused {
    return heads.verify(name, h);
  }
}
