package org.quorate.core.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.quorate.core.reason.CmsProfileException;

/**
 * {@link SignatureAlgorithms#verify(byte[], AlgorithmIdentifier, AlgorithmIdentifier, byte[],
 * byte[])} against every test of the four Wycheproof files in {@code shared/corpora/wycheproof}
 * (C2SP/wycheproof testvectors_v1): one dynamic test per tcId. {@code valid} must verify, {@code
 * invalid} must not. (Bouncy Castle 1.87 alone agrees with every case; the strict-DER and length
 * checks of {@link SignatureAlgorithms#wellFormed} run first as a second line.)
 *
 * <p>{@code acceptable} results, by flag (the only ones these files hold):
 *
 * <ul>
 *   <li>{@code MissingNull} (RSA PKCS#1 v1.5: DigestInfo whose hash AlgorithmIdentifier lacks the
 *       NULL parameters): <b>accepted</b>, as Bouncy Castle does. RFC 8017 Appendix B.1 asks
 *       implementations to accept SHA-2 AlgorithmIdentifiers with and without NULL parameters, and
 *       the encoding still binds the hash: no forgery follows. Any other {@code acceptable} flag
 *       fails this test until a choice is written here.
 * </ul>
 */
class WycheproofTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final Map<String, Boolean> ACCEPTABLE_CHOICE = Map.of("MissingNull", true);

  private final SignatureAlgorithms algorithms =
      new SignatureAlgorithms(new BouncyCastleProvider());

  @TestFactory
  Stream<DynamicNode> ecdsaSecp256r1Sha256() throws IOException {
    return file("ecdsa_secp256r1_sha256_test.json");
  }

  @TestFactory
  Stream<DynamicNode> ed25519() throws IOException {
    return file("ed25519_test.json");
  }

  @TestFactory
  Stream<DynamicNode> rsaPkcs1v15Sha256() throws IOException {
    return file("rsa_signature_2048_sha256_test.json");
  }

  @TestFactory
  Stream<DynamicNode> rsaPss2048Sha256Mgf1Sha256Salt32() throws IOException {
    return file("rsa_pss_2048_sha256_mgf1_32_test.json");
  }

  private Stream<DynamicNode> file(String name) throws IOException {
    JsonNode root =
        JSON.readTree(SharedCorpora.resolve("wycheproof/testvectors_v1/" + name).toFile());
    List<DynamicNode> tests = new ArrayList<>();
    int declared = root.get("numberOfTests").asInt();
    for (JsonNode group : root.get("testGroups")) {
      AlgorithmIdentifier[] algs = algorithms(group);
      byte[] spki = HEX.parseHex(group.get("publicKeyDer").asText());
      for (JsonNode test : group.get("tests")) {
        int tcId = test.get("tcId").asInt();
        String result = test.get("result").asText();
        Set<String> flags = new java.util.TreeSet<>();
        test.get("flags").forEach(f -> flags.add(f.asText()));
        String display =
            "tcId " + tcId + " " + result + " " + flags + " " + test.get("comment").asText();
        tests.add(
            DynamicTest.dynamicTest(
                display,
                () -> {
                  boolean expected = expectation(result, flags);
                  boolean verified;
                  try {
                    verified =
                        algorithms.verify(
                            spki,
                            algs[0],
                            algs[1],
                            HEX.parseHex(test.get("msg").asText()),
                            HEX.parseHex(test.get("sig").asText()));
                  } catch (CmsProfileException e) {
                    verified = false;
                  }
                  assertThat(verified).as(display).isEqualTo(expected);
                }));
      }
    }
    assertThat(tests).hasSize(declared);
    return Stream.of(DynamicContainer.dynamicContainer(name, tests));
  }

  private static boolean expectation(String result, Set<String> flags) {
    switch (result) {
      case "valid":
        return true;
      case "invalid":
        return false;
      case "acceptable":
        Boolean choice = null;
        for (String flag : flags) {
          Boolean c = ACCEPTABLE_CHOICE.get(flag);
          if (c == null) {
            fail("no documented choice for acceptable flag " + flag);
          }
          choice = choice == null ? c : choice && c;
        }
        if (choice == null) {
          fail("acceptable test without flags");
        }
        return choice;
      default:
        throw new IllegalArgumentException("unknown result " + result);
    }
  }

  /** [signature algorithm, digest algorithm] of a test group. */
  private static AlgorithmIdentifier[] algorithms(JsonNode group) {
    String type = group.get("type").asText();
    switch (type) {
      case "EcdsaVerify":
        {
          ASN1ObjectIdentifier digest = digest(group.get("sha").asText());
          ASN1ObjectIdentifier sig =
              Map.of(
                      NISTObjectIdentifiers.id_sha256, X9ObjectIdentifiers.ecdsa_with_SHA256,
                      NISTObjectIdentifiers.id_sha384, X9ObjectIdentifiers.ecdsa_with_SHA384,
                      NISTObjectIdentifiers.id_sha512, X9ObjectIdentifiers.ecdsa_with_SHA512)
                  .get(digest);
          return new AlgorithmIdentifier[] {
            new AlgorithmIdentifier(sig), new AlgorithmIdentifier(digest)
          };
        }
      case "EddsaVerify":
        return new AlgorithmIdentifier[] {
          new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
          new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha512)
        };
      case "RsassaPkcs1Verify":
        {
          ASN1ObjectIdentifier digest = digest(group.get("sha").asText());
          ASN1ObjectIdentifier sig =
              Map.of(
                      NISTObjectIdentifiers.id_sha256,
                          PKCSObjectIdentifiers.sha256WithRSAEncryption,
                      NISTObjectIdentifiers.id_sha384,
                          PKCSObjectIdentifiers.sha384WithRSAEncryption,
                      NISTObjectIdentifiers.id_sha512,
                          PKCSObjectIdentifiers.sha512WithRSAEncryption)
                  .get(digest);
          return new AlgorithmIdentifier[] {
            new AlgorithmIdentifier(sig, DERNull.INSTANCE), new AlgorithmIdentifier(digest)
          };
        }
      case "RsassaPssVerify":
        {
          AlgorithmIdentifier hash =
              new AlgorithmIdentifier(digest(group.get("sha").asText()), DERNull.INSTANCE);
          AlgorithmIdentifier mgfHash =
              new AlgorithmIdentifier(digest(group.get("mgfSha").asText()), DERNull.INSTANCE);
          assertThat(group.get("mgf").asText()).isEqualTo("MGF1");
          RSASSAPSSparams params =
              new RSASSAPSSparams(
                  hash,
                  new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, mgfHash),
                  new ASN1Integer(group.get("sLen").asInt()),
                  new ASN1Integer(1));
          return new AlgorithmIdentifier[] {
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, params),
            new AlgorithmIdentifier(hash.getAlgorithm())
          };
        }
      default:
        throw new IllegalArgumentException("unknown test group type " + type);
    }
  }

  private static ASN1ObjectIdentifier digest(String sha) {
    switch (sha) {
      case "SHA-256":
        return NISTObjectIdentifiers.id_sha256;
      case "SHA-384":
        return NISTObjectIdentifiers.id_sha384;
      case "SHA-512":
        return NISTObjectIdentifiers.id_sha512;
      default:
        throw new IllegalArgumentException("digest not in policy: " + sha);
    }
  }
}
