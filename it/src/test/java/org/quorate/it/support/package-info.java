/**
 * Test utilities for the integration tests: the test server's addresses ({@link
 * org.quorate.it.support.QuorateServer}), its users ({@link org.quorate.it.support.TestUser}), REST
 * calls with HTTP Basic ({@link org.quorate.it.support.HttpApi}), AMQP senders in Java ({@link
 * org.quorate.it.support.AmqpJms}, Qpid JMS) and Node.js ({@link org.quorate.it.support.Rhea}), a
 * portal login client ({@link org.quorate.it.support.PortalClient}), the deployment ({@link
 * org.quorate.it.support.QuorateDeployment}) and management-model reads ({@link
 * org.quorate.it.support.ServerModel}).
 */
package org.quorate.it.support;
