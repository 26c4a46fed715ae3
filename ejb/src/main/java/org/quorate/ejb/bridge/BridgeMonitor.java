package org.quorate.ejb.bridge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Status of the FMN bridges (SPEC §4 "FMN services"): every WildFly JMS bridge and Artemis core
 * bridge whose name starts with {@value #PREFIX} (jms-config's fmn-*.cli scripts name them so),
 * read from the server's management model through the platform MBean server (WildFly's {@code jmx}
 * subsystem exposes the resolved model as {@code jboss.as:…} MBeans).
 *
 * <p>The model has no "last error": this bean listens to the broker's own loggers (Artemis' JMS
 * bridge and server, WARNING and above) and keeps, per bridge name found in a message, the last
 * one. It also registers, per bridge, the gauges {@code quorate_fmn_bridge_started} and {@code
 * quorate_fmn_bridge_forwarded} in WildFly's Micrometer registry (the same Prometheus registry as
 * {@code quorate_inputs_total}).
 */
@ApplicationScoped
public class BridgeMonitor {
  /** Name prefix of every FMN bridge and of its resources. */
  public static final String PREFIX = "fmn-";

  private static final Logger LOG = Logger.getLogger(BridgeMonitor.class.getName());
  private static final Pattern NAME = Pattern.compile("\\bfmn-[A-Za-z0-9][A-Za-z0-9.-]*");
  private static final String[] BROKER_LOGGERS = {
    "org.apache.activemq.artemis.jms.bridge", "org.apache.activemq.artemis.core.server"
  };

  @Inject private MeterRegistry registry;

  private final Map<String, Failure> failures = new ConcurrentHashMap<>();
  private final Set<String> metered = ConcurrentHashMap.newKeySet();
  private final Handler handler = new FailureHandler();
  private final Map<String, Progress> progress = new ConcurrentHashMap<>();

  /** The last failure logged for a bridge. */
  private record Failure(String message, Instant at) {}

  /** The forwarded count last seen for a bridge, and when it last grew. */
  private record Progress(long forwarded, Instant grewAt) {}

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // eager: start listening when the application starts, not at the first status request
  }

  @PostConstruct
  void listen() {
    for (String name : BROKER_LOGGERS) {
      Logger.getLogger(name).addHandler(handler);
    }
  }

  @PreDestroy
  void stopListening() {
    for (String name : BROKER_LOGGERS) {
      Logger.getLogger(name).removeHandler(handler);
    }
  }

  /**
   * Every FMN bridge of this server, by name.
   *
   * @return their status now
   */
  public List<BridgeStatus> bridges() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    List<BridgeStatus> out = new ArrayList<>();
    try {
      for (ObjectName n :
          server.queryNames(
              new ObjectName("jboss.as:subsystem=messaging-activemq,jms-bridge=*"), null)) {
        String name = n.getKeyProperty("jms-bridge");
        if (name.startsWith(PREFIX)) {
          out.add(jmsBridge(server, n, name));
        }
      }
      for (ObjectName n :
          server.queryNames(
              new ObjectName("jboss.as:subsystem=messaging-activemq,server=default,bridge=*"),
              null)) {
        String name = n.getKeyProperty("bridge");
        if (name.startsWith(PREFIX)) {
          out.add(coreBridge(server, n, name));
        }
      }
    } catch (JMException e) {
      LOG.log(Level.WARNING, "Reading the FMN bridges failed", e);
    }
    out.sort(Comparator.comparing(BridgeStatus::name));
    for (BridgeStatus b : out) {
      meter(b.name());
    }
    return out;
  }

  /**
   * The FMN services with a bridge on this node (names only, no counters read).
   *
   * @return service names, e.g. {@code fmn-nor}
   */
  public java.util.SortedSet<String> services() {
    return services(false);
  }

  /**
   * The FMN services with an outgoing (decisions) bridge on this node: what FMN egress filtering
   * answers to (SPEC §4 "FMN services", §6).
   *
   * @return service names, e.g. {@code fmn-nor}
   */
  public java.util.SortedSet<String> egressServices() {
    return services(true);
  }

  private java.util.SortedSet<String> services(boolean outOnly) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    try {
      for (String[] q :
          new String[][] {
            {"jboss.as:subsystem=messaging-activemq,jms-bridge=*", "jms-bridge"},
            {"jboss.as:subsystem=messaging-activemq,server=default,bridge=*", "bridge"}
          }) {
        for (ObjectName n : server.queryNames(new ObjectName(q[0]), null)) {
          String name = n.getKeyProperty(q[1]);
          if (name.startsWith(PREFIX) && !(outOnly && name.endsWith("-in"))) {
            out.add(service(name));
          }
        }
      }
    } catch (JMException e) {
      LOG.log(Level.WARNING, "Reading the FMN bridges failed", e);
    }
    return out;
  }

  private BridgeStatus jmsBridge(MBeanServer server, ObjectName n, String name) {
    boolean started = bool(server, n, "started");
    boolean paused = bool(server, n, "paused");
    long forwarded = number(server, n, "messageCount");
    long aborted = number(server, n, "abortedMessageCount");
    String direction = name.endsWith("-in") ? "in" : "out";
    Long backlog = null;
    if ("out".equals(direction)) {
      // the durable subscription's queue: client id (the service) "." subscription name
      backlog = queueCount(server, service(name) + "." + name);
    }
    return status(name, "jms-bridge", direction, started, paused, forwarded, backlog, aborted);
  }

  private BridgeStatus coreBridge(MBeanServer server, ObjectName n, String name) {
    boolean started = bool(server, n, "started");
    Long waiting = queueCount(server, name);
    long added = queueNumber(server, name, "messagesAdded");
    long forwarded = Math.max(0, added - (waiting == null ? 0 : waiting));
    return status(name, "core-bridge", "out", started, false, forwarded, waiting, null);
  }

  private BridgeStatus status(
      String name,
      String kind,
      String direction,
      boolean started,
      boolean paused,
      long forwarded,
      Long backlog,
      Long aborted) {
    Failure f = failures.get(name);
    Progress p =
        progress.compute(
            name,
            (k, old) ->
                old == null
                    ? new Progress(forwarded, Instant.EPOCH)
                    : forwarded > old.forwarded() ? new Progress(forwarded, Instant.now()) : old);
    // failing: a failure was logged and nothing was forwarded since
    boolean failing = f != null && !p.grewAt().isAfter(f.at());
    return new BridgeStatus(
        name,
        service(name),
        kind,
        direction,
        started,
        paused,
        started && !paused && !failing,
        forwarded,
        backlog,
        aborted,
        f == null ? null : f.message(),
        f == null ? null : f.at());
  }

  /** fmn-nor-in, fmn-nor-decisions: fmn-nor. */
  static String service(String bridge) {
    int dash = bridge.lastIndexOf('-');
    return dash > PREFIX.length() ? bridge.substring(0, dash) : bridge;
  }

  private void meter(String name) {
    if (!metered.add(name)) {
      return;
    }
    Tags tags = Tags.of("bridge", name);
    registry.gauge("quorate.fmn.bridge.started", tags, this, m -> m.value(name, true));
    registry.gauge("quorate.fmn.bridge.forwarded", tags, this, m -> m.value(name, false));
  }

  private double value(String name, boolean started) {
    for (BridgeStatus b : bridgesQuietly()) {
      if (b.name().equals(name)) {
        return started ? (b.started() ? 1 : 0) : b.forwarded();
      }
    }
    return Double.NaN;
  }

  private List<BridgeStatus> bridgesQuietly() {
    try {
      return bridges();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static Long queueCount(MBeanServer server, String queue) {
    for (String type : new String[] {"queue", "runtime-queue"}) {
      try {
        ObjectName q =
            new ObjectName(
                "jboss.as:subsystem=messaging-activemq,server=default," + type + "=" + queue);
        if (server.isRegistered(q)) {
          return number(server, q, "messageCount");
        }
      } catch (JMException e) {
        // try the next kind
      }
    }
    return null;
  }

  private static long queueNumber(MBeanServer server, String queue, String attribute) {
    try {
      ObjectName q =
          new ObjectName("jboss.as:subsystem=messaging-activemq,server=default,queue=" + queue);
      return server.isRegistered(q) ? number(server, q, attribute) : 0;
    } catch (JMException e) {
      return 0;
    }
  }

  private static boolean bool(MBeanServer server, ObjectName n, String attribute) {
    Object v = attribute(server, n, attribute);
    return v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v));
  }

  private static long number(MBeanServer server, ObjectName n, String attribute) {
    Object v = attribute(server, n, attribute);
    if (v instanceof Number num) {
      return num.longValue();
    }
    try {
      return v == null ? 0 : Long.parseLong(v.toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Object attribute(MBeanServer server, ObjectName n, String attribute) {
    try {
      return server.getAttribute(n, attribute);
    } catch (JMException | RuntimeException e) {
      return null;
    }
  }

  /** Keeps the last WARNING-or-worse broker message naming an FMN bridge. */
  private final class FailureHandler extends Handler {
    private final java.util.logging.SimpleFormatter formatter =
        new java.util.logging.SimpleFormatter();

    @Override
    public void publish(LogRecord r) {
      if (r == null || r.getLevel().intValue() < Level.WARNING.intValue()) {
        return;
      }
      String text = text(r);
      Matcher m = NAME.matcher(text);
      if (!m.find()) {
        return;
      }
      String bridge = m.group();
      // a message may name the bridge's queue or resources (fmn-nor-decisions) or its service
      failures.put(
          bridge, new Failure(text.length() > 500 ? text.substring(0, 500) : text, Instant.now()));
    }

    private String text(LogRecord r) {
      String msg = formatter.formatMessage(r);
      if (msg == null) {
        msg = "";
      }
      if (r.getThrown() != null) {
        msg = msg + ": " + r.getThrown();
      }
      return msg;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
