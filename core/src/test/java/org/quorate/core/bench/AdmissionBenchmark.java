package org.quorate.core.bench;

import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.quorate.core.admission.Admission;
import org.quorate.core.admission.DecodedContribution;
import org.quorate.core.admission.HeldLimits;
import org.quorate.core.admission.InMemoryLedgerStore;
import org.quorate.core.admission.Ledger;
import org.quorate.core.admission.LoadedMission;
import org.quorate.core.cms.Ids;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.event.EventParser;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.testing.TestPki;
import org.quorate.core.testing.TestPki.Credential;

/**
 * The ingest goal is half the raw signature-verify rate, end to end. This JMH benchmark measures,
 * per core, for one ECDSA P-256 contribution: the raw verify of its signature with Bouncy Castle
 * (the ceiling), stages 1–3 ({@link Admission#decode}), and the whole in-memory ledger ({@link
 * Ledger#submit}: decode, path validation, binding, chain) with fresh events. Run:
 *
 * <pre>./mvnw -q -pl core test-compile exec:exec -Pbench</pre>
 *
 * It is a measurement, not a test: nothing asserts a time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AdmissionBenchmark {
  private static final String MISSION = "BENCH";
  private Credential signer;
  private byte[] der;
  private byte[] signedAttributes;
  private byte[] signature;
  private Admission admission;
  private Ledger ledger;
  private LoadedMission mission;
  private final AtomicLong seq = new AtomicLong();
  private String prev;
  private final BouncyCastleProvider bc = new BouncyCastleProvider();

  /** Builds the coalition, one contribution and a ledger. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Credential ca = TestPki.rootCa("CN=BENCH Root CA,O=Bench,C=PL");
    signer = TestPki.signer(ca, "CN=BENCH Authority,O=Bench,C=PL");
    String genesis =
        "{\"v\":1,\"type\":\"genesis\",\"mission\":\""
            + MISSION
            + "\",\"members\":[{\"id\":\"POL\",\"trustAnchors\":["
            + com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build()
                .writeValueAsString(ca.pem())
            + "],\"grants\":[{\"subject\":\"CN=BENCH Authority,O=Bench,C=PL\",\"roles\":[\"a\"]}]}]}";
    byte[] g = TestPki.utf8(genesis);
    mission = new LoadedMission(MISSION, EventParser.sha256Id(g), g, false);
    admission =
        new Admission(
            new SignedDataVerifier(), new CertificationPathValidator(), Duration.ofMinutes(5));
    der = TestPki.sign(event(1, null), signer);
    org.bouncycastle.cms.SignerInformation si =
        new org.bouncycastle.cms.CMSSignedData(der).getSignerInfos().getSigners().iterator().next();
    signedAttributes = si.getEncodedSignedAttributes();
    signature = si.getSignature();
  }

  private byte[] event(long n, String previous) {
    return TestPki.utf8(
        "{\"v\":1,\"mission\":\""
            + MISSION
            + "\",\"member\":\"POL\",\"signer\":\""
            + Ids.spkiHash(signer.certificate())
            + "\",\"epoch\":0,\"seq\":"
            + n
            + ",\"prev\":"
            + (previous == null ? "null" : "\"" + previous + "\"")
            + ",\"type\":\"contribution\",\"issued\":\"2026-01-01T00:00:00Z\",\"body\":{\"title\":\"b"
            + n
            + "\",\"digest\":\"sha256:"
            + "00".repeat(32)
            + "\"}}");
  }

  /** A fresh ledger each iteration: the in-memory store scans linearly, a database does not. */
  @Setup(Level.Iteration)
  public void freshLedger() {
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    store.load(mission);
    ledger = new Ledger(admission, store, Clock.systemUTC(), HeldLimits.DEFAULT);
    seq.set(0);
    prev = null;
  }

  /** The ceiling: one raw ECDSA P-256 verify with Bouncy Castle. */
  @Benchmark
  public boolean rawVerify() throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA", bc);
    s.initVerify(signer.certificate().getPublicKey());
    s.update(signedAttributes);
    return s.verify(signature);
  }

  /** Stages 1–3: CMS profile, algorithm policy, signature, content schema, signer binding. */
  @Benchmark
  public DecodedContribution decode() throws Exception {
    return admission.decode(der);
  }

  /**
   * The whole ledger in memory on fresh events of one chain (signing them is outside the timing
   * only in spirit: it is measured separately by {@link #signOnly()} and must be subtracted).
   */
  @Benchmark
  public Object ledgerSubmitIncludingSigning() {
    long n = seq.incrementAndGet();
    byte[] content = event(n, prev);
    prev = Ids.sha256Id(content);
    return ledger.submit(TestPki.sign(content, signer), "bench");
  }

  /** The signing cost inside {@link #ledgerSubmitIncludingSigning()}, to subtract. */
  @Benchmark
  public byte[] signOnly() {
    return TestPki.sign(event(0, null), signer);
  }

  /**
   * Runs the benchmark from the command line.
   *
   * @param args JMH options
   * @throws Exception when JMH fails
   */
  public static void main(String[] args) throws Exception {
    org.openjdk.jmh.Main.main(args);
  }
}
