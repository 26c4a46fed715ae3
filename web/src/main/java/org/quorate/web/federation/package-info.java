/** REST adapters of federation (SPEC §4): the peers of a mission. */
package org.quorate.web.federation;
