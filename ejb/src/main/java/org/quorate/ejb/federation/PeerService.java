package org.quorate.ejb.federation;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * The peers of a mission (SPEC §4): add or change, pause, resume, remove, and their status. Each
 * change is applied to the broker at once ({@link PeerBroker}); the table is what {@link
 * PeerForwarder} makes the broker's links from again at every start.
 */
@Stateless
public class PeerService {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private PeerBroker broker;

  @Inject private PeerForwarding forwarding;

  @Inject private PeerStatusBoard board;

  /** Body of {@code PUT …/peers/{name}}: SPEC §4; password write-only. */
  public record PeerBody(
      String url, String amqp, String member, String user, String password, Boolean paused) {}

  /**
   * Adds or changes a peer and (re)makes its link.
   *
   * @param mission the mission
   * @param name the peer's name
   * @param body the definition; on a change, an absent password keeps the one held
   * @return the peer and whether it was created
   * @throws PeerRefusedException when the mission is unknown or a field is wrong
   */
  public PeerView put(String mission, String name, PeerBody body) throws PeerRefusedException {
    if (em.find(MissionEntity.class, mission) == null) {
      throw new PeerRefusedException("unknown-mission", "No mission " + mission + ".");
    }
    if (name == null || !NAME.matcher(name).matches()) {
      throw new PeerRefusedException(
          "peer-refused", "A peer name is 1 to 32 of a-z, 0-9, '_' and '-'.");
    }
    if (body == null) {
      throw new PeerRefusedException("peer-refused", "The body must be a JSON object.");
    }
    if (body.amqp() == null) {
      throw new PeerRefusedException("peer-refused", "\"amqp\" (amqp://host:port) is needed.");
    }
    try {
      PeerBroker.connectorUrl(body.amqp());
      if (!"amqp".equals(URI.create(body.amqp()).getScheme())) {
        throw new IllegalArgumentException("scheme");
      }
    } catch (IllegalArgumentException e) {
      throw new PeerRefusedException(
          "peer-refused", "\"amqp\" must be amqp://host:port, not " + body.amqp() + ".");
    }
    if (body.url() != null) {
      try {
        URI u = URI.create(body.url());
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
          throw new IllegalArgumentException("scheme");
        }
      } catch (IllegalArgumentException e) {
        throw new PeerRefusedException(
            "peer-refused", "\"url\" must be http(s)://…/quorate, not " + body.url() + ".");
      }
    }
    if (body.member() == null || !MEMBER.matcher(body.member()).matches()) {
      throw new PeerRefusedException("peer-refused", "\"member\" (a member id) is needed.");
    }
    if (body.user() == null || body.user().isBlank()) {
      throw new PeerRefusedException(
          "peer-refused", "\"user\" (the peer's broker user, usually peer) is needed.");
    }
    PeerEntity p =
        em.find(
            PeerEntity.class, new PeerEntity.Key(mission, name), LockModeType.PESSIMISTIC_WRITE);
    boolean created = p == null;
    if (created && (body.password() == null || body.password().isEmpty())) {
      throw new PeerRefusedException("peer-refused", "\"password\" is needed for a new peer.");
    }
    if (created) {
      p = new PeerEntity(mission, name);
    }
    p.configure(
        body.url(),
        body.amqp(),
        body.member(),
        body.user(),
        body.password() == null || body.password().isEmpty() ? null : body.password(),
        Boolean.TRUE.equals(body.paused()));
    if (created) {
      em.persist(p);
    }
    em.flush();
    try {
      broker.link(p);
    } catch (IllegalStateException e) {
      throw new PeerRefusedException("peer-refused", e.getMessage());
    }
    return view(p);
  }

  /**
   * Pauses or resumes a link: a paused link forwards nothing (the backlog grows) until resumed.
   *
   * @param mission the mission
   * @param name the peer's name
   * @param paused the new state
   * @return the peer
   * @throws PeerRefusedException when there is no such peer
   */
  public PeerView pause(String mission, String name, boolean paused) throws PeerRefusedException {
    PeerEntity p = find(mission, name);
    p.paused(paused);
    broker.run(mission, name, !paused);
    return view(p);
  }

  /**
   * Removes a peer: its bridge, its queue (with any backlog) and its row.
   *
   * @param mission the mission
   * @param name the peer's name
   * @throws PeerRefusedException when there is no such peer
   */
  public void remove(String mission, String name) throws PeerRefusedException {
    PeerEntity p = find(mission, name);
    broker.unlink(mission, name, true);
    board.forget(mission, name);
    em.remove(p);
  }

  /**
   * @param mission the mission
   * @return its peers with their status, by name
   * @throws PeerRefusedException when the mission is unknown
   */
  public List<PeerView> list(String mission) throws PeerRefusedException {
    if (em.find(MissionEntity.class, mission) == null) {
      throw new PeerRefusedException("unknown-mission", "No mission " + mission + ".");
    }
    return em
        .createQuery(
            "select p from PeerEntity p where p.mission = :m order by p.name", PeerEntity.class)
        .setParameter("m", mission)
        .getResultList()
        .stream()
        .map(this::view)
        .toList();
  }

  /**
   * @param mission the mission
   * @param name the peer's name
   * @return the peer with its status
   */
  public Optional<PeerView> get(String mission, String name) {
    return Optional.ofNullable(em.find(PeerEntity.class, new PeerEntity.Key(mission, name)))
        .map(this::view);
  }

  /**
   * @return every peer of every mission (for the health check and metrics)
   */
  public List<PeerView> all() {
    return em
        .createQuery("select p from PeerEntity p order by p.mission, p.name", PeerEntity.class)
        .getResultList()
        .stream()
        .map(this::view)
        .toList();
  }

  /**
   * @return what is down for liveness: {@code database}, {@code broker}
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.REQUIRES_NEW)
  public List<String> notLive() {
    List<String> down = new ArrayList<>();
    try {
      em.createNativeQuery("SELECT 1").getSingleResult();
    } catch (RuntimeException e) {
      down.add("database");
    }
    if (!broker.up()) {
      down.add("broker");
    }
    return down;
  }

  /**
   * Readiness (SPEC §4): what {@link #notLive} names, and each unpaused peer link whose bridge is
   * not connected, with the counts of the node's peer links.
   *
   * @param down what is down: {@code database}, {@code broker}, {@code peer <mission>/<name>}
   * @param links peer links configured, over all missions (0 on a node without peers)
   * @param connected of those, the ones whose bridge is connected
   * @param paused of those, the ones an operator paused (not required to be connected)
   */
  public record Readiness(List<String> down, int links, int connected, int paused) {}

  /**
   * @return readiness: what {@link #notLive} names and each unpaused peer link that is not
   *     connected ({@code peer <mission>/<name>}), with the link counts (none counted when the
   *     database is down)
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.REQUIRES_NEW)
  public Readiness readiness() {
    List<String> down = new ArrayList<>(notLive());
    if (down.contains("database")) {
      return new Readiness(down, 0, 0, 0);
    }
    int links = 0;
    int connected = 0;
    int paused = 0;
    for (PeerView p : all()) {
      links++;
      if (p.connected()) {
        connected++;
      }
      if (p.paused()) {
        paused++;
      } else if (!p.connected()) {
        down.add("peer " + p.mission() + "/" + p.name());
      }
    }
    return new Readiness(down, links, connected, paused);
  }

  private PeerEntity find(String mission, String name) throws PeerRefusedException {
    PeerEntity p =
        em.find(
            PeerEntity.class, new PeerEntity.Key(mission, name), LockModeType.PESSIMISTIC_WRITE);
    if (p == null) {
      throw new PeerRefusedException(
          "unknown-peer", "Mission " + mission + " has no peer " + name + ".");
    }
    return p;
  }

  private PeerView view(PeerEntity p) {
    PeerBroker.LinkState s = broker.state(p.mission(), p.name());
    long acknowledged =
        s.backlog() == 0
            ? p.enqueuedIndex()
            : broker
                .oldestQueuedIndex(p.mission(), p.name())
                .map(i -> i - 1)
                .orElse(s.backlog() > 0 ? -1L : p.enqueuedIndex());
    PeerStatusBoard.Comparison c = board.get(p.mission(), p.name()).orElse(null);
    return new PeerView(
        p.mission(),
        p.name(),
        p.url(),
        p.amqp(),
        p.member(),
        p.user(),
        p.paused(),
        !s.bridged() ? "absent" : s.started() ? "started" : "stopped",
        s.connected(),
        s.backlog(),
        acknowledged,
        p.enqueuedIndex(),
        p.forwarded(),
        p.genesisSent(),
        forwarding.eligible(p.mission(), p.member()),
        c == null ? List.of() : c.members(),
        c == null ? null : c.digest(),
        c == null ? null : c.peerDigest(),
        c == null ? -1 : c.peerEvents(),
        c == null ? -1 : c.peerTreeSize(),
        c != null && c.equal(),
        c == null ? null : c.checked().toString(),
        c == null ? null : c.error(),
        c == null ? 0 : c.reconciled());
  }
}
