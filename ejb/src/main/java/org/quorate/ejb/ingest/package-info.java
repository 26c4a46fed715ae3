/**
 * Group-committed ingest: transports (the MDB, REST) run the stateless admission stages on their
 * own threads, hand the prepared input to {@link org.quorate.ejb.ingest.IngestGroups} and wait
 * until the database transaction holding it has committed; one writer records everything pending in
 * one transaction ({@link org.quorate.ejb.ingest.GroupRecorder}), so an input is acknowledged only
 * once it is durably recorded, without an XA transaction per message.
 */
package org.quorate.ejb.ingest;
