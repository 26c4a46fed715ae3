package org.quorate.web.portal;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.quorate.ejb.admission.ContributionView;
import org.quorate.ejb.coordination.CoordinationQueries;
import org.quorate.ejb.portal.InputFilter;
import org.quorate.ejb.portal.InputQueries;
import org.quorate.ejb.view.EpochView;

/**
 * Backing bean of {@code member.xhtml?m=…&id=…} (SPEC §7 member view): the member in each roster
 * epoch (anchors, grants, suspension), the credentials it signed with, its attestations per
 * proposal (votes and dissents), and its inputs in a lazy table.
 */
@Named("memberPage")
@ViewScoped
public class MemberPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @EJB private InputQueries inputs;
  @EJB private CoordinationQueries coordination;

  private String mission;
  private String member;
  private List<EpochRow> epochs;
  private List<InputQueries.CredentialUse> credentials;
  private List<InputQueries.Position> positions;
  private final Inputs model = new Inputs();

  /**
   * The member in one roster epoch.
   *
   * @param epoch the epoch
   * @param current whether it is in force
   * @param entry the member's roster entry
   */
  public record EpochRow(long epoch, boolean current, EpochView.MemberView entry) {}

  /**
   * @return the mission (view parameter {@code m})
   */
  public String getMission() {
    return mission;
  }

  /**
   * @param mission the mission
   */
  public void setMission(String mission) {
    this.mission = mission == null || mission.isBlank() ? null : mission.strip();
  }

  /**
   * @return the member id (view parameter {@code id})
   */
  public String getMember() {
    return member;
  }

  /**
   * @param member the member id
   */
  public void setMember(String member) {
    this.member = member == null || member.isBlank() ? null : member.strip();
  }

  /**
   * @return the member in each epoch that lists it, newest first
   */
  public List<EpochRow> getEpochs() {
    if (epochs == null) {
      epochs = new ArrayList<>();
      if (mission != null && member != null) {
        coordination
            .epochs(mission)
            .ifPresent(
                all -> {
                  for (EpochView e : all.epochs()) {
                    for (EpochView.MemberView m : e.members()) {
                      if (m.member().equals(member)) {
                        epochs.add(0, new EpochRow(e.epoch(), e.current(), m));
                      }
                    }
                  }
                });
      }
    }
    return epochs;
  }

  /**
   * @return the credentials it signed with, by epoch
   */
  public List<InputQueries.CredentialUse> getCredentials() {
    if (credentials == null) {
      credentials =
          mission == null || member == null ? List.of() : inputs.credentials(mission, member);
    }
    return credentials;
  }

  /**
   * @return its attestations, newest first
   */
  public List<InputQueries.Position> getPositions() {
    if (positions == null) {
      positions = mission == null || member == null ? List.of() : inputs.positions(mission, member);
    }
    return positions;
  }

  /**
   * @return its dissents, newest first (the decisions it dissented on)
   */
  public List<InputQueries.Position> getDissents() {
    return getPositions().stream().filter(a -> "dissent".equals(a.verdict())).toList();
  }

  /**
   * @return how many of its attestations are dissents
   */
  public long getDissentCount() {
    return getPositions().stream().filter(p -> "dissent".equals(p.verdict())).count();
  }

  /**
   * @return how many inputs name the member in the mission
   */
  public long getInputCount() {
    return mission == null || member == null
        ? 0
        : inputs.count(new InputFilter(mission, member, null, null, null, null));
  }

  /**
   * @return whether the mission knows the member at all (roster or inputs)
   */
  public boolean isKnown() {
    return !getEpochs().isEmpty() || !getCredentials().isEmpty() || model.count(Map.of()) > 0;
  }

  /**
   * @return the lazy model of its inputs
   */
  public LazyDataModel<ContributionView> getModel() {
    return model;
  }

  /** The member's inputs, paged and sorted by the database. */
  private final class Inputs extends InputsModel {
    private static final long serialVersionUID = 1L;

    Inputs() {
      super("receivedAt", false);
    }

    @Override
    protected InputQueries queries() {
      return inputs;
    }

    @Override
    protected InputFilter filter(Map<String, FilterMeta> by) {
      return mission == null || member == null
          ? null
          : new InputFilter(mission, member, null, null, null, null);
    }
  }
}
