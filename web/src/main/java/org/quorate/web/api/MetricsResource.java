package org.quorate.web.api;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.quorate.ejb.contribution.ContributionQueries;
import org.quorate.ejb.federation.PeerService;

/**
 * {@code GET /quorate/api/metrics}: inputs per mission, outcome and reason code in the Prometheus
 * text exposition format (version 0.0.4), read from the durable counters kept with the records
 * ({@link org.quorate.ejb.tally.OutcomeCounts}), e.g. {@code
 * quorate_inputs{mission="BALTIC-SHIELD",outcome="rejected",reason="bad-signature"} 3}.
 *
 * <p>Two views of one ledger: this gauge is where the inputs stand now (their current outcome),
 * kept in the transactions that record or change the inputs (a few rows read per scrape, whatever
 * the number of records), so it survives restarts and goes down when a held input is released. The
 * counters {@code quorate_inputs_total{mission,outcome,reason}} (WildFly's Micrometer registry,
 * scraped on the management interface at {@code /prometheus}, see {@link
 * org.quorate.ejb.admission.InputCounters}) count every outcome recorded by this server process
 * after commit, start at zero on each start, and only go up: use them for rates and alerts, and
 * this gauge for totals.
 *
 * <p>{@code ?mission=NAME} restricts the page to one mission (its gauge and its peer links), which
 * is what a client polling one mission's progress should ask for.
 */
@Path("/metrics")
public class MetricsResource {
  @EJB private ContributionQueries queries;

  @EJB private PeerService peers;

  /**
   * @param mission a mission name to restrict the page to, or absent for every mission
   * @return the gauge family {@code quorate_inputs} and the peer link gauges
   */
  @GET
  @Produces("text/plain; version=0.0.4; charset=utf-8")
  public Response metrics(@QueryParam("mission") String mission) {
    StringBuilder b = new StringBuilder();
    b.append(
        "# HELP quorate_inputs Inputs recorded, by mission, current outcome and reason code.\n");
    b.append("# TYPE quorate_inputs gauge\n");
    for (ContributionQueries.OutcomeCount c :
        mission == null ? queries.outcomeCounts() : queries.outcomeCounts(mission)) {
      b.append(
          String.format(
              Locale.ROOT,
              "quorate_inputs{mission=\"%s\",outcome=\"%s\",reason=\"%s\"} %d%n",
              escape(c.mission()),
              escape(c.outcome()),
              escape(c.reasonCode()),
              c.count()));
    }
    peerMetrics(b, mission);
    return Response.ok(b.toString()).build();
  }

  /** Federation links (SPEC §4): backlog, connected, acknowledged index, per mission and peer. */
  private void peerMetrics(StringBuilder b, String mission) {
    var all =
        peers.all().stream().filter(p -> mission == null || mission.equals(p.mission())).toList();
    b.append("# HELP quorate_peer_backlog Inputs queued for a peer, not yet acknowledged.\n");
    b.append("# TYPE quorate_peer_backlog gauge\n");
    for (var p : all) {
      b.append(peerLine("quorate_peer_backlog", p.mission(), p.name(), p.backlog()));
    }
    b.append("# HELP quorate_peer_connected 1 when the peer's bridge is connected.\n");
    b.append("# TYPE quorate_peer_connected gauge\n");
    for (var p : all) {
      b.append(peerLine("quorate_peer_connected", p.mission(), p.name(), p.connected() ? 1 : 0));
    }
    b.append("# HELP quorate_peer_acknowledged_index Log index the peer's broker acknowledged.\n");
    b.append("# TYPE quorate_peer_acknowledged_index gauge\n");
    for (var p : all) {
      b.append(
          peerLine(
              "quorate_peer_acknowledged_index", p.mission(), p.name(), p.lastAcknowledgedIndex()));
    }
    b.append(
        "# HELP quorate_peer_digest_equal 1 when the peer's state digest equals this node's over"
            + " the members both may see.\n");
    b.append("# TYPE quorate_peer_digest_equal gauge\n");
    for (var p : all) {
      b.append(
          peerLine("quorate_peer_digest_equal", p.mission(), p.name(), p.digestEqual() ? 1 : 0));
    }
    b.append("# HELP quorate_peer_tree_size The peer's last known log size (-1: unknown).\n");
    b.append("# TYPE quorate_peer_tree_size gauge\n");
    for (var p : all) {
      b.append(peerLine("quorate_peer_tree_size", p.mission(), p.name(), p.peerTreeSize()));
    }
    b.append("# HELP quorate_peer_reconciled_total Inputs sent to the peer by reconciliation.\n");
    b.append("# TYPE quorate_peer_reconciled_total counter\n");
    for (var p : all) {
      b.append(peerLine("quorate_peer_reconciled_total", p.mission(), p.name(), p.reconciled()));
    }
  }

  private static String peerLine(String metric, String mission, String peer, long value) {
    return String.format(
        Locale.ROOT,
        "%s{mission=\"%s\",peer=\"%s\"} %d%n",
        metric,
        escape(mission),
        escape(peer),
        value);
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
