package org.quorate.ejb.coordination;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The quorum state of a proposal after one event (SPEC §5 reconstruction, §7 decision view).
 *
 * @param index position in the timeline (0 first)
 * @param trigger the event id, or {@code clock} when time passing changed the status
 * @param type the event's type, or null
 * @param member the event's member, or null
 * @param admission the event's admission outcome, or null
 * @param issued the event's issued time (RFC 3339), or null
 * @param recorded when the state was recorded (RFC 3339)
 * @param status status after the event
 * @param isFinal final after the event
 * @param rule rule, or null
 * @param explanation explanation
 * @param threshold T
 * @param n members counted
 * @param concurs concurs counted
 * @param dissents dissents counted
 * @param abstains abstentions counted
 * @param dissentRecords dissents on record
 * @param missing per required role the members still missing, and {@code voters}
 * @param decision the decision backing the state, or null
 */
public record TimelineEntry(
    int index,
    String trigger,
    String type,
    String member,
    String admission,
    String issued,
    String recorded,
    String status,
    @JsonProperty("final") boolean isFinal,
    String rule,
    String explanation,
    long threshold,
    int n,
    int concurs,
    int dissents,
    int abstains,
    int dissentRecords,
    Map<String, List<String>> missing,
    String decision) {}
