package org.quorate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.quorate.core.log.ProofVerificationException;
import org.quorate.core.log.ProofVerifier;
import org.quorate.core.log.Rfc9162Hasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The proof subcommands of {@code quorate log}: {@code inclusion} and {@code consistency} fetch an
 * RFC 9162 proof from the node and verify it locally with {@link ProofVerifier} against the root of
 * a signed tree head whose signature verified ({@link LogCommand#verify}). The server's own roots
 * are never trusted.
 */
final class ProofCommand {
  private static final HexFormat HEX = HexFormat.of();

  /** Most proof hashes read (a proof of a uint64 tree has fewer than 128). */
  static final int MAX_PROOF_HASHES = 128;

  private ProofCommand() {}

  /** {@code quorate log inclusion --index i [--size n]}. */
  @Command(
      name = "inclusion",
      mixinStandardHelpOptions = true,
      description =
          "Verify that log entry --index is in the tree of a signed tree head (default the latest).")
  static final class Inclusion implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LogCommand.Server server;

    @Option(names = "--index", required = true, description = "Leaf index of the entry.")
    long index;

    @Option(
        names = "--size",
        description = "Tree size of a signed tree head in the history (default: the latest head).")
    Long size;

    @Override
    public Integer call() {
      QuorateRest rest = server.rest();
      LogCommand.Verified head = head(rest, server, size);
      long n = head.head().size();
      JsonNode p =
          LogCommand.get(
              rest,
              server.logPath() + "/inclusion?index=" + index + "&size=" + n,
              "the inclusion proof");
      byte[] entry = hex(p.path("entry").asText(), "entry");
      byte[] leafHash = Rfc9162Hasher.hashLeaf(entry);
      if (!MessageDigest.isEqual(leafHash, hex(p.path("leafHash").asText(), "leafHash"))) {
        throw new CliException("the server's leaf hash is not SHA-256(0x00 ‖ entry)");
      }
      List<byte[]> proof = hashes(p.path("auditPath"), "auditPath");
      try {
        ProofVerifier.verifyInclusion(index, n, leafHash, proof, head.head().root());
      } catch (ProofVerificationException e) {
        throw new CliException(
            "NOT VERIFIED: the inclusion proof of entry "
                + index
                + " in tree size "
                + n
                + " fails ("
                + e.kind()
                + "): "
                + e.getMessage(),
            e);
      }
      PrintWriter w = spec.commandLine().getOut();
      LogCommand.print(w, head);
      w.println("entry " + index + ": " + HEX.formatHex(entry));
      w.println("  leaf hash: " + HEX.formatHex(leafHash));
      w.println(
          "VERIFIED: entry "
              + index
              + " is in the tree of size "
              + n
              + " with the signed root (audit path of "
              + proof.size()
              + " hashes)");
      w.flush();
      return 0;
    }
  }

  /** {@code quorate log consistency --from n1 [--to n2]}. */
  @Command(
      name = "consistency",
      mixinStandardHelpOptions = true,
      description =
          "Verify that the signed tree head of size --to (default the latest) extends the one of"
              + " size --from.")
  static final class Consistency implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LogCommand.Server server;

    @Option(names = "--from", required = true, description = "Earlier tree size (a kept head).")
    long from;

    @Option(names = "--to", description = "Later tree size (a kept head; default the latest).")
    Long to;

    @Override
    public Integer call() {
      QuorateRest rest = server.rest();
      LogCommand.Verified h1 = head(rest, server, from);
      LogCommand.Verified h2 = head(rest, server, to);
      long n1 = h1.head().size();
      long n2 = h2.head().size();
      List<byte[]> proof = List.of();
      if (n1 > 0 && n1 <= n2) {
        JsonNode p =
            LogCommand.get(
                rest,
                server.logPath() + "/consistency?from=" + n1 + "&to=" + n2,
                "the consistency proof");
        proof = hashes(p.path("proof"), "proof");
      }
      try {
        ProofVerifier.verifyConsistency(n1, n2, proof, h1.head().root(), h2.head().root());
      } catch (ProofVerificationException e) {
        throw new CliException(
            "NOT VERIFIED: consistency from tree size "
                + n1
                + " to "
                + n2
                + " fails ("
                + e.kind()
                + "): "
                + e.getMessage(),
            e);
      }
      PrintWriter w = spec.commandLine().getOut();
      LogCommand.print(w, h1);
      LogCommand.print(w, h2);
      w.println(
          "VERIFIED: the tree of size "
              + n2
              + " extends the tree of size "
              + n1
              + " (consistency proof of "
              + proof.size()
              + " hashes)");
      w.flush();
      return 0;
    }
  }

  /** The latest head, or the newest kept head of {@code size}, verified. */
  static LogCommand.Verified head(QuorateRest rest, LogCommand.Server server, Long size) {
    if (size == null) {
      return LogCommand.verify(
          LogCommand.get(rest, server.logPath() + "/sth", "the signed tree head"), server);
    }
    JsonNode history =
        LogCommand.get(rest, server.logPath() + "/sth/history", "the signed tree head history");
    for (JsonNode h : history) {
      if (h.path("size").asLong(-1) == size) {
        return LogCommand.verify(h, server);
      }
    }
    throw new CliException(
        "the node keeps no signed tree head of size "
            + size
            + " for "
            + server.mission
            + " (an operator can sign one with POST …/log/sth)");
  }

  static List<byte[]> hashes(JsonNode array, String what) {
    if (!array.isArray()) {
      throw new CliException("the server's \"" + what + "\" is not a JSON array");
    }
    if (array.size() > MAX_PROOF_HASHES) {
      throw new CliException(
          "the server's \"" + what + "\" has " + array.size() + " hashes, at most 128 expected");
    }
    List<byte[]> out = new ArrayList<>(array.size());
    for (JsonNode h : array) {
      out.add(hex(h.asText(), what));
    }
    return out;
  }

  static byte[] hex(String text, String what) {
    if (text.length() > 2 * 1024) {
      throw new CliException("the server's \"" + what + "\" is too long");
    }
    try {
      return HEX.parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("the server's \"" + what + "\" is not hex", e);
    }
  }
}
