package org.quorate.web.audit;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import org.quorate.core.audit.AuditBundle;
import org.quorate.core.audit.AuditCheck;
import org.quorate.core.audit.ReconstructedEvent;
import org.quorate.core.audit.Reconstruction;
import org.quorate.core.quorum.QuorumState;
import org.quorate.ejb.audit.AuditReport;
import org.quorate.ejb.audit.AuditService;
import org.quorate.ejb.audit.UnknownProposalException;
import org.quorate.ejb.log.LogViews;
import org.quorate.ejb.log.NoNodeCredentialException;

/**
 * Backing bean of {@code audit.xhtml?m=…&p=…} (SPEC §5 "Reconstruction", §7 decision view: lineage,
 * proofs, verify, export): the proposal reconstructed from the signed bytes of its audit bundle
 * (policy, epoch, the events in log order with the quorum state after each, dissents, each
 * contribution's lineage, log indexes and inclusion proofs against the signed tree head); {@link
 * #verify} runs the audit and shows every check with its result and reason; {@link #getBundle}
 * exports the bundle as a ZIP.
 */
@Named("auditPage")
@RequestScoped
public class AuditPage {
  @EJB private AuditService audits;
  @jakarta.inject.Inject private AuditCache cache;

  private String mission;
  private String proposal;
  private AuditReport report;
  private AuditCache.Verified verifiedReport;
  private String error;
  private boolean verified;
  private boolean pending;
  private boolean verifiedNow;

  /**
   * @return whether the audit is being made in the background (the page reloads itself until it is
   *     ready)
   */
  public boolean isPending() {
    getReport();
    return pending;
  }

  /**
   * @return the mission (view parameter {@code m})
   */
  public String getMission() {
    return mission;
  }

  /**
   * @param mission mission name
   */
  public void setMission(String mission) {
    this.mission = mission;
  }

  /**
   * @return the proposal id (view parameter {@code p})
   */
  public String getProposal() {
    return proposal;
  }

  /**
   * @param proposal proposal id
   */
  public void setProposal(String proposal) {
    this.proposal = proposal;
  }

  /**
   * @return the audit report (computed once per request), or null with {@link #getError} set
   */
  public AuditReport getReport() {
    if (report == null && error == null && !pending) {
      load(false);
    }
    return report;
  }

  /** Reads the report: kept for the log's current size, or made now ({@code fresh}: always). */
  private void load(boolean fresh) {
    if (mission == null || proposal == null) {
      error = "Open this page from a proposal: it needs m (mission) and p (proposal).";
      return;
    }
    try {
      verifiedReport =
          fresh ? cache.fresh(mission, proposal) : cache.kept(mission, proposal).orElse(null);
      FacesContext faces = FacesContext.getCurrentInstance();
      if (verifiedReport == null && faces != null && faces.isPostback()) {
        // Verify or Export on a page whose report is no longer kept (the log grew): the form must
        // be there for its action to run, so verify now.
        verifiedReport = cache.fresh(mission, proposal);
        fresh = true;
      }
      verifiedNow = fresh;
      pending = verifiedReport == null;
      report = pending ? null : verifiedReport.report();
      error = null;
    } catch (UnknownProposalException e) {
      error = e.getMessage();
    } catch (NoNodeCredentialException e) {
      error = e.getMessage() + " An operator installs the node credential first.";
    } catch (org.quorate.ejb.access.ClearanceInsufficientException e) {
      error = e.getMessage() + " The audit and its export need a clearance admitting every event.";
    }
  }

  /**
   * @return when the shown checks ran and against which log size, e.g. {@code 2026-12-06 15:20:01
   *     UTC, node log size 10012}; empty without a report
   */
  public String getVerifiedAt() {
    getReport();
    return verifiedReport == null
        ? ""
        : new org.quorate.web.portal.Fmt().time(verifiedReport.verifiedAt())
            + ", node log size "
            + verifiedReport.logSize();
  }

  /**
   * @return why there is no report, or null
   */
  public String getError() {
    getReport();
    return error;
  }

  /**
   * @return the reconstruction, or null
   */
  public Reconstruction getReconstruction() {
    AuditReport r = getReport();
    return r == null ? null : r.reconstruction();
  }

  /**
   * @return the reconstructed events in log order (empty without a report)
   */
  public List<ReconstructedEvent> getEvents() {
    Reconstruction r = getReconstruction();
    return r == null || r.events() == null ? List.of() : r.events();
  }

  /**
   * @return the events that carry a lineage (every contribution)
   */
  public List<ReconstructedEvent> getLineage() {
    return getEvents().stream().filter(e -> e.lineage() != null).toList();
  }

  /**
   * @return the signed tree head the proofs are against, or null
   */
  public LogViews.SthView getSth() {
    AuditReport r = getReport();
    return r == null ? null : r.sth();
  }

  /**
   * @return every inclusion proof of the bundle
   */
  public List<LogViews.InclusionView> getProofs() {
    AuditReport r = getReport();
    return r == null ? List.of() : r.proofs();
  }

  /**
   * Reads {@code m} and {@code p} from the request: on a postback (Verify, Export) the form is
   * decoded before the view parameters are applied, and the buttons send both as parameters.
   */
  @PostConstruct
  void init() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (faces != null) {
      Map<String, String> params = faces.getExternalContext().getRequestParameterMap();
      mission = params.get("m");
      proposal = params.get("p");
    }
  }

  /**
   * The Verify button: verifies afresh (bundle, core verifier and database checks) and shows every
   * check; the page itself shows the reconstruction kept for the log's current size ({@link
   * AuditCache}).
   */
  public void verify() {
    if (!verifiedNow) {
      report = null;
      load(true);
    }
    verified = true;
  }

  /**
   * @return whether Verify ran in this request
   */
  public boolean isVerified() {
    return verified;
  }

  /**
   * @return every check (core, then database), or empty before Verify
   */
  public List<AuditCheck> getChecks() {
    AuditReport r = verified ? getReport() : null;
    return r == null ? List.of() : r.checks();
  }

  /**
   * Checks of one kind (signature, path, inclusion, quorum, decision, database, …).
   *
   * @param kind the check kind
   * @param passed how many passed
   * @param failed how many failed
   * @param checks the checks, failed ones first
   */
  public record CheckGroup(String kind, long passed, long failed, List<AuditCheck> checks) {}

  /**
   * @return the checks grouped by kind, kinds with a failure first (empty before Verify)
   */
  public List<CheckGroup> getCheckGroups() {
    Map<String, List<AuditCheck>> by = new java.util.LinkedHashMap<>();
    for (AuditCheck c : getChecks()) {
      by.computeIfAbsent(c.check(), k -> new java.util.ArrayList<>()).add(c);
    }
    List<CheckGroup> out = new java.util.ArrayList<>();
    for (Map.Entry<String, List<AuditCheck>> e : by.entrySet()) {
      List<AuditCheck> sorted = new java.util.ArrayList<>(e.getValue());
      sorted.sort(java.util.Comparator.comparing(AuditCheck::passed));
      long failed = sorted.stream().filter(c -> !c.passed()).count();
      out.add(new CheckGroup(e.getKey(), sorted.size() - failed, failed, sorted));
    }
    out.sort(java.util.Comparator.comparing((CheckGroup g) -> g.failed() == 0));
    return out;
  }

  /**
   * @return {@code passed: all N checks} or {@code FAILED: k of N checks}
   */
  public String getVerdict() {
    AuditReport r = getReport();
    if (r == null) {
      return error;
    }
    long failed = r.checks().stream().filter(c -> !c.passed()).count();
    return failed == 0
        ? "passed: all " + r.checks().size() + " checks"
        : "FAILED: " + failed + " of " + r.checks().size() + " checks";
  }

  /**
   * @param s a quorum state, or null
   * @return e.g. {@code open — 1 concur / 1 dissent / 0 abstain, T 2 of n 3}
   */
  public String state(QuorumState s) {
    if (s == null) {
      return "";
    }
    return s.status().wire().replace('-', ' ')
        + (s.isFinal() ? " (final)" : "")
        + ": "
        + s.counts().concur()
        + " concur, "
        + s.counts().dissent()
        + " dissent, "
        + s.counts().abstain()
        + " abstain; T = "
        + s.threshold()
        + " of n = "
        + s.n();
  }

  /**
   * @param values a list
   * @return its items joined by {@code " → "}
   */
  public String path(List<?> values) {
    return values == null
        ? ""
        : values.stream().map(String::valueOf).collect(Collectors.joining(" → "));
  }

  /**
   * @param values a list
   * @return its items joined by spaces
   */
  public String join(List<?> values) {
    return values == null
        ? ""
        : values.stream().map(String::valueOf).collect(Collectors.joining(" "));
  }

  /**
   * @return the REST address of the bundle, relative to the application
   */
  public String getBundleUrl() {
    return "/api/missions/" + mission + "/proposals/" + proposal + "/bundle";
  }

  /**
   * The bundle for {@code p:fileDownload} (the Export button): built now, written as it streams.
   *
   * @return the ZIP, or null when there is no such proposal or no node credential ({@link
   *     #getError})
   */
  public StreamedContent getBundle() {
    AuditBundle bundle;
    try {
      bundle = audits.bundle(mission, proposal);
    } catch (UnknownProposalException
        | NoNodeCredentialException
        | org.quorate.ejb.access.ClearanceInsufficientException e) {
      error = e.getMessage();
      return null;
    }
    return DefaultStreamedContent.builder()
        .name(BundleResource.fileName(mission, proposal))
        .contentType(BundleResource.ZIP)
        .writer(
            out -> {
              try {
                bundle.writeZip(out);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .build();
  }
}
