/**
 * Message-driven beans, thin adapters from the broker's queues (JMS, and AMQP 1.0 through Artemis;
 * SPEC §1 "Transport", §4): {@code quorate.contributions} to ingest, {@code quorate.genesis} to
 * mission loading. Payloads are bytes.
 */
package org.quorate.ejb.messaging;
