package org.quorate.core.admission;

/**
 * Where one input stands: its mission, current outcome and reason code, as its {@link InputRecord}
 * holds them (what the node's outcome counters count inputs by).
 *
 * @param mission the mission named, or null
 * @param outcome the outcome's wire code, e.g. {@code admitted}
 * @param reasonCode the reason code, or null
 */
public record Standing(String mission, String outcome, String reasonCode) {}
