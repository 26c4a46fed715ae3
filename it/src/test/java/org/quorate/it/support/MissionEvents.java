package org.quorate.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds, signs and submits the events of one mission (SPEC §1) for the ITs: each credential keeps
 * its own chain (seq from 1, {@code prev} the event id of its last signed event), signatures are
 * made with the openssl binary ({@link OpenSsl#sign}), submissions go to {@code POST
 * /quorate/api/contributions} as {@code submitter}.
 */
public final class MissionEvents {
  private static final JsonMapper JSON = new JsonMapper();

  private final OpenSsl openssl;
  private final String mission;
  private final Map<Path, Long> seqs = new HashMap<>();
  private final Map<Path, String> prevs = new HashMap<>();

  /**
   * @param openssl signs (its directory holds the credentials)
   * @param mission the mission every event names
   */
  public MissionEvents(OpenSsl openssl, String mission) {
    this.openssl = openssl;
    this.mission = mission;
  }

  /**
   * @param cert the signer's certificate
   * @param member the member claimed
   * @param type the event type
   * @return the header of the credential's next chain position, epoch 0, issued now (whole
   *     seconds), no body yet
   */
  public ObjectNode event(Path cert, String member, String type) {
    return event(cert, member, 0, type, Instant.now());
  }

  /**
   * @param cert the signer's certificate
   * @param member the member claimed
   * @param epoch the roster epoch named
   * @param type the event type
   * @param issued the issued time (truncated to whole seconds)
   * @return the header of the credential's next chain position, no body yet
   */
  public ObjectNode event(Path cert, String member, long epoch, String type, Instant issued) {
    ObjectNode e = JSON.createObjectNode();
    e.put("v", 1).put("mission", mission).put("member", member);
    e.put("signer", openssl.spkiHash(cert))
        .put("epoch", epoch)
        .put("seq", seqs.getOrDefault(cert, 0L) + 1);
    String prev = prevs.get(cert);
    if (prev == null) {
      e.putNull("prev");
    } else {
      e.put("prev", prev);
    }
    e.put("type", type);
    e.put("issued", issued.truncatedTo(ChronoUnit.SECONDS).toString());
    return e;
  }

  /**
   * @return an attestation in epoch 0 as {@code approving-authority}, not superseding any
   */
  public ObjectNode attestation(
      Path cert, String member, String proposal, String verdict, String rationale) {
    return attestation(cert, member, 0, proposal, verdict, rationale);
  }

  /**
   * @param cert the signer's certificate
   * @param member the member claimed
   * @param epoch the roster epoch named
   * @param proposal the proposal's event id
   * @param verdict {@code concur}, {@code dissent} or {@code abstain}
   * @param rationale the rationale, or null
   * @return an attestation issued now as {@code approving-authority}, not superseding any
   */
  public ObjectNode attestation(
      Path cert, String member, long epoch, String proposal, String verdict, String rationale) {
    ObjectNode e = event(cert, member, epoch, "attestation", Instant.now());
    ObjectNode body = e.putObject("body");
    body.put("proposal", proposal).put("role", "approving-authority").put("verdict", verdict);
    if (rationale == null) {
      body.putNull("rationale");
    } else {
      body.put("rationale", rationale);
    }
    body.putNull("supersedes");
    return e;
  }

  /**
   * @return a proposal in epoch 0 under {@code policy}, no action
   */
  public ObjectNode proposal(Path cert, String member, String policy, String title, String text) {
    ObjectNode e = event(cert, member, "proposal");
    e.putObject("body")
        .put("policy", policy)
        .put("title", title)
        .put("text", text)
        .putNull("action");
    return e;
  }

  /**
   * Signs an event and makes it its credential's chain end.
   *
   * @return the SignedData DER
   */
  public byte[] sign(ObjectNode event, Path cert) {
    chain(event, cert);
    return signUnchained(event, cert);
  }

  /**
   * Signs an event without moving its credential's chain end (see {@link #chain}, for an event the
   * server may reject).
   *
   * @return the SignedData DER
   */
  public byte[] signUnchained(ObjectNode event, Path cert) {
    return openssl.sign(bytes(event), cert);
  }

  /** Makes an event its credential's chain end: the next event follows its seq and id. */
  public void chain(ObjectNode event, Path cert) {
    seqs.put(cert, event.path("seq").asLong());
    prevs.put(cert, id(event));
  }

  /**
   * @return the event id ({@code sha256:} of the JSON bytes signed)
   */
  public static String id(ObjectNode event) {
    return Coalition.sha256Id(bytes(event));
  }

  /**
   * @return the JSON bytes signed
   */
  public static byte[] bytes(ObjectNode event) {
    try {
      return JSON.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Submits over REST as {@code submitter} and expects HTTP 200.
   *
   * @return the SPEC §1 answer
   */
  public static JsonNode post(byte[] der) {
    HttpResponse<String> r =
        HttpApi.post("contributions", der, "application/pkcs7-mime", TestUser.SUBMITTER);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Coalition.json(r.body());
  }

  /**
   * Submits over REST and expects the outcome {@code admitted}.
   *
   * @return the SPEC §1 answer
   */
  public static JsonNode admitted(byte[] der) {
    JsonNode answer = post(der);
    assertThat(answer.path("outcome").asText()).as(answer.toString()).isEqualTo("admitted");
    return answer;
  }
}
