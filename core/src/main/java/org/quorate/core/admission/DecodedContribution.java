package org.quorate.core.admission;

import org.quorate.core.cms.VerifiedSignedData;
import org.quorate.core.event.Event;

/**
 * An input that passed the stateless stages 1–3 of SPEC §2: its CMS profile, signature, content
 * schema and {@code signer} binding are established. It is authentic: whatever the later stages
 * decide, its bytes are non-repudiable evidence.
 *
 * @param signedData the verified SignedData
 * @param event the parsed event
 */
public record DecodedContribution(VerifiedSignedData signedData, Event event) {}
