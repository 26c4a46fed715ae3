package org.quorate.it.support;

import java.net.URI;

/**
 * Addresses of the integration tests' server: the provisioned WildFly copied to {@code
 * it/target/server} and started by Arquillian with {@code jboss.socket.binding.port-offset} (system
 * property {@code quorate.it.port.offset}, 100 by default).
 *
 * <p>Ports (base + offset): HTTP 8080 + 100 = 8180, AMQP 1.0 5673 + 100 = 5773, management 9990 +
 * 100 = 10090. Host {@code localhost}. Context root {@code /quorate}, REST under {@code
 * /quorate/api} (contract.md, Server).
 */
public final class QuorateServer {

  /** Host the test server listens on (WildFly binds the loopback interface by default). */
  public static final String HOST = "localhost";

  /**
   * AMQP address of the contributions queue: WildFly's Artemis keeps the {@code jms.queue.} prefix.
   */
  public static final String CONTRIBUTIONS_ADDRESS = "jms.queue.quorate.contributions";

  /**
   * Name, in the management model, of the JMS queue where contributions land: the ingest queue the
   * MDB consumes (an exclusive divert moves everything sent to {@code quorate.contributions}
   * there).
   */
  public static final String CONTRIBUTIONS_QUEUE = "quorate.contributions.ingest";

  private QuorateServer() {}

  /**
   * The port offset the server runs with.
   *
   * @return system property {@code quorate.it.port.offset}, else 100
   */
  public static int portOffset() {
    return Integer.getInteger("quorate.it.port.offset", 100);
  }

  /**
   * HTTP port.
   *
   * @return 8080 + offset (8180)
   */
  public static int httpPort() {
    return 8080 + portOffset();
  }

  /**
   * AMQP 1.0 acceptor port (socket binding {@code amqp}, {@code ${quorate.amqp.port:5673}}).
   *
   * @return 5673 + offset (5773)
   */
  public static int amqpPort() {
    return 5673 + portOffset();
  }

  /**
   * HTTP management port.
   *
   * @return 9990 + offset (10090)
   */
  public static int managementPort() {
    return 9990 + portOffset();
  }

  /**
   * Base URI of the application, with a trailing slash.
   *
   * @return {@code http://localhost:8180/quorate/}
   */
  public static URI baseUri() {
    return URI.create("http://" + HOST + ":" + httpPort() + "/quorate/");
  }

  /**
   * URI of a REST resource.
   *
   * @param path path below {@code /quorate/api/}, without a leading slash, e.g. {@code "health"}
   * @return e.g. {@code http://localhost:8180/quorate/api/health}
   */
  public static URI api(String path) {
    return baseUri().resolve("api/" + stripLeadingSlash(path));
  }

  /**
   * URI of a portal page.
   *
   * @param path path below {@code /quorate/}, e.g. {@code "missions.xhtml"}
   * @return e.g. {@code http://localhost:8180/quorate/missions.xhtml}
   */
  public static URI portal(String path) {
    return baseUri().resolve(stripLeadingSlash(path));
  }

  /**
   * AMQP connection URI for Qpid JMS.
   *
   * @return {@code amqp://localhost:5773}
   */
  public static String amqpUri() {
    return "amqp://" + HOST + ":" + amqpPort();
  }

  /**
   * The database the server under test runs on (set per failsafe execution).
   *
   * @return {@code "h2"} or {@code "postgresql"}
   */
  public static String database() {
    return System.getProperty("quorate.db", "h2");
  }

  private static String stripLeadingSlash(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }
}
