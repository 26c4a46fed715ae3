package org.quorate.ejb.node;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quorate.core.admission.CredentialRoles;
import org.quorate.core.mission.Member;
import org.quorate.core.mission.Roster;
import org.quorate.core.node.NodeCredential;
import org.quorate.core.node.NodeCredentialException;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.reason.AdmissionException;
import org.quorate.ejb.admission.AdmissionEngine;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * Installs and reads a mission's node credential ({@code PUT /missions/{m}/node-credential}, SPEC
 * §3). A credential is accepted only when its certificate chains, now, to a trust anchor of a
 * member of the mission and that member grants it the role {@code node}.
 */
@Stateless
public class NodeCredentialService {
  /**
   * Credentials parsed from their stored PEM (certificate, private key), by that PEM: each audit
   * and each decision asked for its mission's credential, and parsing checks that the key matches
   * the certificate (about a tenth of a small decision's audit). A re-installed credential has
   * other PEM, hence its own entry; at most {@value #PARSED_MAX}, emptied at each install and when
   * full.
   */
  private static final java.util.Map<List<String>, NodeCredential> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int PARSED_MAX = 256;

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private AdmissionEngine engine;

  /** A refused installation; answered 400 with reason code {@code node-credential-refused}. */
  @ApplicationException(rollback = true)
  public static class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message why
     */
    public Refused(String message) {
      super(message);
    }
  }

  /** What was installed. */
  public record Installed(String mission, String member, String subject, String spki) {}

  /**
   * @param mission mission name
   * @param certificatePem node certificate (then intermediates), PEM
   * @param privateKeyPem PKCS#8 PEM
   * @return what was installed (replacing an earlier credential)
   * @throws Refused when the mission is unknown, the PEM is bad, the key does not match, the path
   *     fails or the role {@code node} is not granted
   */
  public Installed install(String mission, String certificatePem, String privateKeyPem)
      throws Refused {
    MissionEntity m = em.find(MissionEntity.class, mission);
    if (m == null) {
      throw new Refused("No mission " + mission + ".");
    }
    NodeCredential c;
    try {
      c = NodeCredential.fromPem(certificatePem, privateKeyPem);
    } catch (NodeCredentialException e) {
      throw new Refused(e.getMessage());
    }
    // The roster in force: governance may have admitted members or granted node since the genesis.
    Roster roster =
        engine
            .ledger()
            .epochsOf(m.name())
            .map(org.quorate.core.coordination.EpochChain::current)
            .orElseThrow(() -> new Refused("No mission " + mission + "."));
    CredentialRoles.Holder holder;
    try {
      holder =
          CredentialRoles.holder(
              new CertificationPathValidator(),
              roster,
              c.certificate(),
              new ArrayList<>(c.chain()),
              engine.ledger().deliveredCrls(m.name()).values(),
              Instant.now());
    } catch (AdmissionException | IllegalArgumentException e) {
      throw new Refused(
          "The certificate does not chain to a trust anchor of any member of mission "
              + mission
              + ": "
              + e.getMessage());
    }
    Member member = holder.member().orElse(null);
    if (member == null) {
      throw new Refused(
          "The certificate does not chain to a trust anchor of any member of mission "
              + mission
              + ".");
    }
    if (!holder.holds("node")) {
      throw new Refused(
          "The certificate chains to "
              + member.id()
              + "'s anchor but "
              + member.id()
              + " grants it no role node in mission "
              + mission
              + ".");
    }
    NodeCredentialEntity existing = em.find(NodeCredentialEntity.class, mission);
    if (existing != null) {
      em.remove(existing);
      em.flush();
    }
    // The credential replaced is no longer kept parsed (nor its private key in memory).
    PARSED.clear();
    em.persist(
        new NodeCredentialEntity(
            mission, certificatePem, privateKeyPem, member.id(), Instant.now()));
    return new Installed(
        mission, member.id(), c.certificate().getSubjectX500Principal().getName(), c.spki());
  }

  /**
   * @param mission mission name
   * @return the node credential, when installed
   */
  public Optional<NodeCredential> credential(String mission) {
    NodeCredentialEntity e = em.find(NodeCredentialEntity.class, mission);
    if (e == null) {
      return Optional.empty();
    }
    List<String> pems = List.of(e.certificatePem(), e.privateKeyPem());
    NodeCredential parsed = PARSED.get(pems);
    if (parsed != null) {
      return Optional.of(parsed);
    }
    try {
      parsed = NodeCredential.fromPem(e.certificatePem(), e.privateKeyPem());
      if (PARSED.size() >= PARSED_MAX) {
        PARSED.clear();
      }
      PARSED.put(pems, parsed);
      return Optional.of(parsed);
    } catch (NodeCredentialException ex) {
      throw new IllegalStateException("Stored node credential of " + mission + " unreadable", ex);
    }
  }
}
