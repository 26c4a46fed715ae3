/**
 * The node credential of a mission (SPEC §3): installing it ({@code PUT
 * /missions/{m}/node-credential}) after checking that it chains to a member's trust anchor and that
 * the member grants it, and reading it for signing decisions and tree heads. The private key lives
 * in the node's database as PKCS#8 PEM.
 */
package org.quorate.ejb.node;
