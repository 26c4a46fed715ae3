/**
 * The portal's general pages (Faces 4 + PrimeFaces; SPEC §7): missions, one mission's inputs,
 * events with their certification path and log proofs, members, search, the quarantine and the FMN
 * bridges, the 404 of a missing subject, and the words ({@link org.quorate.web.portal.Fmt}) the
 * pages show values in.
 */
package org.quorate.web.portal;
