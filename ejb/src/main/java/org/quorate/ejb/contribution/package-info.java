/**
 * The read side of recorded inputs (SPEC §1 "REST answer", §2, §7): inputs per mission, by event or
 * input id, and the quarantine, as views for REST, the CLI and the portal.
 */
package org.quorate.ejb.contribution;
