package org.quorate.it.support;

/**
 * The application users of contract.md as created on the test server by {@code
 * it/src/test/scripts/prepare-test-server.sh} (ApplicationRealm, {@code add-user.sh -a}). The
 * passwords are test-only values passed by failsafe as system properties {@code
 * quorate.it.<user>.password} (it/pom.xml).
 */
public enum TestUser {
  /** Group {@code auditor}: reads the portal and the REST views. */
  AUDITOR("auditor"),
  /** Groups {@code operator,auditor}: loads missions. */
  OPERATOR("operator"),
  /** Group {@code guest}: may send on the AMQP acceptor. */
  SUBMITTER("submitter"),
  /** Group {@code auditor}; AccessIT clears it NATO SECRET. */
  AUDITOR_SECRET("auditor-secret"),
  /** Group {@code auditor}; AccessIT clears it NATO RESTRICTED. */
  AUDITOR_RESTRICTED("auditor-restricted");

  private final String username;

  TestUser(String username) {
    this.username = username;
  }

  /**
   * The login name.
   *
   * @return e.g. {@code "operator"}
   */
  public String username() {
    return username;
  }

  /**
   * The test-only password.
   *
   * @return the password from system property {@code quorate.it.<username>.password}
   * @throws IllegalStateException if the property is not set (tests not run by failsafe)
   */
  public String password() {
    String key = "quorate.it." + username + ".password";
    String value = System.getProperty(key);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException("system property " + key + " is not set (run with failsafe)");
    }
    return value;
  }
}
