package org.quorate.core.mission;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A contributing nation or organisation of a mission (SPEC §1 genesis {@code members}).
 *
 * @param id ISO 3166 alpha-3 code such as {@code POL}, or an organisation id such as {@code NATO}
 * @param name display name
 * @param weight voting weight (&ge; 1) for policies counting {@code "of":"weight"}
 * @param trustAnchors the member's national root CA certificates
 * @param grants the roles granted to the member's credentials
 */
public record Member(
    String id, String name, long weight, List<X509Certificate> trustAnchors, List<Grant> grants) {}
