/**
 * Quorate's plain-Java domain: events, admission, quorum, Merkle log, labels. No container imports.
 */
package org.quorate.core;
