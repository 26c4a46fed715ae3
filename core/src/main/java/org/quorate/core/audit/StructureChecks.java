package org.quorate.core.audit;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.quorate.core.admission.Admission;
import org.quorate.core.cms.Ids;
import org.quorate.core.coordination.EpochChain;
import org.quorate.core.mission.GenesisException;
import org.quorate.core.mission.GenesisParser;
import org.quorate.core.pki.CertificationPathValidator;
import org.quorate.core.reason.AuditReasonCode;
import org.quorate.core.reason.VerificationCheck;

/**
 * The bundle's structure (SPEC §5 "Audit bundle"): the manifest, the genesis, the trust anchor
 * files against the epochs, the CRL files against the CRLs delivered as {@code crl} events.
 */
abstract class StructureChecks extends EpochChecks {
  // ---- manifest -------------------------------------------------------------------------

  void manifest() {
    Map<String, byte[]> files = bundle.files();
    Set<String> listed = new HashSet<>();
    int failures = 0;
    for (AuditBundle.ManifestEntry e : bundle.manifest()) {
      if (!listed.add(e.path())) {
        fail(
            VerificationCheck.MANIFEST,
            e.path(),
            AuditReasonCode.MANIFEST_MISMATCH,
            "manifest.json lists " + e.path() + " twice");
        failures++;
        continue;
      }
      byte[] bytes = files.get(e.path());
      if (bytes == null || e.path().equals(AuditBundle.MANIFEST)) {
        fail(
            VerificationCheck.MANIFEST,
            e.path(),
            AuditReasonCode.MISSING_FILE,
            "manifest.json lists " + e.path() + ", which the bundle does not hold");
        failures++;
        continue;
      }
      String actual = Ids.sha256Hex(bytes);
      if (!actual.equals(e.sha256Hex())) {
        fail(
            VerificationCheck.MANIFEST,
            e.path(),
            AuditReasonCode.MANIFEST_MISMATCH,
            e.path() + " has SHA-256 " + actual + " but manifest.json states " + e.sha256Hex());
        failures++;
      }
    }
    for (String name : files.keySet()) {
      if (!name.equals(AuditBundle.MANIFEST) && !listed.contains(name)) {
        fail(
            VerificationCheck.MANIFEST,
            name,
            AuditReasonCode.EXTRA_FILE,
            name + " is in the bundle but not in manifest.json");
        failures++;
      }
    }
    if (failures == 0) {
      pass(
          VerificationCheck.MANIFEST,
          AuditBundle.MANIFEST,
          "every one of " + (files.size() - 1) + " files is listed with its SHA-256 and matches");
    }
  }

  // ---- genesis --------------------------------------------------------------------------

  boolean genesis() {
    try {
      genesis = new GenesisParser().parse(bundle.genesis());
    } catch (GenesisException | RuntimeException e) {
      fail(
          VerificationCheck.GENESIS,
          AuditBundle.GENESIS,
          AuditReasonCode.MALFORMED_GENESIS,
          "genesis.json is not a genesis of SPEC §1: " + e.getMessage());
      return false;
    }
    chain = EpochChain.genesisOnly(genesis);
    pass(
        VerificationCheck.GENESIS,
        genesis.genesisId(),
        "genesis of mission "
            + genesis.mission()
            + " with "
            + genesis.members().size()
            + " members");
    return true;
  }

  void anchors() {
    Map<String, X509Certificate> declared = new LinkedHashMap<>();
    for (X509Certificate a : allAnchors()) {
      declared.put(Ids.fingerprint(a), a);
    }
    Set<String> inFiles = new HashSet<>();
    for (Map.Entry<String, byte[]> f : bundle.anchors().entrySet()) {
      X509Certificate c;
      try {
        c = SignedFiles.certificate(f.getValue());
      } catch (IllegalArgumentException e) {
        fail(
            VerificationCheck.ANCHOR,
            f.getKey(),
            AuditReasonCode.MALFORMED_CERTIFICATE,
            f.getKey() + " is not a certificate");
        continue;
      }
      String fp = Ids.fingerprint(c);
      inFiles.add(fp);
      if (!declared.containsKey(fp)) {
        fail(
            VerificationCheck.ANCHOR,
            f.getKey(),
            AuditReasonCode.GENESIS_MISMATCH,
            f.getKey()
                + " (SHA-256 "
                + fp
                + ") is not a trust anchor the genesis or an adopted governance decision"
                + " of the bundle declares");
      } else {
        pass(
            VerificationCheck.ANCHOR, f.getKey(), "trust anchor " + subject(c) + ", SHA-256 " + fp);
      }
    }
    for (Map.Entry<String, X509Certificate> d : declared.entrySet()) {
      if (!inFiles.contains(d.getKey())) {
        fail(
            VerificationCheck.ANCHOR,
            subject(d.getValue()),
            AuditReasonCode.MISSING_FILE,
            "epoch "
                + epochOf(d.getKey())
                + " declares anchor "
                + subject(d.getValue())
                + " (SHA-256 "
                + d.getKey()
                + ") but anchors/ does not hold it");
      }
    }
  }

  void crlFiles() {
    Set<String> delivered = new HashSet<>();
    for (X509CRL c : crls) {
      try {
        delivered.add(Ids.sha256Hex(c.getEncoded()));
      } catch (java.security.cert.CRLException e) {
        // unreachable for a parsed CRL
      }
    }
    for (Map.Entry<String, byte[]> f : bundle.crls().entrySet()) {
      if (delivered.contains(Ids.sha256Hex(f.getValue()))) {
        pass(
            VerificationCheck.CRL,
            f.getKey(),
            "delivered in an admitted crl contribution of the bundle");
      } else {
        fail(
            VerificationCheck.CRL,
            f.getKey(),
            AuditReasonCode.CRL_NOT_DELIVERED,
            f.getKey() + " is not the CRL of any admitted crl contribution in the bundle");
      }
    }
  }

  StructureChecks(
      AuditBundle bundle,
      VerifyOptions options,
      CertificationPathValidator validator,
      Admission admission) {
    super(bundle, options, validator, admission);
  }
}
