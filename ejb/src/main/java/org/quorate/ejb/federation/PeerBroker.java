package org.quorate.ejb.federation;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The broker side of a peer link, through the embedded Artemis' own management (JMX, enabled by
 * jms-config {@code federation-install.cli}): per (mission, peer) a durable anycast queue {@code
 * jms.queue.quorate.peer.<mission>.<peer>}, a connector to the peer's broker and a core bridge
 * {@code peer-<mission>-<peer>} that drains the queue into the peer's contributions address,
 * logging in as the peer's broker user, with duplicate detection and reconnecting forever (1 s, ×2,
 * up to 30 s). Connectors and bridges made this way live until the server stops: {@link
 * PeerForwarder} makes them again at every start from the peers table; the queue and its messages
 * are durable (the backlog survives restarts). Pausing stops the bridge (messages stay queued).
 */
@ApplicationScoped
public class PeerBroker {
  private static final Logger LOG = Logger.getLogger(PeerBroker.class.getName());
  private static final JsonMapper JSON = new JsonMapper();
  private static final String DOMAIN = "org.apache.activemq.artemis";
  private static final String BROKER = "default";

  /** The contributions address of every node (jms-config messaging-install.cli). */
  public static final String CONTRIBUTIONS_ADDRESS = "jms.queue.quorate.contributions";

  /** The genesis address of every node (jms-config federation-install.cli). */
  public static final String GENESIS_ADDRESS = "jms.queue.quorate.genesis";

  /** Suffix of the genesis queue (JMS and core) and bridge of a peer. */
  static final String GENESIS_SUFFIX = ".genesis";

  /**
   * @param mission the mission
   * @param peer the peer's name
   * @return the JMS queue name (without WildFly's {@code jms.queue.} prefix) the forwarder sends to
   */
  public static String jmsQueueName(String mission, String peer) {
    return "quorate.peer." + mission + "." + peer;
  }

  /** The core queue and address name. */
  static String queueName(String mission, String peer) {
    return "jms.queue." + jmsQueueName(mission, peer);
  }

  /** The bridge and connector name. */
  static String bridgeName(String mission, String peer) {
    return "peer-" + mission + "-" + peer;
  }

  /**
   * @param amqp the peer's {@code amqp://host:port} (its AMQP acceptor, which also speaks CORE)
   * @return the core connector URL
   */
  static String connectorUrl(String amqp) {
    URI u = URI.create(amqp);
    if (u.getHost() == null || u.getPort() < 0) {
      throw new IllegalArgumentException("amqp must be amqp://host:port, not " + amqp);
    }
    return "tcp://" + u.getHost() + ":" + u.getPort();
  }

  private MBeanServer mbeans() {
    return ManagementFactory.getPlatformMBeanServer();
  }

  private static ObjectName server() throws JMException {
    return new ObjectName(DOMAIN + ":broker=" + ObjectName.quote(BROKER));
  }

  private static ObjectName bridge(String name) throws JMException {
    return new ObjectName(
        DOMAIN
            + ":broker="
            + ObjectName.quote(BROKER)
            + ",component=bridges,name="
            + ObjectName.quote(name));
  }

  private static ObjectName queue(String name) throws JMException {
    return new ObjectName(
        DOMAIN
            + ":broker="
            + ObjectName.quote(BROKER)
            + ",component=addresses,address="
            + ObjectName.quote(name)
            + ",subcomponent=queues,routing-type="
            + ObjectName.quote("anycast")
            + ",queue="
            + ObjectName.quote(name));
  }

  /**
   * Makes (or makes again) the queue, connector and bridge of one peer; the bridge is left stopped
   * when the link is paused.
   *
   * @param peer the peer
   * @throws IllegalStateException when the broker refuses
   */
  void link(PeerEntity peer) {
    String q = queueName(peer.mission(), peer.name());
    String b = bridgeName(peer.mission(), peer.name());
    try {
      unlink(peer.mission(), peer.name(), false);
      invoke(server(), "addConnector", b, connectorUrl(peer.amqp()));
      bridge(peer, q, b, CONTRIBUTIONS_ADDRESS);
      bridge(peer, q + GENESIS_SUFFIX, b + "-genesis", GENESIS_ADDRESS);
      LOG.info(
          "Peer link "
              + b
              + " ("
              + (peer.paused() ? "paused" : "forwarding")
              + "): "
              + q
              + " -> "
              + connectorUrl(peer.amqp())
              + " "
              + CONTRIBUTIONS_ADDRESS);
    } catch (JMException e) {
      throw new IllegalStateException("The broker refused peer link " + b + ": " + cause(e), e);
    }
  }

  private void bridge(PeerEntity peer, String q, String b, String to) throws JMException {
    ObjectNode qc = JSON.createObjectNode();
    qc.put("name", q).put("address", q).put("routing-type", "ANYCAST").put("durable", true);
    qc.put("auto-create-address", true);
    invoke(server(), "createQueue", qc.toString(), true);
    String connector = bridgeName(peer.mission(), peer.name());
    ObjectNode bc = JSON.createObjectNode();
    bc.put("name", b)
        .put("queue-name", q)
        .put("forwarding-address", to)
        .put("static-connectors", "[\"" + connector + "\"]")
        .put("use-duplicate-detection", true)
        .put("initial-connect-attempts", -1)
        .put("reconnect-attempts", -1)
        .put("retry-interval", 1000)
        .put("retry-interval-multiplier", 2.0)
        .put("max-retry-interval", 30000)
        .put("confirmation-window-size", 1048576)
        .put("user", peer.user())
        .put("password", peer.password());
    invoke(server(), "createBridge", bc.toString());
    if (peer.paused()) {
      mbeans().invoke(bridge(b), "stop", new Object[0], new String[0]);
    }
  }

  /**
   * Removes the bridge and connector of a peer; with {@code dropQueue} also its queue and backlog.
   *
   * @param mission the mission
   * @param peer the peer's name
   * @param dropQueue whether to remove the queue too
   */
  void unlink(String mission, String peer, boolean dropQueue) {
    String b = bridgeName(mission, peer);
    try {
      for (String name : new String[] {b, b + "-genesis"}) {
        if (mbeans().isRegistered(bridge(name))) {
          invoke(server(), "destroyBridge", name);
        }
      }
      String[] connectors = connectorNames();
      if (Arrays.asList(connectors).contains(b)) {
        invoke(server(), "removeConnector", b);
      }
      for (String q :
          new String[] {queueName(mission, peer), queueName(mission, peer) + GENESIS_SUFFIX}) {
        if (dropQueue && mbeans().isRegistered(queue(q))) {
          mbeans()
              .invoke(
                  server(),
                  "destroyQueue",
                  new Object[] {q, true, true},
                  new String[] {String.class.getName(), "boolean", "boolean"});
        }
      }
    } catch (JMException e) {
      throw new IllegalStateException("The broker refused to remove " + b + ": " + cause(e), e);
    }
  }

  private String[] connectorNames() throws JMException {
    Object[] all = (Object[]) mbeans().getAttribute(server(), "Connectors");
    String[] names = new String[all == null ? 0 : all.length];
    for (int i = 0; i < names.length; i++) {
      Object c = all[i];
      names[i] = c instanceof Object[] parts && parts.length > 0 ? String.valueOf(parts[0]) : "";
    }
    return names;
  }

  /**
   * Starts or stops a peer's bridge (resume / pause).
   *
   * @param mission the mission
   * @param peer the peer's name
   * @param run true to start it
   */
  void run(String mission, String peer, boolean run) {
    String b = bridgeName(mission, peer);
    try {
      for (String name : new String[] {b, b + "-genesis"}) {
        if (mbeans().isRegistered(bridge(name))) {
          mbeans().invoke(bridge(name), run ? "start" : "stop", new Object[0], new String[0]);
        }
      }
    } catch (JMException e) {
      throw new IllegalStateException("The broker refused to " + (run ? "start " : "stop ") + b, e);
    }
  }

  /** What the broker says about one link. */
  public record LinkState(boolean bridged, boolean started, boolean connected, long backlog) {}

  /**
   * @param mission the mission
   * @param peer the peer's name
   * @return the bridge's and queue's state (nothing bridged when the broker does not know them)
   */
  LinkState state(String mission, String peer) {
    try {
      ObjectName b = bridge(bridgeName(mission, peer));
      ObjectName q = queue(queueName(mission, peer));
      boolean bridged = mbeans().isRegistered(b);
      boolean started = bridged && Boolean.TRUE.equals(mbeans().getAttribute(b, "Started"));
      boolean connected = bridged && Boolean.TRUE.equals(mbeans().getAttribute(b, "Connected"));
      long backlog =
          mbeans().isRegistered(q)
              ? ((Number) mbeans().getAttribute(q, "MessageCount")).longValue()
              : 0;
      return new LinkState(bridged, started, connected, backlog);
    } catch (JMException | RuntimeException e) {
      LOG.log(Level.FINE, "Reading the state of peer " + peer + " failed", e);
      return new LinkState(false, false, false, -1);
    }
  }

  /**
   * @param mission the mission
   * @param peer the peer's name
   * @return the log index of the oldest message still queued for the peer (not yet acknowledged by
   *     its broker), if any
   */
  Optional<Long> oldestQueuedIndex(String mission, String peer) {
    try {
      ObjectName q = queue(queueName(mission, peer));
      if (!mbeans().isRegistered(q)) {
        return Optional.empty();
      }
      Object json = mbeans().invoke(q, "peekFirstMessageAsJSON", new Object[0], new String[0]);
      if (json == null || json.toString().isBlank() || "null".equals(json.toString())) {
        return Optional.empty();
      }
      var index = JSON.readTree(json.toString()).findValue(PeerForwarder.LOG_INDEX_PROPERTY);
      return index == null ? Optional.empty() : Optional.of(index.asLong());
    } catch (Exception e) {
      LOG.log(Level.FINE, "Peeking the queue of peer " + peer + " failed", e);
      return Optional.empty();
    }
  }

  /**
   * @return inputs received by this node and not yet recorded: the messages (queued or being
   *     delivered) on the contributions and ingest queues, -1 when the broker does not answer
   */
  long ingestBacklog() {
    long total = 0;
    for (String name : List.of(CONTRIBUTIONS_ADDRESS, CONTRIBUTIONS_ADDRESS + ".ingest")) {
      try {
        ObjectName q = queue(name);
        if (mbeans().isRegistered(q)) {
          total += ((Number) mbeans().getAttribute(q, "MessageCount")).longValue();
        }
      } catch (JMException | RuntimeException e) {
        return -1;
      }
    }
    return total;
  }

  /**
   * @return whether the broker's management answers (its JMX server control is registered)
   */
  boolean up() {
    try {
      return mbeans().isRegistered(server())
          && Boolean.TRUE.equals(mbeans().getAttribute(server(), "Started"));
    } catch (JMException | RuntimeException e) {
      return false;
    }
  }

  private void invoke(ObjectName target, String operation, Object... args) throws JMException {
    String[] signature = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      signature[i] = args[i] instanceof Boolean ? "boolean" : String.class.getName();
    }
    mbeans().invoke(target, operation, args, signature);
  }

  private static String cause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
