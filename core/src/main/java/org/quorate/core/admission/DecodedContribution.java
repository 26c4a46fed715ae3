package org.quorate.core.admission;

import org.quorate.core.cms.VerifiedSignedData;
import org.quorate.core.event.Event;

/**
 * An input that passed the stateless stages 1–3 of SPEC §2: its CMS profile, signature, content
 * schema and {@code signer} binding are established. It is authentic: whatever the later stages
 * decide, its bytes are non-repudiable evidence.
 *
 * <p>What the record states about the signer certificate is worked out here, on the transport's
 * thread, not in the stateful stages (distinguished names are costly to render).
 *
 * @param signedData the verified SignedData
 * @param event the parsed event
 * @param signerSubject the signer certificate's subject (RFC 2253)
 * @param credential the signer certificate's issuer and serial ({@link InputRecord#credentialOf})
 */
public record DecodedContribution(
    VerifiedSignedData signedData, Event event, String signerSubject, String credential) {

  /**
   * @param signedData the verified SignedData
   * @param event the parsed event
   */
  public DecodedContribution(VerifiedSignedData signedData, Event event) {
    this(
        signedData,
        event,
        signedData.signerNames().subject(),
        InputRecord.credentialOf(signedData.signerNames().issuerAndSerial()));
  }
}
