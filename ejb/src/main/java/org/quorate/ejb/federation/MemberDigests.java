package org.quorate.ejb.federation;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.quorate.core.admission.Outcome;
import org.quorate.core.federation.PeerFilter;
import org.quorate.core.log.StateDigest;
import org.quorate.ejb.log.LogStateEntity;
import org.quorate.ejb.log.UnknownLogException;
import org.quorate.ejb.node.NodeCredentialEntity;
import org.quorate.ejb.store.InputBytes;
import org.quorate.ejb.store.MissionEntity;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * How two nodes compare a mission (SPEC §4 "Comparing nodes", §5 state digest): the digest over the
 * authentic events held and not waiting (admitted, evidence, void) whose label (or the mission
 * posture) is releasable to every member named, and, for reconciliation, which of a list of event
 * ids this node lacks.
 */
@Stateless
public class MemberDigests {
  /** Most event ids one {@link #lacking} call takes (what the other side sends is capped). */
  public static final int MAX_IDS = 5_000;

  /** Most members one digest names. */
  public static final int MAX_MEMBERS = 16;

  private static final Pattern ID = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final HexFormat HEX = HexFormat.of();
  private static final List<String> AUTHENTIC =
      List.of(Outcome.ADMITTED.code(), Outcome.EVIDENCE.code(), Outcome.VOID.code());
  private static final List<String> HOLDING =
      List.of(
          Outcome.ADMITTED.code(),
          Outcome.EVIDENCE.code(),
          Outcome.VOID.code(),
          Outcome.HELD.code());

  /** Releasability verdicts by (input id, member): labels never change for given bytes. */
  private static final Map<String, Boolean> RELEASABLE = new ConcurrentHashMap<>();

  private static final int CACHE_MAX = 200_000;

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private PeerForwarding forwarding;

  @Inject private PeerBroker broker;

  /**
   * A digest over what the named members may all see.
   *
   * @param mission the mission
   * @param members the members (sorted, no repeats; empty: every authentic event, as SPEC §5)
   * @param events how many event ids it covers
   * @param digest the RFC 9162 root over the sorted event ids, hex
   * @param treeSize this node's log size for the mission (tree size of SPEC §5)
   * @param pending inputs this node received and has not recorded yet, all missions (-1: unknown):
   *     a peer reconciles only with a node that has nothing in flight
   */
  public record MemberDigestView(
      String mission,
      List<String> members,
      long events,
      String digest,
      long treeSize,
      long pending) {}

  /**
   * @param mission the mission
   * @param members member ids (1 to {@value #MAX_MEMBERS}; empty: over every authentic event)
   * @return the digest over the events releasable to every one of them
   * @throws UnknownLogException when the mission is unknown
   * @throws IllegalArgumentException when a member id is malformed or too many are named
   */
  public MemberDigestView digest(String mission, Collection<String> members)
      throws UnknownLogException {
    Set<String> names = checkMembers(members);
    Map<String, String> ids = releasable(mission, names);
    List<byte[]> bytes = new ArrayList<>(ids.size());
    for (String id : ids.keySet()) {
      bytes.add(HEX.parseHex(id, "sha256:".length(), id.length()));
    }
    LogStateEntity state = em.find(LogStateEntity.class, mission);
    return new MemberDigestView(
        mission,
        List.copyOf(names),
        bytes.size(),
        HEX.formatHex(StateDigest.of(bytes)),
        state == null ? 0 : state.treeSize(),
        broker.ingestBacklog());
  }

  /**
   * @param mission the mission
   * @param members member ids (empty: all)
   * @return event id to input id of the authentic events held and not waiting that every member may
   *     see, by event id
   * @throws UnknownLogException when the mission is unknown
   */
  public Map<String, String> releasable(String mission, Collection<String> members)
      throws UnknownLogException {
    MissionEntity m = em.find(MissionEntity.class, mission);
    if (m == null) {
      throw new UnknownLogException("No mission " + mission + ".");
    }
    // A pending mission has no epoch yet, so no label can be judged: its few authentic events
    // (endorsements) all count. Sending stays closed: PeerForwarding#resend checks again.
    Optional<PeerFilter> filter = members.isEmpty() ? Optional.empty() : forwarding.filter(m);
    List<Object[]> rows =
        em.createQuery(
                "select r.eventId, r.inputId from InputRecord r where r.mission = :m"
                    + " and r.outcome in :o and r.eventId is not null order by r.id",
                Object[].class)
            .setParameter("m", mission)
            .setParameter("o", AUTHENTIC)
            .getResultList();
    Map<String, String> out = new LinkedHashMap<>();
    for (Object[] row : rows) {
      String eventId = (String) row[0];
      String inputId = (String) row[1];
      if (out.containsKey(eventId) || !ID.matcher(eventId).matches()) {
        continue;
      }
      boolean all = true;
      for (String member : filter.isEmpty() ? List.<String>of() : members) {
        if (!releasable(filter.get(), inputId, member)) {
          all = false;
          break;
        }
      }
      if (all) {
        out.put(eventId, inputId);
      }
    }
    return out;
  }

  /**
   * @param mission the mission
   * @param eventIds event ids another node holds (at most {@value #MAX_IDS})
   * @return those this node holds no admitted, evidence, void or held record of, in the order given
   * @throws UnknownLogException when the mission is unknown
   * @throws IllegalArgumentException when too many ids are given or one is malformed
   */
  public List<String> lacking(String mission, List<String> eventIds) throws UnknownLogException {
    if (em.find(MissionEntity.class, mission) == null) {
      throw new UnknownLogException("No mission " + mission + ".");
    }
    if (eventIds.size() > MAX_IDS) {
      throw new IllegalArgumentException("At most " + MAX_IDS + " event ids per request.");
    }
    for (String id : eventIds) {
      if (id == null || !ID.matcher(id).matches()) {
        throw new IllegalArgumentException("Not an event id (sha256:<64 hex>): " + id);
      }
    }
    Set<String> held = new java.util.HashSet<>();
    for (int from = 0; from < eventIds.size(); from += 500) {
      List<String> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + 500));
      held.addAll(
          em.createQuery(
                  "select r.eventId from InputRecord r where r.mission = :m"
                      + " and r.outcome in :o and r.eventId in :ids",
                  String.class)
              .setParameter("m", mission)
              .setParameter("o", HOLDING)
              .setParameter("ids", chunk)
              .getResultList());
    }
    List<String> out = new ArrayList<>();
    for (String id : eventIds) {
      if (!held.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * @param mission the mission
   * @return the member this node speaks for in the mission: its node credential's member, else the
   *     system property {@code quorate.node.member}, else empty
   */
  public Optional<String> ownMember(String mission) {
    NodeCredentialEntity c = em.find(NodeCredentialEntity.class, mission);
    if (c != null) {
      return Optional.of(c.member());
    }
    String p = System.getProperty("quorate.node.member");
    return p == null || p.isBlank() ? Optional.empty() : Optional.of(p.trim());
  }

  private boolean releasable(PeerFilter filter, String inputId, String member) {
    String key = inputId + "|" + member;
    Boolean known = RELEASABLE.get(key);
    if (known != null) {
      return known;
    }
    InputBytes bytes = em.find(InputBytes.class, inputId);
    boolean verdict = bytes != null && filter.releasable(bytes.der(), member);
    if (RELEASABLE.size() >= CACHE_MAX) {
      RELEASABLE.clear();
    }
    RELEASABLE.put(key, verdict);
    return verdict;
  }

  private static Set<String> checkMembers(Collection<String> members) {
    Set<String> names = new TreeSet<>();
    for (String member : members) {
      if (member == null || !MEMBER.matcher(member).matches()) {
        throw new IllegalArgumentException("Not a member id: " + member);
      }
      names.add(member);
    }
    if (names.size() > MAX_MEMBERS) {
      throw new IllegalArgumentException("At most " + MAX_MEMBERS + " members.");
    }
    return names;
  }
}
