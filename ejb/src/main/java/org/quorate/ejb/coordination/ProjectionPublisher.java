package org.quorate.ejb.coordination;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quorate.core.admission.InputRecord;
import org.quorate.ejb.view.EpochView;

/**
 * The coordination projection's messages on the decisions topic (SPEC §3 last bullet; contract.md
 * "Messaging"), sent through {@link DecisionPublisher} in the caller's transaction: a proposal's
 * new status ({@code status}), an evidence record ({@code evidence}) and a roster epoch opened or
 * changed ({@code epoch}).
 */
@Dependent
class ProjectionPublisher {
  @Inject private DecisionPublisher publisher;

  @jakarta.ejb.EJB private org.quorate.ejb.access.EgressFilter egress;

  /**
   * The title is a labelled field: it is null and named in {@code redacted} unless every FMN
   * service bridged out of this node may see the proposal ({@link
   * org.quorate.ejb.access.EgressFilter}, SPEC §4 "FMN services", §6).
   *
   * @param p the proposal, its new status set
   * @param before its status before
   * @param trigger what changed it
   * @param now when
   */
  void status(ProposalEntity p, String before, Trigger trigger, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mission", p.mission());
    m.put("proposal", p.eventId());
    boolean withheld = egress.withheld(p.mission(), p.eventId());
    m.put("title", withheld ? null : p.title());
    m.put("policy", p.policy());
    m.put("status", p.status());
    m.put("previous", before);
    m.put("final", p.isFinal());
    m.put("rule", p.rule());
    m.put("explanation", p.reason());
    m.put("decision", p.decision());
    m.put("trigger", trigger.id());
    m.put("at", now.toString());
    m.put("redacted", withheld ? java.util.List.of("title") : java.util.List.of());
    publisher.publish("status", p.mission(), m);
  }

  /**
   * @param r an input recorded as {@code evidence}
   */
  void evidence(InputRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mission", r.mission());
    m.put("eventId", r.eventId());
    m.put("inputId", r.inputId());
    m.put("type", r.type());
    m.put("member", r.member());
    m.put("signer", r.signer());
    m.put("seq", r.seq());
    m.put("reasonCode", r.reasonCode());
    m.put("reason", r.reason());
    m.put("conflictsWith", r.conflictsWith());
    m.put("at", r.decided().toString());
    publisher.publish("evidence", r.mission(), m);
  }

  /**
   * @param mission the mission
   * @param v an epoch opened or changed
   */
  void epoch(String mission, EpochView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mission", mission);
    m.put("epoch", v.epoch());
    m.put("openedBy", v.openedBy());
    m.put("proposal", v.proposal());
    m.put("action", v.action());
    m.put("members", v.members().stream().map(EpochView.MemberView::member).toList());
    publisher.publish("epoch", mission, m);
  }
}
