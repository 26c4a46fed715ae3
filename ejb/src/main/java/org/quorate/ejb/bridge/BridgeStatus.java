package org.quorate.ejb.bridge;

import java.time.Instant;

/**
 * One FMN bridge as REST, the portal and metrics show it (SPEC §4 "FMN services").
 *
 * @param name the bridge's name in the server model, e.g. {@code fmn-nor-in}
 * @param service the FMN service it belongs to, e.g. {@code fmn-nor}
 * @param kind {@code jms-bridge} (WildFly's JMS bridge) or {@code core-bridge} (an Artemis core
 *     bridge)
 * @param direction {@code in} (contributions from the FMN service) or {@code out} (decisions to it)
 * @param started whether the bridge runs (connected, or retrying to connect when not)
 * @param paused whether a JMS bridge is paused (a core bridge is never)
 * @param connected whether it forwards now: started, not paused and no failure logged since its
 *     last forwarded message
 * @param forwarded messages forwarded since the server started (JMS bridge: its message count; core
 *     bridge: messages its queue took in minus those still waiting)
 * @param backlog messages waiting on this server for an outgoing bridge, or null for incoming ones
 *     (their backlog is on the FMN broker)
 * @param aborted messages a JMS bridge gave up on, or null
 * @param lastError the last failure the broker logged for this bridge, or null
 * @param lastErrorAt when it was logged, or null
 */
public record BridgeStatus(
    String name,
    String service,
    String kind,
    String direction,
    boolean started,
    boolean paused,
    boolean connected,
    long forwarded,
    Long backlog,
    Long aborted,
    String lastError,
    Instant lastErrorAt) {}
