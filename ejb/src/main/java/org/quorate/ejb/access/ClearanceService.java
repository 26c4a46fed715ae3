package org.quorate.ejb.access;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.core.label.Clearance;
import org.quorate.core.label.ConfidentialityLabel;
import org.quorate.core.label.LabelFormatException;
import org.quorate.core.label.LabelValidation;
import org.quorate.core.label.SecurityPolicy;
import org.quorate.ejb.admission.AdmissionEngine;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * Users' clearances (SPEC §6): set and read by an operator, read afresh on every request (so a
 * change applies from the user's next request).
 */
@Stateless
public class ClearanceService {
  private static final Logger LOG = Logger.getLogger(ClearanceService.class.getName());

  /** Longest login name kept. */
  public static final int MAX_USER = 128;

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private AdmissionEngine engine;

  @Resource private SessionContext context;

  @Inject private ClearanceSubjects subjects;

  /** Reason code of a clearance body that is not JSON. */
  public static final String MALFORMED = "malformed-clearance";

  /** Reason code of a clearance refused for its labels or shape. */
  public static final String REFUSED = "clearance-refused";

  /** Reason code of a clearance for a user this node does not know. */
  public static final String UNKNOWN_USER = "unknown-user";

  /**
   * A clearance refused: the label, policy or shape that failed ({@link #REFUSED}), a body that is
   * not JSON ({@link #MALFORMED}) or a user unknown to the node's realm ({@link #UNKNOWN_USER}).
   */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reasonCode;

    Refused(String message) {
      this(REFUSED, message);
    }

    Refused(String reasonCode, String message) {
      super(message);
      this.reasonCode = reasonCode;
    }

    /**
     * @return {@link #REFUSED}, {@link #MALFORMED} or {@link #UNKNOWN_USER}
     */
    public String reasonCode() {
      return reasonCode;
    }
  }

  /** A user's clearance as shown: {@code {"user","labels":[…],"markings":[…],"setBy","setAt"}}. */
  public record ClearanceView(
      String user,
      List<com.fasterxml.jackson.databind.JsonNode> labels,
      List<String> markings,
      String setBy,
      Instant setAt) {}

  /**
   * Sets a user's clearance; every label must be valid under a security policy this node knows.
   *
   * @param user login name
   * @param json JSON array of labels, one per security policy
   * @return the clearance as stored
   * @throws Refused when the user is not known to this node ({@link #UNKNOWN_USER}: not a user of
   *     the application realm nor an FMN service with a bridge here), the body is not JSON ({@link
   *     #MALFORMED}), or malformed, two labels share a policy, a policy is unknown or a label is
   *     not valid under its policy ({@link #REFUSED})
   */
  public ClearanceView set(String user, byte[] json) throws Refused {
    checkUser(user);
    if (!subjects.known(user)) {
      throw new Refused(
          UNKNOWN_USER,
          "No user "
              + user
              + " is known to this node (its application realm) and no FMN service of that name"
              + " has a bridge here: nothing was set.");
    }
    Clearance c;
    try {
      c = Clearance.read(json);
    } catch (LabelFormatException e) {
      throw new Refused(
          e.getCause() instanceof java.io.IOException ? MALFORMED : REFUSED, e.getMessage());
    }
    for (ConfidentialityLabel l : c.labels()) {
      SecurityPolicy p =
          engine
              .spifs()
              .forPolicy(l.policy())
              .orElseThrow(() -> new Refused("unknown security policy " + l.policy()));
      LabelValidation v = p.validate(l);
      if (!v.valid()) {
        throw new Refused(
            "label not valid under policy " + p.name() + ": " + String.join("; ", v.reasons()));
      }
    }
    String by = context.getCallerPrincipal().getName();
    ClearanceEntity row = em.find(ClearanceEntity.class, user);
    if (row == null) {
      row = new ClearanceEntity(user, c.write(), by, Instant.now());
      em.persist(row);
    } else {
      row.set(c.write(), by, Instant.now());
    }
    LOG.log(Level.INFO, "Clearance of {0} set by {1}", new Object[] {user, by});
    return view(row, c);
  }

  /**
   * @param user login name
   * @return the user's clearance as stored, if any
   */
  public Optional<ClearanceView> get(String user) {
    ClearanceEntity row = user == null ? null : em.find(ClearanceEntity.class, user);
    if (row == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(view(row, Clearance.read(row.labels())));
    } catch (LabelFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * @return the clearance of the user calling (none for an anonymous caller), read now
   */
  public Optional<Clearance> caller() {
    return of(callerName());
  }

  /**
   * @param user a login name, or an FMN service's name (e.g. {@code fmn-nor}) whose clearance
   *     bounds what leaves over its bridges (SPEC §4 "FMN services", §6)
   * @return its clearance as stored, read now; empty when none is set (or user is null)
   */
  public Optional<Clearance> of(String user) {
    if (user == null) {
      return Optional.empty();
    }
    ClearanceEntity row = em.find(ClearanceEntity.class, user);
    if (row == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Clearance.read(row.labels()));
    } catch (LabelFormatException e) {
      LOG.log(Level.WARNING, "Stored clearance of {0} unreadable: {1}", new Object[] {user, e});
      return Optional.empty();
    }
  }

  /**
   * @return the calling user's login name, or null when anonymous
   */
  public String callerName() {
    java.security.Principal p = context.getCallerPrincipal();
    if (p == null || p.getName() == null || "anonymous".equals(p.getName())) {
      return null;
    }
    return p.getName();
  }

  private ClearanceView view(ClearanceEntity row, Clearance c) {
    List<com.fasterxml.jackson.databind.JsonNode> labels = new ArrayList<>();
    List<String> markings = new ArrayList<>();
    for (ConfidentialityLabel l : c.labels()) {
      labels.add(org.quorate.core.label.LabelJson.toTree(l));
      markings.add(
          engine
              .spifs()
              .forPolicy(l.policy())
              .map(p -> p.displayMarking(l, "en"))
              .orElse(l.policy() + " " + l.classification()));
    }
    return new ClearanceView(row.user(), labels, markings, row.setBy(), row.setAt());
  }

  private static void checkUser(String user) throws Refused {
    if (user == null || user.isBlank() || user.length() > MAX_USER) {
      throw new Refused("a user name is 1.." + MAX_USER + " characters");
    }
  }
}
