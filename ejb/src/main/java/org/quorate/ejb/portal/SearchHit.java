package org.quorate.ejb.portal;

/**
 * One search result.
 *
 * @param kind what matched, in words ({@code event}, {@code input}, {@code signer}, {@code member},
 *     {@code proposal}, {@code attestation}, {@code mission})
 * @param label what the portal shows as the link's text
 * @param detail one line of context (mission, member, type, outcome)
 * @param href the portal page it opens, relative to the portal (e.g. {@code event.xhtml?id=…})
 */
public record SearchHit(String kind, String label, String detail, String href) {}
