package org.quorate.it.support;

import java.io.IOException;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;

/**
 * Reads the test server's management model through the Arquillian-injected {@link ManagementClient}
 * ({@code @ArquillianResource}; local authentication, no management user).
 */
public final class ServerModel {

  private ServerModel() {}

  /**
   * Cumulative count of messages added to a JMS queue since the server started (runtime metric
   * {@code messages-added} of {@code /subsystem=messaging-activemq/server=default/jms-queue=…});
   * unlike {@code message-count} it also counts messages a consumer already took.
   *
   * @param client the management client
   * @param queue the JMS queue name, e.g. {@link QuorateServer#CONTRIBUTIONS_QUEUE}
   * @return the count, ≥ 0
   */
  public static long messagesAdded(ManagementClient client, String queue) {
    return readAttribute(
            client,
            Operations.createAddress(
                "subsystem", "messaging-activemq", "server", "default", "jms-queue", queue),
            "messages-added",
            false)
        .asLong();
  }

  /**
   * Reads one attribute of {@code /subsystem=datasources/data-source=QuorateDS}, expressions
   * resolved (e.g. {@code connection-url}, {@code driver-name}).
   *
   * @param client the management client
   * @param attribute the attribute name
   * @return the resolved value
   */
  public static ModelNode quorateDataSource(ManagementClient client, String attribute) {
    return readAttribute(
        client,
        Operations.createAddress("subsystem", "datasources", "data-source", "QuorateDS"),
        attribute,
        true);
  }

  /**
   * Runs {@code test-connection-in-pool} on the QuorateDS datasource.
   *
   * @param client the management client
   * @return true when the pool hands out a valid connection
   */
  public static boolean quorateDataSourceConnects(ManagementClient client) {
    ModelNode op =
        Operations.createOperation(
            "test-connection-in-pool",
            Operations.createAddress("subsystem", "datasources", "data-source", "QuorateDS"));
    return execute(client, op).get(0).asBoolean();
  }

  private static ModelNode readAttribute(
      ManagementClient client, ModelNode address, String attribute, boolean resolve) {
    ModelNode op = Operations.createReadAttributeOperation(address, attribute);
    op.get("resolve-expressions").set(resolve);
    return execute(client, op);
  }

  private static ModelNode execute(ManagementClient client, ModelNode op) {
    try {
      ModelNode result = client.getControllerClient().execute(op);
      if (!Operations.isSuccessfulOutcome(result)) {
        throw new IllegalStateException(
            op + " failed: " + Operations.getFailureDescription(result).asString());
      }
      return Operations.readResult(result);
    } catch (IOException e) {
      throw new IllegalStateException("management operation failed: " + op, e);
    }
  }
}
