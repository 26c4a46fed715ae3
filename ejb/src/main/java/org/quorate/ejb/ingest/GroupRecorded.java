package org.quorate.ejb.ingest;

import java.util.List;
import java.util.Map;

/**
 * CDI event fired once per recorded group, after its transaction committed (the hook point for
 * whatever must follow durable records, e.g. forwarding to peer nodes): the node-log indexes the
 * group appended, per log (a mission's name, or {@code _quarantine}), in order.
 *
 * @param appended log name to the indexes appended, ascending
 * @param inputs how many inputs the group carried
 */
public record GroupRecorded(Map<String, List<Long>> appended, int inputs) {}
