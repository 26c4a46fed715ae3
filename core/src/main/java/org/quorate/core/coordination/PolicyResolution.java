package org.quorate.core.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.quorate.core.mission.Genesis;
import org.quorate.core.quorum.PolicyException;
import org.quorate.core.quorum.PolicyValidator;
import org.quorate.core.quorum.QuorumPolicy;
import org.quorate.core.quorum.RosterSnapshot;

/**
 * The policy a proposal names, resolved in the genesis (SPEC §1 {@code policies}, §3 "Policy"):
 * either a policy accepted by {@link PolicyValidator} for the roster, or the reasons it is refused.
 * A policy named {@code governance} is built in ({@link QuorumPolicy#governance()}) unless the
 * genesis declares one of that name.
 *
 * @param name the policy name the proposal gave
 * @param policy the policy, or null when refused
 * @param reasons why it is refused (unknown name, parse errors, validator reasons); empty when
 *     accepted
 */
public record PolicyResolution(String name, QuorumPolicy policy, List<String> reasons) {
  /** Copies the reasons. */
  public PolicyResolution {
    reasons = List.copyOf(reasons);
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
   * Resolves {@code name} in the genesis and validates it against the roster.
   *
   * @param genesis the mission genesis (epoch 0)
   * @param name the policy name a proposal's body gives
   * @param roster the roster snapshot of epoch 0
   * @return the resolution; never null
   */
  public static PolicyResolution resolve(Genesis genesis, String name, RosterSnapshot roster) {
    return resolve(genesis.policies(), name, roster);
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
  public static PolicyResolution resolve(
      org.quorate.core.mission.Roster epoch, String name, RosterSnapshot roster) {
    return resolve(epoch.policies(), name, roster);
  }

  private static PolicyResolution resolve(
      List<JsonNode> policies, String name, RosterSnapshot roster) {
    JsonNode declared = null;
    for (JsonNode p : policies) {
      if (p.path("name").isTextual() && p.get("name").asText().equals(name)) {
        if (declared != null) {
          return new PolicyResolution(name, null, List.of("policy " + name + " is declared twice"));
        }
        declared = p;
      }
    }
    QuorumPolicy policy;
    if (declared == null) {
      if (!QuorumPolicy.GOVERNANCE.equals(name)) {
        return new PolicyResolution(
            name, null, List.of("no policy named " + name + " is declared in this epoch"));
      }
      policy = QuorumPolicy.governance();
    } else {
      try {
        policy = QuorumPolicy.fromJson(declared);
      } catch (PolicyException e) {
        return new PolicyResolution(name, null, e.reasons());
      }
    }
    List<String> reasons = PolicyValidator.validate(policy, roster);
    return reasons.isEmpty()
        ? new PolicyResolution(name, policy, List.of())
        : new PolicyResolution(name, null, reasons);
  }
}
