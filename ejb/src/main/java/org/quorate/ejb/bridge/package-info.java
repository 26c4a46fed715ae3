/**
 * The FMN bridges of this node (SPEC §4 "FMN services"): their status read from the server's
 * management model (WildFly JMS bridges and Artemis core bridges named {@code fmn-…}), for REST,
 * the portal and metrics.
 */
package org.quorate.ejb.bridge;
