/**
 * The node's own credential per mission: what it signs decisions and signed tree heads with (SPEC
 * §3, §5).
 */
package org.quorate.core.node;
