package org.quorate.cli;

import java.util.List;

/**
 * One step of the demo scenario ({@code demo-scenario.json}): what was sent, how, what is expected
 * and what came back (SPEC §1 outcome, reason code and reason).
 */
final class DemoStep {
  final String mission;
  final String what;
  final String signer;
  final boolean viaAmqp;
  final byte[] der;
  final String inputId;
  final String expectedOutcome;
  final List<String> expectedReasons;
  final boolean replay;
  String expectedMention;
  String outcome;
  String reasonCode;
  String reason;

  /**
   * @param mission mission name
   * @param what the step's name in the report
   * @param signer the credential's label ({@code MEMBER credential})
   * @param viaAmqp sent by AMQP (else REST)
   * @param der the SignedData sent
   * @param expectedOutcome the outcome expected
   * @param expectedReasons reason codes of which the actual must be one (empty: any)
   * @param replay an exact replay of an earlier step's bytes (not polled: its input id is the
   *     earlier step's)
   */
  DemoStep(
      String mission,
      String what,
      String signer,
      boolean viaAmqp,
      byte[] der,
      String expectedOutcome,
      List<String> expectedReasons,
      boolean replay) {
    this.mission = mission;
    this.what = what;
    this.signer = signer;
    this.viaAmqp = viaAmqp;
    this.der = der;
    this.inputId = Pem.sha256Id(der);
    this.expectedOutcome = expectedOutcome;
    this.expectedReasons = expectedReasons;
    this.replay = replay;
  }

  /**
   * @return whether a final outcome came back (anything but {@code held})
   */
  boolean settled() {
    return outcome != null && !outcome.equals("held");
  }

  /**
   * @return whether the actual outcome, reason code and reason are as expected
   */
  boolean asExpected() {
    return expectedOutcome.equals(outcome)
        && (expectedReasons.isEmpty() || expectedReasons.contains(reasonCode))
        && (expectedMention == null || (reason != null && reason.contains(expectedMention)));
  }

  /**
   * @return the expectation as printed, e.g. {@code rejected (reference-not-admissible, naming
   *     JPN)}
   */
  String expected() {
    String reasons = String.join(" | ", expectedReasons);
    if (expectedMention != null) {
      reasons += (reasons.isEmpty() ? "" : ", ") + "naming " + expectedMention;
    }
    return reasons.isEmpty() ? expectedOutcome : expectedOutcome + " (" + reasons + ")";
  }

  /**
   * @param mention a word (a member id) the actual reason must contain
   * @return this step
   */
  DemoStep naming(String mention) {
    this.expectedMention = mention;
    return this;
  }
}
