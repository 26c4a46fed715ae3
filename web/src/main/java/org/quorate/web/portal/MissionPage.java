package org.quorate.web.portal;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.quorate.core.admission.Outcome;
import org.quorate.ejb.admission.ContributionView;
import org.quorate.ejb.federation.PeerRefusedException;
import org.quorate.ejb.federation.PeerService;
import org.quorate.ejb.federation.PeerView;
import org.quorate.ejb.mission.MissionService;
import org.quorate.ejb.mission.MissionView;
import org.quorate.ejb.portal.InputFilter;
import org.quorate.ejb.portal.InputQueries;

/**
 * Backing bean of one mission's page ({@code mission.xhtml?m=…&outcome=…}): its inputs, admitted or
 * not, with reasons, in a lazy table the database pages, sorts and filters (so a mission of any
 * size answers at once), and how many inputs stand at each outcome.
 */
@Named("missionPage")
@ViewScoped
public class MissionPage implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Rows per page unless the user chooses another size. */
  public static final int PAGE_SIZE = 50;

  @EJB private InputQueries inputs;
  @EJB private MissionService missions;

  @EJB private PeerService peerService;

  private String name;
  private String outcome;
  private String reason;
  private Optional<MissionView> mission;
  private Map<String, Long> counts;
  private boolean filtered;
  private final Inputs model = new Inputs();
  private transient List<PeerView> peers;

  /**
   * @return the outcome filter (view parameter {@code outcome}), or null for all
   */
  public String getOutcome() {
    return outcome;
  }

  /**
   * @param outcome an outcome wire name, or null/empty for all
   */
  public void setOutcome(String outcome) {
    this.outcome = outcome == null || outcome.isBlank() ? null : outcome;
  }

  /**
   * @return the reason-code filter (view parameter {@code reason}), or null for all
   */
  public String getReason() {
    return reason;
  }

  /**
   * @param reason a reason code, or null/empty for all
   */
  public void setReason(String reason) {
    this.reason = reason == null || reason.isBlank() ? null : reason.strip();
  }

  /**
   * @return the outcomes one can filter by
   */
  public List<String> getOutcomes() {
    return Arrays.stream(Outcome.values())
        .filter(o -> o != Outcome.DUPLICATE)
        .map(Outcome::code)
        .toList();
  }

  /**
   * @return the mission name (view parameter {@code m})
   */
  public String getName() {
    return name;
  }

  /**
   * @param name the mission name
   */
  public void setName(String name) {
    this.name = name == null || name.isBlank() ? null : name.strip();
  }

  /**
   * @return the mission as loaded on this node, or null when none of that name is
   */
  public MissionView getMission() {
    if (mission == null) {
      mission = name == null ? Optional.empty() : missions.find(name);
    }
    return mission.orElse(null);
  }

  /**
   * @return how many inputs of the mission stand at each outcome (whatever the filter)
   */
  public Map<String, Long> getCounts() {
    if (counts == null) {
      counts = name == null ? Map.of() : inputs.outcomes(name);
    }
    return counts;
  }

  /**
   * @return every input naming the mission
   */
  public long getTotal() {
    return getCounts().values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * @return the outcomes that have inputs, for the counts line
   */
  public List<Map.Entry<String, Long>> getCountList() {
    return List.copyOf(getCounts().entrySet());
  }

  /**
   * @return the lazy model of the table
   */
  public LazyDataModel<ContributionView> getModel() {
    return model;
  }

  /**
   * @return what the table says when it has no row: honest about why
   */
  public String getEmptyMessage() {
    if (name == null) {
      return "No mission chosen.";
    }
    if (getTotal() == 0) {
      return getMission() == null
          ? "No mission named " + name + " is loaded on this node, and no input names it."
          : "No input names mission " + name + " yet.";
    }
    if (outcome != null && !filtered) {
      return "No input of mission " + name + " is " + outcome + ".";
    }
    return "No input of mission "
        + name
        + " matches the filter"
        + (outcome == null ? "" : " (outcome " + outcome + ")")
        + "; "
        + getTotal()
        + " inputs name it in all.";
  }

  /** The mission's inputs, as the table's filters (or the view parameters) narrow them. */
  private final class Inputs extends InputsModel {
    private static final long serialVersionUID = 1L;

    Inputs() {
      super("receivedAt", true);
    }

    @Override
    protected InputQueries queries() {
      return inputs;
    }

    @Override
    protected InputFilter filter(Map<String, FilterMeta> by) {
      if (name == null) {
        return null;
      }
      String member = value(by, "member");
      String type = value(by, "type");
      String chosenReason = value(by, "reasonCode");
      String subject = value(by, "signerSubject");
      String chosen = value(by, "outcome");
      filtered =
          member != null
              || type != null
              || chosenReason != null
              || subject != null
              || chosen != null;
      return new InputFilter(
          name,
          member == null ? null : member.toUpperCase(Locale.ROOT),
          chosen != null ? chosen.toLowerCase(Locale.ROOT) : outcome,
          chosenReason != null ? chosenReason : reason,
          type == null ? null : type.toLowerCase(Locale.ROOT),
          subject);
    }
  }

  /**
   * @return the mission's peer nodes with their link status (SPEC §4), empty when it has none
   */
  public List<PeerView> getPeers() {
    if (peers == null) {
      try {
        peers = name == null ? List.of() : peerService.list(name);
      } catch (PeerRefusedException e) {
        peers = List.of();
      }
    }
    return peers;
  }
}
