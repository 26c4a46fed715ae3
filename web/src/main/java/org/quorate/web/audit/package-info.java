/**
 * Audit on the web (SPEC §5 "Reconstruction", "Audit bundle"; §7): the audit report and bundle
 * endpoints ({@code …/proposals/{id}/audit}, {@code …/bundle}), their JSON shape, and the portal's
 * audit page with its cache of reports per node-log size.
 */
package org.quorate.web.audit;
