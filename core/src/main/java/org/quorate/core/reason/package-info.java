/**
 * Why something was refused, at the bottom of the package graph so that every stage can say it
 * without depending on admission: the admission {@link org.quorate.core.reason.ReasonCode}s of SPEC
 * §2 and the stage exceptions that carry them ({@link org.quorate.core.reason.AdmissionException},
 * {@link org.quorate.core.reason.CmsProfileException}, {@link
 * org.quorate.core.reason.SignatureVerificationException}, {@link
 * org.quorate.core.reason.PathValidationException}); and for audits (SPEC §5) the names of the
 * verification checks ({@link org.quorate.core.reason.VerificationCheck}) and their own reason
 * codes ({@link org.quorate.core.reason.AuditReasonCode}), and why a file is no bundle at all
 * ({@link org.quorate.core.reason.BundleFormatCode}).
 */
package org.quorate.core.reason;
