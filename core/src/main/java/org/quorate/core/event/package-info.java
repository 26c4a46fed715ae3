/**
 * The signed content of a contribution (SPEC §1 "Events"): {@link
 * org.quorate.core.event.EventParser} reads the UTF-8 JSON envelope and body of each {@link
 * org.quorate.core.event.EventType} strictly (unknown fields refused) into an {@link
 * org.quorate.core.event.Event}; each type says which role it needs (SPEC §2 step 6).
 */
package org.quorate.core.event;
