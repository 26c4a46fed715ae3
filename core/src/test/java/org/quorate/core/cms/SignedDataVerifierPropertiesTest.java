package org.quorate.core.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.quorate.core.reason.AdmissionException;

/**
 * Robustness of {@link SignedDataVerifier} (SPEC §2: no input, however malformed, crashes
 * ingestion): valid DER made by {@code openssl cms} is mutated by bit flips, truncation, insertion
 * and deletion; {@code verify} either returns or throws {@link AdmissionException}, never anything
 * else, and whatever still verifies carries the original content and signer.
 */
class SignedDataVerifierPropertiesTest {
  private static final String CONTENT = "{\"v\":1,\"mission\":\"BALTIC-SHIELD\",\"seq\":1}";

  /** Kinds of mutation. */
  enum Kind {
    FLIP_BIT,
    TRUNCATE,
    INSERT,
    DELETE,
    SET_BYTE
  }

  /** One mutation at a position (taken modulo the length) with a value. */
  record Mutation(Kind kind, int position, int value) {}

  private static final class Samples {
    static final List<byte[]> DER = make();

    private static List<byte[]> make() {
      try {
        Path dir = Files.createTempDirectory("quorate-cms-props");
        try {
          OpenSslCa ca = OpenSslCa.root(dir.resolve("root"), "Quorate Property Root");
          Path content = dir.resolve("content.json");
          Files.writeString(content, CONTENT, StandardCharsets.UTF_8);
          return List.of(sign(ca, dir, content, "ec256"), sign(ca, dir, content, "rsa2048"));
        } finally {
          try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static byte[] sign(OpenSslCa ca, Path dir, Path content, String type)
        throws IOException {
      Path key = ca.key(type + ".key", type);
      Path cert = ca.issue(type, key, OpenSslCa.START_2020, OpenSslCa.END_2040);
      Path out = dir.resolve(type + ".p7");
      OpenSsl.run(
          dir,
          "cms",
          "-sign",
          "-binary",
          "-nodetach",
          "-outform",
          "DER",
          "-md",
          "sha256",
          "-in",
          content.toString(),
          "-signer",
          cert.toString(),
          "-inkey",
          key.toString(),
          "-out",
          out.toString());
      return Files.readAllBytes(out);
    }
  }

  private final SignedDataVerifier verifier = new SignedDataVerifier();
  private final VerifiedSignedData[] references;

  SignedDataVerifierPropertiesTest() throws AdmissionException {
    references = new VerifiedSignedData[Samples.DER.size()];
    for (int i = 0; i < references.length; i++) {
      references[i] = verifier.verify(Samples.DER.get(i));
    }
  }

  @Property(tries = 3000)
  void mutatedDerNeverEscapesAdmissionException(
      @ForAll("sample") int sample, @ForAll("mutations") List<Mutation> mutations)
      throws Exception {
    byte[] original = Samples.DER.get(sample);
    VerifiedSignedData reference = references[sample];
    byte[] mutated = original.clone();
    for (Mutation mutation : mutations) {
      mutated = apply(mutated, mutation);
    }
    try {
      VerifiedSignedData verified = verifier.verify(mutated);
      assertThat(verified.content()).isEqualTo(reference.content());
      assertThat(verified.signerCertificate().getPublicKey())
          .isEqualTo(reference.signerCertificate().getPublicKey());
    } catch (AdmissionException e) {
      assertThat(e.reasonCode()).isNotNull();
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Integer> sample() {
    return Arbitraries.integers().between(0, 1);
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    return Combinators.combine(
            Arbitraries.of(Kind.class),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            Arbitraries.integers().between(0, 255))
        .as(Mutation::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  private static byte[] apply(byte[] der, Mutation mutation) {
    if (der.length == 0) {
      return new byte[] {(byte) mutation.value()};
    }
    int at = mutation.position() % der.length;
    switch (mutation.kind()) {
      case FLIP_BIT:
        der[at] ^= (byte) (1 << (mutation.value() & 7));
        return der;
      case SET_BYTE:
        der[at] = (byte) mutation.value();
        return der;
      case TRUNCATE:
        return Arrays.copyOf(der, at);
      case INSERT:
        {
          byte[] longer = new byte[der.length + 1 + (mutation.value() & 7)];
          System.arraycopy(der, 0, longer, 0, at);
          Arrays.fill(longer, at, at + 1 + (mutation.value() & 7), (byte) mutation.value());
          System.arraycopy(der, at, longer, at + 1 + (mutation.value() & 7), der.length - at);
          return longer;
        }
      case DELETE:
        {
          int count = Math.min(1 + (mutation.value() & 15), der.length - at);
          byte[] shorter = new byte[der.length - count];
          System.arraycopy(der, 0, shorter, 0, at);
          System.arraycopy(der, at + count, shorter, at, der.length - at - count);
          return shorter;
        }
      default:
        throw new IllegalArgumentException(mutation.kind().toString());
    }
  }
}
