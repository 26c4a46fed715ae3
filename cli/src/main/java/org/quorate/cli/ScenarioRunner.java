package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the demo scenario ({@code demo-scenario.json}, its {@code about} says the format) into
 * signed steps and checks, in the file's order, stretch by stretch: a stretch ends at an {@code
 * await} directive (the caller sends what was signed, waits, then {@link #resume}s) or at the end.
 * Signs with the demo PKI's credentials in {@code dir} ({@link DemoCredential}), continues each
 * signer's chain from {@link ChainState} and records there every step expected {@code admitted};
 * {@code reissue} and {@code revoke} directives change the demo PKI ({@link DemoPki}).
 */
final class ScenarioRunner {
  /** The scenario shipped in the CLI jar. */
  static final String RESOURCE = "demo-scenario.json";

  private static final Pattern VALUE = Pattern.compile("\\$\\{([^}]+)}");

  /** A wait that ends a stretch: until the node decided provisionally on a proposal. */
  record Await(String kind, String mission, String proposal, String what) {}

  /**
   * What one stretch made.
   *
   * @param steps the steps to send, in sending order
   * @param checks the checks to make once every step settled
   * @param await the wait that ends the stretch, or null at the end of the scenario
   */
  record Stretch(List<DemoStep> steps, List<DemoCheck> checks, Await await) {}

  private final Iterator<JsonNode> entries;
  private final Path dir;
  private final ChainState chains;
  private final Map<String, String> missions;
  private final Map<String, String> genesisIds;
  private final boolean amqpAvailable;
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, List<DemoStep>> named = new HashMap<>();
  private final Map<String, DemoCredential> credentials = new HashMap<>();
  private final List<DemoStep> all = new ArrayList<>();
  private boolean nextAmqp;
  private boolean done;

  /**
   * @param scenario the scenario ({@link #load()})
   * @param dir the demo PKI directory
   * @param chains the signers' chain state
   * @param missions mission names by scenario key ({@code A}, {@code B})
   * @param genesisIds genesis ids by scenario key
   * @param amqpAvailable whether steps may go by AMQP
   */
  ScenarioRunner(
      JsonNode scenario,
      Path dir,
      ChainState chains,
      Map<String, String> missions,
      Map<String, String> genesisIds,
      boolean amqpAvailable) {
    this.entries = scenario.path("steps").iterator();
    this.dir = dir;
    this.chains = chains;
    this.missions = missions;
    this.genesisIds = genesisIds;
    this.amqpAvailable = amqpAvailable;
  }

  /**
   * @return the shipped scenario
   */
  static JsonNode load() {
    try (InputStream in = ScenarioRunner.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the CLI jar");
      }
      return EventJson.parse(in.readAllBytes(), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return whether the last stretch was made
   */
  boolean done() {
    return done;
  }

  /**
   * Signs the next stretch: every step and check up to the next {@code await} or the end.
   *
   * @return the stretch
   */
  Stretch next() {
    List<DemoStep> steps = new ArrayList<>();
    List<DemoCheck> checks = new ArrayList<>();
    while (entries.hasNext()) {
      JsonNode entry = entries.next();
      if (entry.has("section")) {
        continue;
      } else if (entry.has("await")) {
        return new Stretch(
            steps,
            checks,
            new Await(
                entry.get("await").asText(),
                mission(entry),
                text(entry, "proposal", Map.of()),
                text(entry, "what", Map.of())));
      } else if (entry.has("check")) {
        checks.add(check(entry));
      } else if (entry.has("reissue")) {
        String[] c = credentialName(entry.get("reissue").asText());
        new DemoPki().reissue(dir, c[0], c[1]);
        credentials.remove(entry.get("reissue").asText());
      } else if (entry.has("revoke")) {
        revoke(entry);
      } else if (entry.has("replay")) {
        replay(entry, steps);
      } else {
        steps.addAll(steps(entry));
      }
    }
    done = true;
    return new Stretch(steps, checks, null);
  }

  /**
   * Continues after an {@code await}: {@code ${epoch}} is the epoch in force, {@code ${next}} the
   * one after; the REST/AMQP alternation starts again with REST.
   *
   * @param epoch the epoch the server has in force
   */
  void resume(long epoch) {
    values.put("epoch", Long.toString(epoch));
    values.put("next", Long.toString(epoch + 1));
    nextAmqp = false;
  }

  /** One step, or one per {@code each} value, signed in order and added in sending order. */
  private List<DemoStep> steps(JsonNode entry) {
    List<String> each = new ArrayList<>();
    entry.path("each").forEach(v -> each.add(v.asText()));
    if (each.isEmpty()) {
      each.add(null);
    }
    List<Signed> signed = new ArrayList<>();
    for (String v : each) {
      signed.add(sign(entry, v == null ? Map.of() : Map.of("each", v)));
    }
    boolean reversed = "reversed".equals(entry.path("send").asText());
    if (reversed) {
      java.util.Collections.reverse(signed);
    }
    List<DemoStep> out = new ArrayList<>();
    for (Signed s : signed) {
      Map<String, String> locals = new HashMap<>();
      if (s.each() != null) {
        locals.put("each", s.each());
      }
      locals.put("seq", Long.toString(s.seq()));
      String what = text(entry, "what", locals);
      if (reversed && out.isEmpty()) {
        what += " (sent first)";
      }
      List<String> reasons = new ArrayList<>();
      entry.path("reasons").forEach(r -> reasons.add(r.asText()));
      DemoStep step =
          new DemoStep(
              s.mission(),
              what,
              s.credential().label(),
              via(entry),
              s.der(),
              entry.get("expect").asText(),
              List.copyOf(reasons),
              false);
      if (entry.has("naming")) {
        step.naming(entry.get("naming").asText());
      }
      out.add(step);
    }
    if (entry.has("next")) {
      nextAmqp = "amqp".equals(entry.get("next").asText());
    }
    if (entry.has("id")) {
      List<DemoStep> inOrder = new ArrayList<>(out);
      if (reversed) {
        java.util.Collections.reverse(inOrder);
      }
      named.put(entry.get("id").asText(), inOrder);
      values.put("id:" + entry.get("id").asText(), signed.get(signed.size() - 1).eventId());
    }
    all.addAll(out);
    return out;
  }

  private record Signed(
      String mission,
      DemoCredential credential,
      byte[] der,
      String eventId,
      long seq,
      String each) {}

  /** Signs one step's event (SPEC §1 fields filled from the chain state). */
  private Signed sign(JsonNode entry, Map<String, String> locals) {
    String mission = mission(entry);
    DemoCredential c = credential(text(entry, "signer", locals));
    String type = entry.get("type").asText();
    JsonNode body = resolve(entry.get("body"), locals);
    if (type.equals("contribution") && !body.has("digest")) {
      body = withDigest((ObjectNode) body);
    }
    long epoch = entry.has("epoch") ? Long.parseLong(text(entry, "epoch", locals)) : 0;
    ObjectNode start = EventJson.event(mission, c.member(), epoch, type, body);
    if (entry.has("label")) {
      start.set("label", resolve(entry.get("label"), locals));
    }
    ObjectNode e = EventJson.fill(start, c.spki(), chains, Clock.systemUTC()).event();
    if (entry.has("tamper")) {
      resolve(entry.get("tamper"), locals)
          .fields()
          .forEachRemaining(f -> e.set(f.getKey(), f.getValue()));
    }
    byte[] content = EventJson.bytes(e);
    byte[] der = CmsSigning.sign(content, c.key(), c.cert(), List.of(), CmsSigning.RsaScheme.PKCS1);
    if ("signature".equals(entry.path("corrupt").asText())) {
      der = flipSignatureByte(der);
    }
    String eventId = Pem.sha256Id(content);
    long seq = e.get("seq").asLong();
    if ("admitted".equals(entry.get("expect").asText())) {
      chains.record(c.spki(), mission, seq, eventId);
    }
    return new Signed(mission, c, der, eventId, seq, locals.get("each"));
  }

  /** A contribution body with {@code digest} = SHA-256 of {@code "<title>, demo data"}. */
  private static ObjectNode withDigest(ObjectNode body) {
    ObjectNode out = body.objectNode();
    String title = body.path("title").asText();
    out.put("title", title);
    out.put("digest", Pem.sha256Id((title + ", demo data").getBytes(StandardCharsets.UTF_8)));
    body.fields()
        .forEachRemaining(
            f -> {
              if (!f.getKey().equals("title")) {
                out.set(f.getKey(), f.getValue());
              }
            });
    return out;
  }

  /** REST or AMQP for the next step of an entry (see the scenario's {@code via}). */
  private boolean via(JsonNode entry) {
    switch (entry.path("via").asText("alternate")) {
      case "rest":
        return false;
      case "amqp":
        return amqpAvailable;
      default:
        boolean v = amqpAvailable && nextAmqp;
        nextAmqp = !nextAmqp;
        return v;
    }
  }

  /** The named group's first step sent by REST, again, expected {@code duplicate}. */
  private void replay(JsonNode entry, List<DemoStep> steps) {
    List<DemoStep> group = named.getOrDefault(entry.get("replay").asText(), List.of());
    for (DemoStep original : group) {
      if (!original.viaAmqp) {
        String what =
            text(entry, "what", Map.of("step", Integer.toString(all.indexOf(original) + 1)));
        DemoStep s =
            new DemoStep(
                original.mission,
                what,
                original.signer,
                false,
                original.der,
                entry.get("expect").asText(),
                List.of(),
                true);
        steps.add(s);
        all.add(s);
        return;
      }
    }
  }

  /**
   * Waits past the issued time of the step named by {@code after}, has the member's CA revoke the
   * credential at that second ({@code ${crl}}: the CRL, base64), then waits past the revocation so
   * that later events of the credential are issued after it.
   */
  private void revoke(JsonNode entry) {
    String label = entry.get("revoke").asText();
    String[] c = credentialName(label);
    List<DemoStep> after = named.get(entry.get("after").asText());
    if (after == null || after.isEmpty()) {
      throw new CliException("scenario: revoke names no earlier step " + entry.get("after"));
    }
    Instant issued =
        Instant.parse(
            EventJson.parse(CmsSigning.content(after.get(after.size() - 1).der), "event")
                .get("issued")
                .asText());
    Instant revocation = sleepPast(issued);
    byte[] crl = new DemoPki().revoke(dir, c[0], credential(label).cert(), revocation);
    values.put("crl", Base64.getEncoder().encodeToString(crl));
    sleepPast(revocation);
  }

  private DemoCheck check(JsonNode entry) {
    String mission = mission(entry);
    String what = text(entry, "check", Map.of());
    if (entry.has("equivocators")) {
      List<String> members = new ArrayList<>();
      entry.get("equivocators").forEach(m -> members.add(m.asText()));
      return DemoCheck.equivocators(mission, what, text(entry, "proposal", Map.of()), members);
    }
    if (entry.has("openedBy")) {
      String name = entry.get("openedBy").asText();
      List<String> members = new ArrayList<>();
      entry.get("members").forEach(m -> members.add(m.asText()));
      return DemoCheck.epochOpened(
          mission,
          what,
          Long.parseLong(text(entry, "epoch", Map.of())),
          value("id:" + name, Map.of()),
          name,
          members);
    }
    String proposal = text(entry, "proposal", Map.of());
    String status = entry.get("status").asText();
    return entry.has("after")
        ? DemoCheck.statusAfter(mission, what, proposal, status, entry.get("after").asText())
        : DemoCheck.status(mission, what, proposal, status);
  }

  private String mission(JsonNode entry) {
    String key = entry.path("mission").asText();
    String m = missions.get(key);
    if (m == null) {
      throw new CliException("scenario: unknown mission '" + key + "' (A or B)");
    }
    return m;
  }

  private DemoCredential credential(String label) {
    return credentials.computeIfAbsent(
        label,
        l -> {
          String[] c = credentialName(l);
          return DemoCredential.load(dir, c[0], c[1]);
        });
  }

  private static String[] credentialName(String label) {
    String[] c = label.split(" ", 2);
    if (c.length != 2) {
      throw new CliException("scenario: a signer is 'MEMBER credential', not '" + label + "'");
    }
    return c;
  }

  private String text(JsonNode entry, String field, Map<String, String> locals) {
    return substitute(entry.path(field).asText(), locals);
  }

  /** A copy of a JSON value with every {@code ${…}} replaced. */
  private JsonNode resolve(JsonNode node, Map<String, String> locals) {
    if (node.isTextual()) {
      String s = node.asText();
      if (s.equals("${partnerMember}")) {
        return DemoPki.partnerMember(dir);
      }
      return TextNode.valueOf(substitute(s, locals));
    }
    if (node.isObject()) {
      ObjectNode out = ((ObjectNode) node).objectNode();
      node.fields().forEachRemaining(f -> out.set(f.getKey(), resolve(f.getValue(), locals)));
      return out;
    }
    if (node.isArray()) {
      var out = ((com.fasterxml.jackson.databind.node.ArrayNode) node).arrayNode();
      node.forEach(v -> out.add(resolve(v, locals)));
      return out;
    }
    return node.deepCopy();
  }

  private String substitute(String s, Map<String, String> locals) {
    Matcher m = VALUE.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), locals)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String value(String name, Map<String, String> locals) {
    String v = locals.get(name);
    if (v == null) {
      v = values.get(name);
    }
    if (v == null && name.startsWith("mission:")) {
      v = missions.get(name.substring(8));
    } else if (v == null && name.startsWith("genesis:")) {
      v = genesisIds.get(name.substring(8));
    } else if (v == null && name.startsWith("spki:")) {
      v = credential(name.substring(5)).spki();
    }
    if (v == null) {
      throw new CliException("scenario: no value for ${" + name + "} at this point");
    }
    return v;
  }

  /**
   * Sleeps until the clock, in whole seconds (the precision of {@code issued} and of CRL times), is
   * past {@code t}.
   *
   * @return the first whole second after {@code t} that has now come
   */
  static Instant sleepPast(Instant t) {
    Instant target = t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    try {
      long wait;
      while ((wait = Duration.between(Instant.now(), target).toMillis()) >= 0) {
        Thread.sleep(wait + 1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", e);
    }
    return target;
  }

  /**
   * Flips the last byte of the SignerInfo's signature value, which DER places at the very end of a
   * SignedData without unsigned attributes (checked, not assumed).
   */
  static byte[] flipSignatureByte(byte[] der) {
    byte[] sig = CmsSigning.signatureValue(der);
    if (sig.length == 0 || der.length < sig.length) {
      throw new IllegalStateException("empty signature");
    }
    for (int i = 0; i < sig.length; i++) {
      if (der[der.length - sig.length + i] != sig[i]) {
        throw new IllegalStateException("the signature is not at the end of the SignedData");
      }
    }
    byte[] out = der.clone();
    out[out.length - 1] ^= 0x01;
    return out;
  }
}
