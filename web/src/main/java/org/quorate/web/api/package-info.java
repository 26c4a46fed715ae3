/**
 * The REST API of Quorate under {@code /quorate/api} (SPEC §7; OpenAPI 3.1 document {@code
 * openapi.json}): contributions, missions, CRLs, the quarantine, bridges, health probes and
 * Prometheus metrics, with one JSON rendering ({@link org.quorate.web.api.Json}) for every answer.
 */
package org.quorate.web.api;
