package org.quorate.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quorate.core.cms.Ids;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.coordination.PolicyResolution;
import org.quorate.core.mission.GenesisException;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.mission.Roster;
import org.quorate.core.reason.BundleFormatCode;

/**
 * An audit bundle (SPEC §5): one ZIP file that lets anyone re-verify a decision offline. Layout:
 *
 * <pre>
 *   manifest.json         {"v":1,"proposal":id,"files":[{"path":…,"sha256":hex,
 *                          "event":id,"type":…}]}: every other file with the SHA-256 of its bytes,
 *                          and for each .p7m its event id and type
 *   genesis.json          the exact genesis bytes the mission is bound to
 *   events/NNNN-TYPE.p7m  the exact DER of every input, NNNN its position in log order (from 1)
 *   anchors/MEMBER-K.pem  the members' trust anchors (PEM); anchors/node.pem the node certificate
 *   crls/K.crl            the CRLs in force (DER), as delivered in crl contributions
 *   sth.p7m               the signed tree head: CMS SignedData by the node (SPEC §5)
 *   proofs.json           {"treeSize":n,"records":[{"index":i,"entry":hex,"auditPath":[hex…]}]}:
 *                          each log record's 74 entry bytes and its RFC 9162 inclusion proof at n
 *   policy.json           {"epoch":k,"name":…,"declaredBy":id|null,"policy":{…}|null}: the
 *                          policy in force for the proposal in its epoch k, as declared (by the
 *                          genesis, declaredBy null, or by the governance decision declaredBy);
 *                          "policy" null for the built-in governance policy ({@link
 *                          #policyFile(PolicyResolution)})
 * </pre>
 *
 * <p>An instance holds the files' bytes exactly; nothing in it is trusted: {@link BundleVerifier}
 * checks everything. {@link #readZip} is strict about structure only (caps, names, duplicates, the
 * shape of the three JSON files); whether hashes, events, records and proofs agree is for the
 * verifier to report. Immutable; the byte arrays returned are copies.
 */
public final class AuditBundle {
  /** Largest entry accepted by {@link #readZip}, uncompressed, in bytes (64 MiB). */
  public static final long MAX_ENTRY_BYTES = 64L << 20;

  /**
   * Largest total of all entries accepted by {@link #readZip}, uncompressed (256 MiB; a decision
   * with 1,000 attestations makes a bundle of a few MiB).
   */
  public static final long MAX_TOTAL_BYTES = 256L << 20;

  /** Most entries accepted by {@link #readZip} (below ZIP64's 65,535). */
  public static final int MAX_ENTRIES = 65_000;

  /** Largest ZIP accepted by {@link #readZip}, compressed (read into memory first). */
  public static final long MAX_ZIP_BYTES = MAX_TOTAL_BYTES + (16L << 20);

  /** File name of the manifest. */
  public static final String MANIFEST = "manifest.json";

  /** File name of the genesis. */
  public static final String GENESIS = "genesis.json";

  /** File name of the signed tree head. */
  public static final String STH = "sth.p7m";

  /** File name of the log records and their proofs. */
  public static final String PROOFS = "proofs.json";

  /** File name of the policy. */
  public static final String POLICY = "policy.json";

  /** File name of the node certificate. */
  public static final String NODE_CERTIFICATE = "anchors/node.pem";

  private static final Pattern EVENT_FILE =
      Pattern.compile("events/([0-9]{1,9})-([a-z-]{1,32})\\.p7m");
  private static final Pattern ANCHOR_FILE = Pattern.compile("anchors/[A-Za-z0-9._-]{1,64}\\.pem");
  private static final Pattern CRL_FILE = Pattern.compile("crls/[0-9]{1,9}\\.crl");
  private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9._-]{1,32}");
  private static final JsonMapper JSON = new JsonMapper();
  private static final HexFormat HEXF = HexFormat.of();

  private final Map<String, byte[]> files;
  private final String proposalId;
  private final List<ManifestEntry> manifest;
  private final List<EventFile> events;
  private final long treeSize;
  private final List<LogRecord> logRecords;
  private final JsonNode policy;

  /**
   * One line of {@code manifest.json}.
   *
   * @param path the file's name in the bundle
   * @param sha256Hex the SHA-256 the manifest states for its bytes, lower-case hex
   * @param eventId for a {@code .p7m}: the event id the manifest states; else null
   * @param type for a {@code .p7m}: the event type the manifest states; else null
   */
  public record ManifestEntry(String path, String sha256Hex, String eventId, String type) {}

  /**
   * One input of the bundle.
   *
   * @param path its file name, {@code events/NNNN-TYPE.p7m}
   * @param position NNNN, its position in log order (from 1)
   * @param der its exact DER (a copy)
   */
  public record EventFile(String path, int position, byte[] der) {
    /** Copies the bytes. */
    public EventFile {
      der = der.clone();
    }

    @Override
    public byte[] der() {
      return der.clone();
    }
  }

  /**
   * One node log record with its inclusion proof (from {@code proofs.json}).
   *
   * @param index the log index the bundle states
   * @param entry the 74 entry bytes (SPEC §5) as the bundle states them (a copy)
   * @param auditPath the RFC 9162 inclusion proof at {@link #treeSize()}, leaf side first
   */
  public record LogRecord(long index, byte[] entry, List<byte[]> auditPath) {
    /** Copies. */
    public LogRecord {
      entry = entry.clone();
      auditPath = auditPath.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] entry() {
      return entry.clone();
    }
  }

  private AuditBundle(Map<String, byte[]> files) throws BundleFormatException {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      checkName(f.getKey());
      copy.put(f.getKey(), f.getValue().clone());
    }
    this.files = Collections.unmodifiableMap(copy);
    for (String required : List.of(MANIFEST, GENESIS, STH, PROOFS, POLICY)) {
      if (!copy.containsKey(required)) {
        throw new BundleFormatException(
            BundleFormatCode.MISSING_FILE, "the bundle has no " + required);
      }
    }
    JsonNode m = BundleJson.object(MANIFEST, copy.get(MANIFEST));
    this.proposalId = BundleJson.proposal(m);
    this.manifest = BundleJson.manifest(m);
    TreeMap<Integer, EventFile> byPosition = new TreeMap<>();
    for (Map.Entry<String, byte[]> f : copy.entrySet()) {
      Matcher em = EVENT_FILE.matcher(f.getKey());
      if (em.matches()) {
        int position = Integer.parseInt(em.group(1));
        EventFile previous =
            byPosition.put(position, new EventFile(f.getKey(), position, f.getValue()));
        if (previous != null) {
          throw new BundleFormatException(
              BundleFormatCode.DUPLICATE_ENTRY,
              f.getKey() + " and " + previous.path() + " claim the same position " + position);
        }
      }
    }
    this.events = List.copyOf(byPosition.values());
    JsonNode p = BundleJson.object(PROOFS, copy.get(PROOFS));
    this.treeSize = BundleJson.treeSize(p);
    this.logRecords = BundleJson.logRecords(p);
    this.policy = BundleJson.object(POLICY, copy.get(POLICY));
  }

  /**
   * Reads a bundle from a ZIP strictly: at most {@value #MAX_ENTRIES} entries, {@link
   * #MAX_ENTRY_BYTES} per entry and {@link #MAX_TOTAL_BYTES} in all (counted as inflated, not as
   * the headers claim), entry names only of the SPEC §5 layout (so no absolute path, {@code ..} or
   * backslash), directory entries {@code events/}, {@code anchors/}, {@code crls/} ignored, no
   * duplicate name, a central directory naming exactly the entries of the local headers in their
   * order (so that {@code unzip} shows an auditor the files verified), and the required files
   * present with {@code manifest.json}, {@code proofs.json} and {@code policy.json} of their
   * documented shape. The ZIP is read into memory first (at most {@link #MAX_ZIP_BYTES}).
   *
   * @param in the ZIP bytes (read to the end; not closed)
   * @return the bundle
   * @throws BundleFormatException naming the entry and the rule it breaks
   */
  public static AuditBundle readZip(InputStream in) throws BundleFormatException {
    return new AuditBundle(BundleZip.read(in));
  }

  /**
   * A bundle from its files, with the checks of {@link #readZip} but for ZIP caps (for tools that
   * rewrite a bundle, and tests).
   *
   * @param files file name to bytes, in the order to write them
   * @return the bundle
   * @throws BundleFormatException as {@link #readZip}
   */
  public static AuditBundle fromFiles(Map<String, byte[]> files) throws BundleFormatException {
    return new AuditBundle(files);
  }

  /**
   * Writes the bundle as a ZIP (DEFLATE), its files in {@link #files()} order.
   *
   * @param out where to write (not closed; the ZIP is finished)
   * @throws IOException when writing fails
   */
  public void writeZip(OutputStream out) throws IOException {
    BundleZip.write(files, out);
  }

  /**
   * @return every file, name to bytes (the arrays are the bundle's own: do not modify; copy to
   *     tamper, then {@link #fromFiles})
   */
  public Map<String, byte[]> files() {
    return files;
  }

  /**
   * @param name a file name of the layout
   * @return a copy of its bytes, if present
   */
  public Optional<byte[]> file(String name) {
    byte[] b = files.get(name);
    return b == null ? Optional.empty() : Optional.of(b.clone());
  }

  /**
   * @return the proposal's event id as the manifest states it
   */
  public String proposalId() {
    return proposalId;
  }

  /**
   * @return the manifest's lines in order
   */
  public List<ManifestEntry> manifest() {
    return manifest;
  }

  /**
   * @return a copy of the genesis bytes
   */
  public byte[] genesis() {
    return files.get(GENESIS).clone();
  }

  /**
   * @return the inputs, by their position in the file names
   */
  public List<EventFile> events() {
    return events;
  }

  /**
   * @return the tree size {@code proofs.json} states its proofs are for
   */
  public long treeSize() {
    return treeSize;
  }

  /**
   * @return the log records of {@code proofs.json}, in its order
   */
  public List<LogRecord> logRecords() {
    return logRecords;
  }

  /**
   * @return the member anchor files ({@code anchors/*.pem} but the node certificate), name to bytes
   */
  public Map<String, byte[]> anchors() {
    Map<String, byte[]> a = new LinkedHashMap<>();
    files.forEach(
        (k, v) -> {
          if (k.startsWith("anchors/") && !k.equals(NODE_CERTIFICATE)) {
            a.put(k, v.clone());
          }
        });
    return a;
  }

  /**
   * @return a copy of the node certificate file (PEM), if present
   */
  public Optional<byte[]> nodeCertificate() {
    return file(NODE_CERTIFICATE);
  }

  /**
   * @return the CRL files ({@code crls/*.crl}, DER), name to bytes
   */
  public Map<String, byte[]> crls() {
    Map<String, byte[]> c = new LinkedHashMap<>();
    files.forEach(
        (k, v) -> {
          if (k.startsWith("crls/")) {
            c.put(k, v.clone());
          }
        });
    return c;
  }

  /**
   * @return a copy of the signed tree head's DER
   */
  public byte[] treeHead() {
    return files.get(STH).clone();
  }

  /**
   * @return {@code policy.json} as parsed (a deep copy)
   */
  public JsonNode policy() {
    return policy.deepCopy();
  }

  /**
   * The content of {@code policy.json} (SPEC §5) for a policy resolution: {@code
   * {"epoch":k,"name":…,"declaredBy":id|null,"policy":{…as declared…}|null}}. Both the bundle
   * builder and {@link BundleVerifier} make it from {@link PolicyResolution}, the resolution the
   * evaluator counts with.
   *
   * @param r the policy the proposal names, resolved in its epoch
   * @return the object
   */
  static ObjectNode policyFile(PolicyResolution r) {
    ObjectNode p = JSON.createObjectNode();
    p.put("epoch", r.epoch());
    p.put("name", r.name());
    p.put("declaredBy", r.declaredBy());
    p.set("policy", r.declared() == null ? JSON.nullNode() : r.declared());
    return p;
  }

  /**
   * @param genesisBytes the exact genesis bytes of the mission
   * @param proposalEventId the proposal's event id ({@code sha256:…})
   * @return a builder
   */
  public static Builder builder(byte[] genesisBytes, String proposalEventId) {
    return new Builder(genesisBytes, proposalEventId);
  }

  /** Builds a bundle from what a node holds. Not thread-safe. */
  public static final class Builder {
    private final byte[] genesis;
    private final String proposal;
    private final List<byte[]> events = new ArrayList<>();
    private final Map<Long, byte[]> entries = new LinkedHashMap<>();
    private final Map<Long, List<byte[]>> proofs = new LinkedHashMap<>();
    private final Map<String, List<byte[]>> anchors = new LinkedHashMap<>();
    private final List<byte[]> crls = new ArrayList<>();
    private byte[] nodeCertificate;
    private byte[] treeHead;
    private EpochChain epochs;

    private Builder(byte[] genesis, String proposal) {
      this.genesis = Objects.requireNonNull(genesis, "genesis").clone();
      this.proposal = Objects.requireNonNull(proposal, "proposal");
    }

    /**
     * Adds one input, in log order: the genesis endorsements, the governance decisions and CRLs in
     * force, the proposal and every event on it (attestations, declarations, decisions,
     * retractions, disputes) and any chain-fork evidence of the mission's members.
     *
     * @param der the exact DER received
     * @return this builder
     */
    public Builder event(byte[] der) {
      events.add(Objects.requireNonNull(der, "der").clone());
      return this;
    }

    /**
     * Adds one node log record of an input of the bundle.
     *
     * @param index its log index
     * @param entryBytes its 74 entry bytes (SPEC §5, {@code LogEntry.encode()})
     * @return this builder
     */
    public Builder logRecord(long index, byte[] entryBytes) {
      entries.put(index, Objects.requireNonNull(entryBytes, "entryBytes").clone());
      return this;
    }

    /**
     * Adds the inclusion proof of a record, at the tree head's size.
     *
     * @param index the record's log index
     * @param auditPath the RFC 9162 audit path, leaf side first
     * @return this builder
     */
    public Builder inclusionProof(long index, List<byte[]> auditPath) {
      proofs.put(index, auditPath.stream().map(byte[]::clone).toList());
      return this;
    }

    /**
     * Adds a member's trust anchor.
     *
     * @param member the member id ({@code [A-Za-z0-9._-]}, at most 32 characters)
     * @param pemOrDer the certificate, PEM or DER
     * @return this builder
     * @throws IllegalArgumentException when the member id is not of that form or the bytes are no
     *     certificate
     */
    public Builder anchor(String member, byte[] pemOrDer) {
      if (member == null || !MEMBER.matcher(member).matches() || member.equals("node")) {
        throw new IllegalArgumentException("member id " + quote(member) + " is not usable");
      }
      anchors.computeIfAbsent(member, k -> new ArrayList<>()).add(SignedFiles.pem(pemOrDer));
      return this;
    }

    /**
     * Sets the node certificate (the credential that signed the decisions and the tree head).
     *
     * @param der the certificate, DER or PEM
     * @return this builder
     */
    public Builder nodeCertificate(byte[] der) {
      nodeCertificate = SignedFiles.pem(der);
      return this;
    }

    /**
     * Adds a CRL in force (the DER of a {@code crl} contribution's body).
     *
     * @param der the DER CRL
     * @return this builder
     */
    public Builder crl(byte[] der) {
      crls.add(Objects.requireNonNull(der, "der").clone());
      return this;
    }

    /**
     * Sets the roster epochs the node holds ({@code Ledger.epochsOf}): {@code policy.json} states
     * the policy in force in the proposal's epoch. Without it, the genesis epoch alone.
     *
     * @param chain the mission's epochs
     * @return this builder
     */
    public Builder epochs(EpochChain chain) {
      epochs = Objects.requireNonNull(chain, "chain");
      return this;
    }

    /**
     * Sets the signed tree head the proofs are against.
     *
     * @param sthCmsDer the STH's CMS SignedData (DER)
     * @return this builder
     */
    public Builder treeHead(byte[] sthCmsDer) {
      treeHead = Objects.requireNonNull(sthCmsDer, "sthCmsDer").clone();
      return this;
    }

    /**
     * Computes {@code manifest.json}, {@code policy.json} and {@code proofs.json} and assembles the
     * bundle.
     *
     * @return the bundle
     * @throws IllegalArgumentException when no tree head was given, an event is not a CMS
     *     SignedData with attached JSON content, a record has no proof, or the proposal is missing
     *     or names an epoch the epochs given do not hold
     */
    public AuditBundle build() {
      if (treeHead == null) {
        throw new IllegalArgumentException("a bundle needs a signed tree head");
      }
      Map<String, byte[]> files = new LinkedHashMap<>();
      Map<String, String[]> eventInfo = new LinkedHashMap<>();
      files.put(GENESIS, genesis);
      int width = Math.max(4, String.valueOf(events.size()).length());
      JsonNode proposalContent = null;
      for (int i = 0; i < events.size(); i++) {
        byte[] der = events.get(i);
        byte[] content = SignedFiles.content(der);
        JsonNode json;
        try {
          json = JSON.readTree(content);
        } catch (IOException e) {
          throw new IllegalArgumentException("event " + (i + 1) + " content is not JSON", e);
        }
        String type = json == null ? "" : json.path("type").asText("");
        if (!type.matches("[a-z-]{1,32}")) {
          type = "unknown";
        }
        String id = Ids.sha256Id(content);
        if (id.equals(proposal)) {
          proposalContent = json;
        }
        String name = String.format(Locale.ROOT, "events/%0" + width + "d-%s.p7m", i + 1, type);
        files.put(name, der);
        eventInfo.put(name, new String[] {id, type});
      }
      anchors.forEach(
          (member, pems) -> {
            for (int k = 0; k < pems.size(); k++) {
              files.put("anchors/" + member + "-" + (k + 1) + ".pem", pems.get(k));
            }
          });
      if (nodeCertificate != null) {
        files.put(NODE_CERTIFICATE, nodeCertificate);
      }
      for (int k = 0; k < crls.size(); k++) {
        files.put("crls/" + (k + 1) + ".crl", crls.get(k));
      }
      files.put(STH, treeHead);
      files.put(PROOFS, bytes(proofs()));
      files.put(POLICY, bytes(policy(proposalContent)));
      ObjectNode m = JSON.createObjectNode();
      m.put("v", 1);
      m.put("proposal", proposal);
      ArrayNode list = m.putArray("files");
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        ObjectNode line = list.addObject();
        line.put("path", f.getKey());
        line.put("sha256", Ids.sha256Hex(f.getValue()));
        String[] info = eventInfo.get(f.getKey());
        if (info != null) {
          line.put("event", info[0]);
          line.put("type", info[1]);
        }
      }
      Map<String, byte[]> ordered = new LinkedHashMap<>();
      ordered.put(MANIFEST, bytes(m));
      ordered.putAll(files);
      try {
        return new AuditBundle(ordered);
      } catch (BundleFormatException e) {
        throw new IllegalArgumentException(
            "the bundle built is not well formed: " + e.getMessage(), e);
      }
    }

    private ObjectNode proofs() {
      ObjectNode p = JSON.createObjectNode();
      long size = SignedFiles.treeSize(treeHead);
      p.put("treeSize", size);
      ArrayNode records = p.putArray("records");
      for (Map.Entry<Long, byte[]> e : entries.entrySet()) {
        List<byte[]> path = proofs.get(e.getKey());
        if (path == null) {
          throw new IllegalArgumentException(
              "log record " + e.getKey() + " has no inclusion proof");
        }
        ObjectNode r = records.addObject();
        r.put("index", e.getKey());
        r.put("entry", HEXF.formatHex(e.getValue()));
        ArrayNode a = r.putArray("auditPath");
        path.forEach(h -> a.add(HEXF.formatHex(h)));
      }
      return p;
    }

    private ObjectNode policy(JsonNode proposalContent) {
      if (proposalContent == null) {
        throw new IllegalArgumentException("the bundle holds no proposal " + proposal);
      }
      String name = proposalContent.path("body").path("policy").asText(null);
      long k = proposalContent.path("epoch").asLong(-1);
      EpochChain chain = epochs;
      if (chain == null) {
        try {
          chain = EpochChain.genesisOnly(new GenesisParser().parse(genesis));
        } catch (GenesisException e) {
          throw new IllegalArgumentException("the genesis does not parse: " + e.getMessage(), e);
        }
      }
      Roster epoch =
          chain
              .epoch(k)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the proposal names epoch "
                              + k
                              + ", which the epochs given do not hold"));
      return policyFile(PolicyResolution.resolve(epoch, name));
    }
  }

  static void checkName(String name) throws BundleFormatException {
    boolean ok =
        name != null
            && (name.equals(MANIFEST)
                || name.equals(GENESIS)
                || name.equals(STH)
                || name.equals(PROOFS)
                || name.equals(POLICY)
                || EVENT_FILE.matcher(name).matches()
                || ANCHOR_FILE.matcher(name).matches()
                || CRL_FILE.matcher(name).matches());
    if (!ok) {
      throw new BundleFormatException(
          BundleFormatCode.PATH_NOT_ALLOWED,
          "entry " + quote(name) + " is not of the SPEC §5 bundle layout");
    }
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }
}
