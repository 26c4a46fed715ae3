package org.quorate.core.log;

import java.nio.file.Path;

/**
 * Locates the shared third-party corpora (corpora/README.md): system property {@code
 * quorate.shared} (set by surefire from core/pom.xml), else {@code ../../shared} relative to the
 * module directory.
 */
final class Corpora {
  private Corpora() {}

  /**
   * @return the transparency-dev/merkle {@code testdata} folder (see corpora/README.md)
   */
  static Path merkleTestdata() {
    return sharedRoot().resolve("corpora").resolve("merkle").resolve("testdata");
  }

  private static Path sharedRoot() {
    String configured = System.getProperty("quorate.shared");
    if (configured != null && !configured.isBlank() && !configured.contains("${")) {
      return Path.of(configured);
    }
    return Path.of("..", "..", "shared");
  }
}
