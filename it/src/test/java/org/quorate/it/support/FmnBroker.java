package org.quorate.it.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * A national FMN service's broker for the bridge tests: a separate Artemis 2.44 broker (the
 * project's {@code artemis-server} and {@code artemis-amqp-protocol}) started by {@link #start} as
 * its own Java process, so a test can kill it with SIGKILL ({@link #kill}) and start it again on
 * the same persistent journal. One acceptor speaks core and AMQP 1.0; durable anycast queues
 * {@value #CONTRIBUTIONS} (where the national system puts contributions) and {@value #DECISIONS}
 * (where Quorate's decisions arrive), and a second such pair for a second bridge; one user, {@value
 * #USER}, with a password per instance.
 */
public final class FmnBroker implements AutoCloseable {
  /** The FMN side's contributions queue. */
  public static final String CONTRIBUTIONS = "fmn.contributions";

  /** The FMN side's decisions queue. */
  public static final String DECISIONS = "fmn.decisions";

  /** A second pair of queues, for a second bridge to the same broker. */
  public static final String OTHER_CONTRIBUTIONS = "fmn.other.contributions";

  /** The second decisions queue. */
  public static final String OTHER_DECISIONS = "fmn.other.decisions";

  /** The broker's only user. */
  public static final String USER = "fmn-service";

  private static final String READY = "FMN BROKER READY";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final int port;
  private final String password;
  private Process process;

  private FmnBroker(Path dir, int port, String password) {
    this.dir = dir;
    this.port = port;
    this.password = password;
  }

  /**
   * Starts a broker on a free port at or above {@code firstPort} (the test's own range).
   *
   * @param dir journal directory (kept between restarts)
   * @param firstPort where to start looking for a free port
   * @param password the user's password
   * @return the running broker
   */
  public static FmnBroker start(Path dir, int firstPort, String password) {
    FmnBroker b = new FmnBroker(dir, freePort(firstPort), password);
    b.restart();
    return b;
  }

  /**
   * Starts a broker for one test with a fresh journal ({@code target/fmn-broker/NAME-MILLIS}, or
   * under {@code quorate.it.fmn.dir}) and a random password.
   *
   * @param name what the journal directory is named after
   * @param firstPort where to start looking for a free port (the test's own range)
   * @return the running broker
   */
  public static FmnBroker startFresh(String name, int firstPort) {
    byte[] pw = new byte[12];
    RANDOM.nextBytes(pw);
    Path dir =
        Path.of(System.getProperty("quorate.it.fmn.dir", "target/fmn-broker"))
            .resolve(name + "-" + System.currentTimeMillis());
    return start(dir, firstPort, HexFormat.of().formatHex(pw));
  }

  /**
   * Reads a queue (over AMQP 1.0, as the FMN side does) until a message {@code wanted} accepts has
   * arrived and then nothing more came for {@code quiet}; fails after 90 s without such a message.
   *
   * @param queue the queue
   * @param wanted the message text waited for
   * @param quiet how long to keep reading after it ({@link Duration#ZERO}: stop at once)
   * @return every text read, in order
   * @throws JMSException when the broker cannot be read
   */
  public List<String> receive(String queue, Predicate<String> wanted, Duration quiet)
      throws JMSException {
    List<String> texts = new ArrayList<>();
    JmsConnectionFactory factory = new JmsConnectionFactory(amqpUri());
    try (Connection connection = factory.createConnection(USER, password)) {
      connection.start();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      boolean seen = false;
      while (System.nanoTime() < deadline) {
        if (seen && quiet.isZero()) {
          return texts;
        }
        Message m = consumer.receive(seen ? quiet.toMillis() : 1000);
        if (m == null) {
          if (seen) {
            return texts;
          }
          continue;
        }
        String text = m instanceof TextMessage t ? t.getText() : String.valueOf(m);
        texts.add(text);
        seen |= text != null && wanted.test(text);
      }
      if (seen) {
        return texts;
      }
    }
    throw new AssertionError("no message as waited for on " + queue + " in " + texts);
  }

  /**
   * @return the acceptor's port (core and AMQP)
   */
  public int port() {
    return port;
  }

  /**
   * @return the user's password
   */
  public String password() {
    return password;
  }

  /**
   * @return {@code amqp://127.0.0.1:port}
   */
  public String amqpUri() {
    return "amqp://127.0.0.1:" + port;
  }

  /** Starts the broker process (again) on its journal and waits until it accepts connections. */
  public void restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the FMN broker is running");
    }
    try {
      Files.createDirectories(dir);
      Path log = dir.resolve("broker.log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  FmnBroker.class.getName(),
                  dir.toString(),
                  Integer.toString(port),
                  password)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      long logged = Files.exists(log) ? Files.size(log) : 0;
      process = builder.start();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException("FMN broker exited: " + tail(log, logged));
        }
        if (tail(log, logged).contains(READY)) {
          return;
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException("FMN broker not ready in 60 s: " + tail(log, logged));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the FMN broker", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGKILL: no shutdown, the journal as the crash left it. */
  public void kill() {
    if (process == null) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor();
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private static String tail(Path log, long from) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    byte[] all = Files.readAllBytes(log);
    int start = (int) Math.min(from, all.length);
    return new String(all, start, all.length - start, StandardCharsets.UTF_8);
  }

  private static int freePort(int first) {
    for (int p = first; p < first + 200; p++) {
      try (ServerSocket s = new ServerSocket(p)) {
        s.setReuseAddress(true);
        return p;
      } catch (IOException busy) {
        // next
      }
    }
    throw new IllegalStateException("no free port from " + first);
  }

  /**
   * The broker process: {@code FmnBroker DIR PORT PASSWORD}.
   *
   * @param args journal directory, port, the user's password
   * @throws Exception when the broker cannot start
   */
  public static void main(String[] args) throws Exception {
    File dir = new File(args[0]);
    String port = args[1];
    String password = args[2];
    Configuration config =
        new ConfigurationImpl()
            .setName("fmn")
            .setPersistenceEnabled(true)
            .setSecurityEnabled(true)
            .setJournalDirectory(new File(dir, "journal").getPath())
            .setBindingsDirectory(new File(dir, "bindings").getPath())
            .setLargeMessagesDirectory(new File(dir, "large").getPath())
            .setPagingDirectory(new File(dir, "paging").getPath())
            .addAcceptorConfiguration(
                "fmn", "tcp://127.0.0.1:" + port + "?protocols=CORE,AMQP;useEpoll=false");
    for (String queue :
        new String[] {CONTRIBUTIONS, DECISIONS, OTHER_CONTRIBUTIONS, OTHER_DECISIONS}) {
      config.addQueueConfiguration(
          QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
    }
    Role all =
        new Role("fmn", true, true, true, true, true, true, true, true, true, true, true, true);
    config.putSecurityRoles("#", Set.of(all));
    EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    server.setConfiguration(config);
    server.setSecurityManager(new OneUser(password));
    server.start();
    System.out.println(READY + " on " + port);
    System.out.flush();
    Thread.currentThread().join();
  }

  /** The user {@value #USER} with the role {@code fmn}; nobody else. */
  private static final class OneUser implements ActiveMQSecurityManager5 {
    private final String password;

    OneUser(String password) {
      this.password = password;
    }

    @Override
    public Subject authenticate(
        String user, String pass, RemotingConnection connection, String securityDomain) {
      if (!USER.equals(user) || !password.equals(pass)) {
        return null;
      }
      Subject s = new Subject();
      s.getPrincipals().add(new UserPrincipal(user));
      s.getPrincipals()
          .add(new org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal("fmn"));
      return s;
    }

    @Override
    public boolean authorize(
        Subject subject, Set<Role> roles, CheckType checkType, String address) {
      return subject != null;
    }

    @Override
    public boolean validateUser(String user, String pass) {
      return USER.equals(user) && password.equals(pass);
    }

    @Override
    public boolean validateUserAndRole(String user, String pass, Set<Role> roles, CheckType type) {
      return validateUser(user, pass);
    }
  }
}
