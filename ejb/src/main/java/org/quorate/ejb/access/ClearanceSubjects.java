package org.quorate.ejb.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.quorate.ejb.bridge.BridgeMonitor;

/**
 * Who may hold a clearance (SPEC §6): a user of the application realm the REST API and portal log
 * in against ({@code ApplicationRealm}, one entry per user in {@code application-users.properties}
 * of the server's configuration directory, as {@code add-user.sh -a} writes it), or an FMN service
 * with a bridge on this node (e.g. {@code fmn-nor}), whose clearance bounds what leaves over its
 * bridges (SPEC §4 "FMN services").
 */
@ApplicationScoped
public class ClearanceSubjects {
  private static final Logger LOG = Logger.getLogger(ClearanceSubjects.class.getName());

  /** The users file of the {@code ApplicationRealm} properties realm, below the config dir. */
  static final String USERS_FILE = "application-users.properties";

  @Inject private BridgeMonitor bridges;

  /**
   * @param name a login name or an FMN service name
   * @return whether it is a user of the application realm or an FMN service bridged here; true as
   *     well when the realm's users file cannot be read (logged: the realm is then not a properties
   *     file this node can check)
   */
  public boolean known(String name) {
    if (name.startsWith(BridgeMonitor.PREFIX) && bridges.services().contains(name)) {
      return true;
    }
    String dir = System.getProperty("jboss.server.config.dir");
    Path file = dir == null ? null : Paths.get(dir, USERS_FILE);
    if (file == null || !Files.isReadable(file)) {
      LOG.log(
          Level.WARNING,
          "Cannot read {0} to check that user {1} exists",
          new Object[] {file, name});
      return true;
    }
    Properties users = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      users.load(in);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Reading " + file + " failed", e);
      return true;
    }
    return users.containsKey(name);
  }
}
