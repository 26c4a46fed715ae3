package org.quorate.it.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * The application archive for {@code @Deployment(testable = false)}: the built {@code
 * ear/target/quorate.ear} (system property {@code quorate.ear}, set by failsafe), imported as it
 * is, so the tests run against exactly what is shipped.
 */
public final class QuorateDeployment {

  private QuorateDeployment() {}

  /**
   * Imports the EAR file.
   *
   * @return the archive, named {@code quorate.ear} (context root {@code /quorate})
   * @throws IllegalStateException if the property is unset or the file is missing
   */
  public static EnterpriseArchive ear() {
    String path = System.getProperty("quorate.ear");
    if (path == null || path.isEmpty()) {
      throw new IllegalStateException("system property quorate.ear is not set (run with failsafe)");
    }
    File file = new File(path);
    if (!file.isFile()) {
      throw new IllegalStateException("no EAR at " + file + ": build the ear module first");
    }
    return ShrinkWrap.create(ZipImporter.class, "quorate.ear")
        .importFrom(file)
        .as(EnterpriseArchive.class);
  }
}
