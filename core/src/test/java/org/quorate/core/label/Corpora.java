package org.quorate.core.label;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves the shared corpora: system property {@code quorate.shared}, else {@code ../../shared}.
 */
final class Corpora {
  private Corpora() {}

  static Path shared() {
    String p = System.getProperty("quorate.shared");
    if (p != null && !p.isBlank() && !p.contains("${") && Files.isDirectory(Path.of(p))) {
      return Path.of(p);
    }
    return Path.of("..", "..", "shared");
  }

  static Path labels() {
    return shared().resolve("corpora").resolve("labels");
  }
}
