package org.quorate.ejb.coordination;

import java.util.List;

/**
 * One member of roster epoch 0 (SPEC §1 genesis) as the dashboard shows it.
 *
 * @param member member id
 * @param name display name
 * @param weight weight
 * @param roles roles its grants name, sorted
 */
public record RosterEntry(String member, String name, long weight, List<String> roles) {}
