package org.quorate.core.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
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
import org.quorate.core.audit.BundleVerifier;
import org.quorate.core.audit.ThousandAttestations;
import org.quorate.core.audit.VerificationReport;
import org.quorate.core.audit.VerifyOptions;

/**
 * Offline verification and reconstruction of a decision with 1,000 attestations (SPEC §5, issue 5):
 * 200 members attesting in 5 roles each, 20 dissents, a node decision; 1,202 inputs with their log
 * records, inclusion proofs and a signed tree head, read from the ZIP, every input re-checked as
 * admission does, and the quorum state recounted after each of the 1,001 events on the proposal and
 * at the decision. One verification per iteration. Run:
 *
 * <pre>./mvnw -q -pl core test-compile exec:exec -Pbench -Dbench=AuditBenchmark</pre>
 *
 * It is a measurement, not a test: nothing asserts a time ({@code ThousandAttestationsTest} asserts
 * the answer).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class AuditBenchmark {
  private byte[] zip;
  private BundleVerifier verifier;

  /** Runs the scenario through the ledger once and writes its bundle. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    ThousandAttestations t = ThousandAttestations.build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    t.bundle.writeZip(out);
    zip = out.toByteArray();
    verifier = new BundleVerifier(VerifyOptions.trustBundleAnchors());
  }

  /**
   * @return the report (checked to pass, so that a broken run is not timed as a fast one)
   */
  @Benchmark
  public VerificationReport verifyAndReconstruct1000Attestations() {
    VerificationReport r = verifier.verifyZip(new ByteArrayInputStream(zip));
    if (!r.passed()) {
      throw new IllegalStateException("the bundle did not verify: " + r.firstFailure());
    }
    return r;
  }
}
