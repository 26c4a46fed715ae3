package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * What the REST benchmarks of {@code quorate load} ({@link AuditBench}, {@link AttestationBench})
 * share: the options, where to print, the benchmark's folder, the operator's and the anonymous REST
 * clients, and the steps both take (sending signed chains in parallel, waiting for a proposal's
 * decision, printing the audit's times).
 */
abstract class RestBench {
  final LoadCommand options;
  final PrintWriter out;
  final Path dir;
  final QuorateRest operator;
  final QuorateRest anonymous;

  /**
   * @param options the command's options ({@code --url}, {@code --user}, {@code --password-env} and
   *     the benchmark's own)
   * @param out where progress and results are printed
   * @param dir the benchmark's folder (PKI, chain ends, state)
   */
  RestBench(LoadCommand options, PrintWriter out, Path dir) {
    this.options = options;
    this.out = out;
    this.dir = dir;
    this.operator =
        new QuorateRest(
            options.url,
            options.user,
            QuorateCli.passwordFromEnv(options.passwordEnv, options.user));
    this.anonymous = new QuorateRest(options.url, null, null);
  }

  /**
   * Runs the benchmark and prints its results.
   *
   * @return the process's exit status: 0 when every audit passed
   * @throws Exception when it cannot go on (a {@link CliException} for the node's refusals)
   */
  abstract int run() throws Exception;

  /**
   * Sends chains of signed inputs over REST, each chain in order on one thread, at most {@code
   * --threads} at once, and waits for them all.
   *
   * @param chains the DER of each input, chain by chain
   * @param pool the threads (at least {@code min(--threads, chains)})
   * @param accepted whether the body of an answer is one the benchmark expects
   * @throws CliException the first answer not OK or not accepted
   * @throws InterruptedException when interrupted while waiting
   */
  void sendChains(List<List<byte[]>> chains, ExecutorService pool, Predicate<String> accepted)
      throws InterruptedException {
    List<Future<Integer>> sent = new ArrayList<>();
    int threads = Math.min(options.threads, chains.size());
    for (int t = 0; t < threads; t++) {
      List<List<byte[]>> mine = new ArrayList<>();
      for (int c = t; c < chains.size(); c += threads) {
        mine.add(chains.get(c));
      }
      sent.add(
          pool.submit(
              () -> {
                int n = 0;
                for (List<byte[]> chain : mine) {
                  for (byte[] der : chain) {
                    QuorateRest.Answer a =
                        anonymous.post("/contributions", "application/pkcs7-mime", der);
                    if (!a.ok() || !accepted.test(a.body())) {
                      throw new CliException(
                          "input not admitted: HTTP " + a.status() + " " + a.body());
                    }
                    n++;
                  }
                }
                return n;
              }));
    }
    try {
      for (Future<Integer> f : sent) {
        f.get();
      }
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof CliException ce ? ce : new CliException("sending failed: " + c, c);
    }
  }

  /**
   * Polls a proposal until it is final, for at most {@code --timeout}.
   *
   * @param path the proposal's REST path, {@code /missions/{m}/proposals/{p}}
   * @param pollMs how long to wait between polls, ms
   * @return the final proposal as the node shows it
   * @throws CliException when it is not final by then
   * @throws InterruptedException when interrupted while waiting
   */
  JsonNode awaitFinal(String path, long pollMs) throws InterruptedException {
    Instant deadline = Instant.now().plus(options.timeout);
    JsonNode p = null;
    while (Instant.now().isBefore(deadline)) {
      QuorateRest.Answer a = operator.get(path, "application/json");
      if (a.ok()) {
        p = AuditBench.parse(a.body());
        if (p.path("final").asBoolean()) {
          return p;
        }
      }
      Thread.sleep(pollMs);
    }
    throw new CliException("proposal " + path + " was not decided: " + p);
  }

  /**
   * Prints one line of audit times: median, min and max of the audits, the bundles' median, and the
   * machine's load average.
   *
   * @param what what was audited, e.g. {@code of one decision}
   * @param t the times
   */
  void printAudit(String what, AuditBench.AuditTimes t) {
    out.printf(
        Locale.ROOT,
        "audit    GET …/audit %s (%d events in its bundle, %s): median %.0f ms, min %.0f ms,"
            + " max %.0f ms over %d runs; GET …/bundle median %.0f ms (load average %s)%n",
        what,
        t.events(),
        t.passed() ? "passed" : "FAILED",
        LoadMeasures.percentile(t.audit(), 50),
        LoadMeasures.percentile(t.audit(), 0),
        LoadMeasures.percentile(t.audit(), 100),
        t.audit().size(),
        LoadMeasures.percentile(t.bundle(), 50),
        LoadMeasures.loadAverage());
  }
}
