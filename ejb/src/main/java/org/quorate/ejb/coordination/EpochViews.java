package org.quorate.ejb.coordination;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.quorate.core.cms.Ids;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.label.LabelFormatException;
import org.quorate.core.label.LabelJson;
import org.quorate.core.label.LabelPolicy;
import org.quorate.core.label.SecurityPolicies;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Grant;
import org.quorate.core.mission.Member;
import org.quorate.core.mission.Roster;
import org.quorate.ejb.view.EpochView;

/** Renders core roster epochs ({@link EpochChain}) as {@link EpochView}s. */
final class EpochViews {
  private EpochViews() {}

  /**
   * @param mission mission name
   * @param genesis its genesis (label policy for posture markings)
   * @param chain its epochs
   * @param spifs the node's SPIFs
   * @param titles proposal id to title (null when unknown)
   * @return the view
   */
  static EpochView.Epochs of(
      String mission,
      Genesis genesis,
      EpochChain chain,
      SecurityPolicies spifs,
      Function<String, String> titles) {
    List<EpochView> epochs = new ArrayList<>();
    for (Roster r : chain.epochs()) {
      epochs.add(epoch(r, r == chain.current(), genesis, spifs, titles));
    }
    List<EpochView.GovernanceView> decisions = new ArrayList<>();
    for (EpochChain.GovernanceDecision g : chain.decisions()) {
      decisions.add(
          new EpochView.GovernanceView(
              g.decision(),
              g.proposal(),
              titles.apply(g.proposal()),
              g.proposalEpoch(),
              g.outcome(),
              g.issued().toString(),
              g.action(),
              g.opened(),
              g.reason(),
              List.of()));
    }
    return new EpochView.Epochs(mission, chain.current().epoch(), epochs, decisions);
  }

  static EpochView epoch(
      Roster r,
      boolean current,
      Genesis genesis,
      SecurityPolicies spifs,
      Function<String, String> titles) {
    List<EpochView.MemberView> members = new ArrayList<>();
    for (Member m : r.members()) {
      Set<String> roles = new TreeSet<>();
      List<String> grants = new ArrayList<>();
      for (Grant g : m.grants()) {
        roles.addAll(g.roles());
        grants.add(
            (g.spki() != null ? g.spki() : g.subject().getName())
                + ": "
                + String.join(", ", new TreeSet<>(g.roles())));
      }
      List<String> anchors = new ArrayList<>();
      for (X509Certificate a : m.trustAnchors()) {
        anchors.add(a.getSubjectX500Principal().getName() + " (" + sha256(a) + ")");
      }
      members.add(
          new EpochView.MemberView(
              m.id(),
              m.name(),
              m.weight(),
              r.isSuspended(m.id()),
              List.copyOf(roles),
              grants,
              anchors));
    }
    List<String> policies = new ArrayList<>();
    r.policies().forEach(p -> policies.add(p.path("name").asText("?")));
    Roster.Opening o = r.opened();
    return new EpochView(
        r.epoch(),
        o == null ? null : o.decision(),
        o == null ? null : o.proposal(),
        o == null ? null : titles.apply(o.proposal()),
        o == null ? null : o.action(),
        o == null ? null : o.issued().toString(),
        current,
        members,
        posture(r, genesis, spifs),
        policies,
        null,
        List.of());
  }

  private static String posture(Roster r, Genesis genesis, SecurityPolicies spifs) {
    if (r.posture() == null) {
      return null;
    }
    try {
      return LabelPolicy.fromGenesis(genesis.labelPolicy(), spifs)
          .spif()
          .displayMarking(LabelJson.fromTree(r.posture()), "en");
    } catch (LabelFormatException | RuntimeException e) {
      return r.posture().toString();
    }
  }

  private static String sha256(X509Certificate c) {
    try {
      return Ids.PREFIX + Ids.fingerprint(c);
    } catch (IllegalArgumentException e) {
      return "?";
    }
  }
}
