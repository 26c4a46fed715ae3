package org.quorate.core.label;

/**
 * The type of a security category as carried in a STANAG 4774 label ({@code Category/@Type}).
 *
 * <p>A SPIF tag of {@code tagType="restrictive"} or {@code enumerated}/{@code
 * enumType="restrictive"} is {@link #RESTRICTIVE}; {@code permissive} or {@code enumerated}/{@code
 * enumType="permissive"} is {@link #PERMISSIVE}; {@code tagType7} (and any other) is {@link
 * #INFORMATIVE}.
 */
public enum CategoryType {
  /** The holder must hold at least one of the values (e.g. {@code Releasable To}). */
  PERMISSIVE,
  /** The holder must hold every value (e.g. {@code Additional Sensitivity}). */
  RESTRICTIVE,
  /** Carries information only; no access-control effect (e.g. {@code Administrative}). */
  INFORMATIVE
}
