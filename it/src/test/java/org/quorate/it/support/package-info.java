/**
 * Test utilities for the integration tests: the test server's addresses ({@link
 * org.quorate.it.support.QuorateServer}), its users ({@link org.quorate.it.support.TestUser}), REST
 * calls with HTTP Basic ({@link org.quorate.it.support.HttpApi}), AMQP senders in Java ({@link
 * org.quorate.it.support.AmqpJms}, Qpid JMS) and Node.js ({@link org.quorate.it.support.Rhea}), a
 * portal login client ({@link org.quorate.it.support.PortalClient}), the deployment ({@link
 * org.quorate.it.support.QuorateDeployment}), management-model reads ({@link
 * org.quorate.it.support.ServerModel}), node credentials ({@link
 * org.quorate.it.support.NodeCredentials}), and the stand-in FMN broker ({@link
 * org.quorate.it.support.FmnBroker}) with {@code deploy/bin/fmn-bridge} ({@link
 * org.quorate.it.support.FmnBridges}).
 */
package org.quorate.it.support;
