package org.quorate.ejb.admission;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.quorate.core.admission.Admission;
import org.quorate.core.cms.SignedDataVerifier;
import org.quorate.core.mission.Genesis;
import org.quorate.core.mission.GenesisException;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.pki.CertificationPathValidator;

/**
 * The node's admission pipeline and parsed-genesis cache, shared by every MDB instance and REST
 * call. Configuration (system properties, settable in the server's {@code standalone.xml}): {@code
 * quorate.admission.max-bytes} (size cap, default 4 MiB) and {@code quorate.admission.skew}
 * (ISO-8601 duration, default {@code PT5M}).
 */
@ApplicationScoped
public class AdmissionEngine {
  private Admission admission;
  private final GenesisParser genesisParser = new GenesisParser();
  private final ConcurrentMap<String, Genesis> genesisById = new ConcurrentHashMap<>();

  @PostConstruct
  void init() {
    int maxBytes =
        Integer.getInteger("quorate.admission.max-bytes", SignedDataVerifier.DEFAULT_MAX_BYTES);
    Duration skew =
        Duration.parse(
            System.getProperty("quorate.admission.skew", Admission.DEFAULT_SKEW.toString()));
    admission =
        new Admission(new SignedDataVerifier(maxBytes), new CertificationPathValidator(), skew);
  }

  /**
   * @return the admission façade (thread-safe)
   */
  public Admission admission() {
    return admission;
  }

  /**
   * @param genesisId the id a mission is bound to
   * @param bytes the genesis bytes (parsed once per id, then cached)
   * @return the parsed genesis
   * @throws IllegalStateException when stored bytes no longer parse (a database altered behind the
   *     application)
   */
  public Genesis genesis(String genesisId, byte[] bytes) {
    return genesisById.computeIfAbsent(
        genesisId,
        id -> {
          try {
            return genesisParser.parse(bytes);
          } catch (GenesisException e) {
            throw new IllegalStateException("Stored genesis " + id + " no longer parses", e);
          }
        });
  }

  /**
   * @return a genesis parser
   */
  public GenesisParser genesisParser() {
    return genesisParser;
  }
}
