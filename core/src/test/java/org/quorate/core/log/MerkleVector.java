package org.quorate.core.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the fields of one transparency-dev/merkle testdata JSON file, as corpora/README.md says.
 */
final class MerkleVector {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode json;

  private MerkleVector(JsonNode json) {
    this.json = json;
  }

  static MerkleVector read(Path file) throws IOException {
    return new MerkleVector(JSON.readTree(Files.readAllBytes(file)));
  }

  /**
   * A uint64 field. Values of 2^63 or more (the corpus has 2^64 - 1) become negative longs, which
   * is how a uint64 reaches the Java API; the verifier refuses negative sizes and indexes.
   */
  long uint64(String field) {
    return required(field).bigIntegerValue().longValue();
  }

  /** A standard-base64 byte field; "" is zero bytes. */
  byte[] bytes(String field) {
    return Base64.getDecoder().decode(required(field).asText());
  }

  /** The "proof" array; JSON null is the empty proof. */
  List<byte[]> proof() {
    List<byte[]> proof = new ArrayList<>();
    JsonNode array = required("proof");
    for (JsonNode element : array) {
      proof.add(Base64.getDecoder().decode(element.asText()));
    }
    return proof;
  }

  boolean wantErr() {
    return required("wantErr").asBoolean();
  }

  String desc() {
    return required("desc").asText();
  }

  private JsonNode required(String field) {
    JsonNode node = json.get(field);
    if (node == null) {
      throw new IllegalStateException("vector lacks field " + field);
    }
    return node;
  }
}
