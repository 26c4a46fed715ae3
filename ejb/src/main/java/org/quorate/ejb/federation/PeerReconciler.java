package org.quorate.ejb.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceProperty;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.ejb.log.LogStateEntity;
import org.quorate.ejb.log.UnknownLogException;
import org.quorate.ejb.store.QuoratePersistence;

/**
 * Peer status and reconciliation over the peer's {@code url} (SPEC §4). For one peer: asks the peer
 * for its state digest over the members both nodes may see ({@code GET
 * {url}/api/federation/missions/{m}/state-digest?member=…}, logged in as the peer's {@code peer}
 * user, the same credentials the bridge uses) and compares it with this node's; the result is what
 * {@code GET …/peers} shows. When the digests differ while the link is idle (connected, backlog 0,
 * the whole log examined), neither digest nor the peer's log size changed since the previous round
 * and the peer has no input waiting in its ingest queues (its {@code pending}), forwarding has
 * missed something (an input refused {@code held-limit} there, a backlog dropped with a removed
 * link): the node sends the peer the ids of what it holds that the peer may see ({@code POST
 * {url}/api/federation/missions/{m}/lacking}, at most {@value MemberDigests#MAX_IDS} per request)
 * and queues the original bytes of each id the peer says it lacks on the peer's link, at most
 * {@value #MAX_RESEND} per round. The peer does the same the other way, so no operator action is
 * needed. Whatever the peer answers is checked as any input: it only chooses which of this node's
 * own inputs are sent again.
 */
@Stateless
public class PeerReconciler {
  private static final Logger LOG = Logger.getLogger(PeerReconciler.class.getName());
  private static final JsonMapper JSON = new JsonMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** Most inputs queued for one peer by one reconciliation round. */
  static final int MAX_RESEND = 2_000;

  /** Largest answer read from a peer (bytes). */
  private static final int MAX_ANSWER = 1 << 20;

  @PersistenceContext(
      unitName = QuoratePersistence.NAME,
      properties = {
        @PersistenceProperty(name = QuoratePersistence.SKIP_MIXED_SYNC_CHECK, value = "false"),
        @PersistenceProperty(name = QuoratePersistence.ALLOW_JOINED_UNSYNC, value = "false")
      })
  private EntityManager em;

  @Inject private MemberDigests digests;

  @Inject private PeerForwarding forwarding;

  @Inject private PeerBroker broker;

  @Inject private PeerStatusBoard board;

  /**
   * Compares with one peer and, when the link is idle and the digests differ, reconciles.
   *
   * @param mission the mission
   * @param name the peer's name
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void round(String mission, String name) {
    PeerEntity p = em.find(PeerEntity.class, new PeerEntity.Key(mission, name));
    if (p == null) {
      board.forget(mission, name);
      return;
    }
    Set<String> members = new TreeSet<>();
    members.add(p.member());
    digests.ownMember(mission).ifPresent(members::add);
    long before = board.get(mission, name).map(PeerStatusBoard.Comparison::reconciled).orElse(0L);
    MemberDigests.MemberDigestView local;
    try {
      local = digests.digest(mission, members);
    } catch (UnknownLogException | IllegalArgumentException e) {
      return;
    }
    if (p.url() == null) {
      board.put(mission, name, comparison(members, null, local, "the peer has no url", before));
      return;
    }
    JsonNode remote;
    try {
      StringBuilder q = new StringBuilder();
      for (String m : members) {
        q.append(q.length() == 0 ? "?" : "&")
            .append("member=")
            .append(URLEncoder.encode(m, StandardCharsets.UTF_8));
      }
      remote = call(p, "/state-digest" + q, null);
    } catch (IOException | RuntimeException e) {
      board.put(mission, name, comparison(members, null, local, message(e), before));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    PeerStatusBoard.Comparison previous = board.get(mission, name).orElse(null);
    PeerStatusBoard.Comparison now = comparison(members, remote, local, null, before);
    board.put(mission, name, now);
    if (now.equal() || p.paused()) {
      return;
    }
    // Only a settled difference: both digests unchanged since the previous round (inputs still
    // in flight, acknowledged by the peer's broker but not yet admitted, are not sent twice).
    // The peer must be quiet too: nothing waiting in its ingest queues, its log not growing.
    if (previous == null
        || !now.digest().equals(previous.digest())
        || !java.util.Objects.equals(now.peerDigest(), previous.peerDigest())
        || now.peerTreeSize() != previous.peerTreeSize()
        || remote.path("pending").asLong(0) != 0) {
      return;
    }
    PeerBroker.LinkState s = broker.state(mission, name);
    LogStateEntity log = em.find(LogStateEntity.class, mission);
    long last = log == null ? -1 : log.treeSize() - 1;
    if (!s.connected() || s.backlog() != 0 || p.enqueuedIndex() < last || !p.genesisSent()) {
      return;
    }
    try {
      int sent = reconcile(p);
      if (sent > 0) {
        LOG.info(
            "Reconciliation: queued "
                + sent
                + " inputs of mission "
                + mission
                + " that peer "
                + name
                + " lacked");
        board.put(mission, name, comparison(members, remote, local, null, before + sent));
      }
    } catch (IOException | UnknownLogException | RuntimeException e) {
      LOG.log(Level.WARNING, "Reconciling mission " + mission + " with peer " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int reconcile(PeerEntity p)
      throws IOException, InterruptedException, UnknownLogException {
    Map<String, String> mine = digests.releasable(p.mission(), List.of(p.member()));
    List<String> ids = new ArrayList<>(mine.keySet());
    List<String> lacking = new ArrayList<>();
    for (int from = 0; from < ids.size() && lacking.size() < MAX_RESEND; ) {
      int to = Math.min(ids.size(), from + MemberDigests.MAX_IDS);
      byte[] body = JSON.writeValueAsBytes(Map.of("ids", ids.subList(from, to)));
      JsonNode answer = call(p, "/lacking", body);
      for (JsonNode id : answer.path("lacking")) {
        String inputId = mine.get(id.asText());
        if (inputId != null && lacking.size() < MAX_RESEND) {
          lacking.add(inputId);
        }
      }
      from = to;
    }
    return lacking.isEmpty() ? 0 : forwarding.resend(p.mission(), p.name(), lacking);
  }

  private static JsonNode call(PeerEntity p, String path, byte[] post)
      throws IOException, InterruptedException {
    String base = p.url().endsWith("/") ? p.url().substring(0, p.url().length() - 1) : p.url();
    URI uri =
        URI.create(
            base
                + "/api/federation/missions/"
                + URLEncoder.encode(p.mission(), StandardCharsets.UTF_8)
                + path);
    String auth =
        Base64.getEncoder()
            .encodeToString((p.user() + ":" + p.password()).getBytes(StandardCharsets.UTF_8));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Basic " + auth);
    if (post != null) {
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(post));
    }
    HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException(uri + " answered " + r.statusCode());
    }
    if (r.body().length > MAX_ANSWER) {
      throw new IOException(uri + " answered more than " + MAX_ANSWER + " bytes");
    }
    return JSON.readTree(r.body());
  }

  private static PeerStatusBoard.Comparison comparison(
      Set<String> members,
      JsonNode remote,
      MemberDigests.MemberDigestView local,
      String error,
      long reconciled) {
    return new PeerStatusBoard.Comparison(
        List.copyOf(members),
        remote == null ? null : remote.path("digest").asText(null),
        remote == null ? -1 : remote.path("events").asLong(-1),
        remote == null ? -1 : remote.path("treeSize").asLong(-1),
        local.digest(),
        local.events(),
        Instant.now(),
        error,
        reconciled);
  }

  private static String message(Exception e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
