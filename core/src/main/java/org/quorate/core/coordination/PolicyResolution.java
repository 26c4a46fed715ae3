package org.quorate.core.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.Roster;
import org.quorate.core.quorum.PolicyException;
import org.quorate.core.quorum.PolicyValidator;
import org.quorate.core.quorum.QuorumPolicy;
import org.quorate.core.quorum.RosterSnapshot;

/**
 * The policy a proposal names, resolved among the policies in force in its roster epoch (SPEC §1
 * {@code policies}, §3 "Policy"; those of the genesis and those declared by governance since):
 * either a policy accepted by {@link PolicyValidator} for the roster, or the reasons it is refused.
 * A policy named {@code governance} is built in ({@link QuorumPolicy#governance()}) unless the
 * epoch declares one of that name. This is the one resolution the evaluator ({@link
 * ProposalEvaluation}), the audit bundle's {@code policy.json} and the offline verifier use.
 *
 * @param name the policy name the proposal gave
 * @param policy the policy, or null when refused
 * @param reasons why it is refused (unknown name, parse errors, validator reasons); empty when
 *     accepted
 * @param epoch the roster epoch it was resolved in
 * @param declared the policy object as declared (genesis or {@code declare-policy}), or null when
 *     built in or not declared
 * @param declaredBy the event id of the governance decision that declared it in force, or null when
 *     it comes from the genesis or is built in
 */
public record PolicyResolution(
    String name,
    QuorumPolicy policy,
    List<String> reasons,
    long epoch,
    JsonNode declared,
    String declaredBy) {
  /** Copies the reasons and the declared object. */
  public PolicyResolution {
    reasons = List.copyOf(reasons);
    declared = declared == null ? null : declared.deepCopy();
  }

  /**
   * @return whether a valid policy was found
   */
  public boolean valid() {
    return policy != null;
  }

  /**
   * @return the reasons joined into one sentence
   */
  public String reason() {
    return String.join("; ", reasons);
  }

  /**
   * @return a copy of the policy as declared, or null (built in or not declared)
   */
  @Override
  public JsonNode declared() {
    return declared == null ? null : declared.deepCopy();
  }

  /**
   * Resolves {@code name} in the genesis (epoch 0) and validates it against the roster.
   *
   * @param genesis the mission genesis (epoch 0)
   * @param name the policy name a proposal's body gives
   * @param roster the roster snapshot of epoch 0
   * @return the resolution; never null
   */
  public static PolicyResolution resolve(Genesis genesis, String name, RosterSnapshot roster) {
    return resolve(Roster.genesis(genesis), name, roster);
  }

  /**
   * Resolves {@code name} among the policies in force in a roster epoch and validates it against
   * that epoch's roster ({@link CoordinationMapping#roster(Roster)}).
   *
   * @param epoch the proposal's roster epoch
   * @param name the policy name a proposal's body gives
   * @return the resolution; never null
   */
  public static PolicyResolution resolve(Roster epoch, String name) {
    return resolve(epoch, name, CoordinationMapping.roster(epoch));
  }

  /**
   * Resolves {@code name} among the policies in force in a roster epoch (the genesis ones and those
   * declared by governance since) and validates it against that epoch's roster.
   *
   * @param epoch the proposal's roster epoch
   * @param name the policy name a proposal's body gives
   * @param roster the roster snapshot of that epoch
   * @return the resolution; never null
   */
  public static PolicyResolution resolve(Roster epoch, String name, RosterSnapshot roster) {
    JsonNode declared = null;
    long k = epoch.epoch();
    for (JsonNode p : epoch.policies()) {
      if (p.path("name").isTextual() && p.get("name").asText().equals(name)) {
        if (declared != null) {
          return new PolicyResolution(
              name, null, List.of("policy " + name + " is declared twice"), k, null, null);
        }
        declared = p;
      }
    }
    String by = declared == null ? null : epoch.declaredBy().get(name);
    QuorumPolicy policy;
    if (declared == null) {
      if (!QuorumPolicy.GOVERNANCE.equals(name)) {
        return new PolicyResolution(
            name,
            null,
            List.of("no policy named " + name + " is declared in this epoch"),
            k,
            null,
            null);
      }
      policy = QuorumPolicy.governance();
    } else {
      try {
        policy = QuorumPolicy.fromJson(declared);
      } catch (PolicyException e) {
        return new PolicyResolution(name, null, e.reasons(), k, declared, by);
      }
    }
    List<String> reasons = PolicyValidator.validate(policy, roster);
    return reasons.isEmpty()
        ? new PolicyResolution(name, policy, List.of(), k, declared, by)
        : new PolicyResolution(name, null, reasons, k, declared, by);
  }
}
