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

  /**
   * Adds the test-only {@link FailingDeliveries} observer to the EAR's EJB module ({@code
   * quorate-ejb.jar}), rebuilt and put back under the same name.
   *
   * @param ear the archive from {@link #ear()}
   * @return the same archive, changed
   */
  public static EnterpriseArchive withFailingDeliveries(EnterpriseArchive ear) {
    String name = "quorate-ejb.jar";
    org.jboss.shrinkwrap.api.Node node = ear.get(name);
    if (node == null || node.getAsset() == null) {
      throw new IllegalStateException("no " + name + " in " + ear.toString(true));
    }
    org.jboss.shrinkwrap.api.spec.JavaArchive ejb;
    try (java.io.InputStream in = node.getAsset().openStream()) {
      ejb =
          ShrinkWrap.create(ZipImporter.class, name)
              .importFrom(in)
              .as(org.jboss.shrinkwrap.api.spec.JavaArchive.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("reading " + name + " failed", e);
    }
    ejb.addClass(FailingDeliveries.class);
    ear.delete(name);
    ear.addAsModule(ejb);
    return ear;
  }
}
