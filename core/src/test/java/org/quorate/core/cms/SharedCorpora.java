package org.quorate.core.cms;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the external test vectors of {@code shared/corpora} (see its README): from the system
 * property {@code quorate.shared} set by surefire, else {@code ../../shared} relative to the module
 * directory.
 */
public final class SharedCorpora {
  private SharedCorpora() {}

  /**
   * @param relative a path below {@code shared/corpora}, e.g. {@code "pkits"}
   * @return the resolved path
   * @throws IllegalStateException when it does not exist
   */
  public static Path resolve(String relative) {
    String property = System.getProperty("quorate.shared");
    Path shared =
        property == null || property.isBlank() ? Path.of("..", "..", "shared") : Path.of(property);
    Path path = shared.resolve("corpora").resolve(relative);
    if (!Files.exists(path)) {
      throw new IllegalStateException("test corpus not found: " + path.toAbsolutePath());
    }
    return path;
  }
}
