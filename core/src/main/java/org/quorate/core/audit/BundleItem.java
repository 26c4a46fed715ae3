package org.quorate.core.audit;

import java.util.ArrayList;
import java.util.List;
import org.quorate.core.admission.DecodedContribution;
import org.quorate.core.admission.Judgement;
import org.quorate.core.cms.Ids;
import org.quorate.core.log.LogEntry;
import org.quorate.core.log.OutcomeCode;
import org.quorate.core.quorum.QuorumState;

/** One input of the bundle as the verification sees it. */
final class BundleItem {
  final AuditBundle.EventFile file;
  final String inputId;
  String eventId;
  String type;
  DecodedContribution decoded;
  final List<LogEntry> records = new ArrayList<>();
  OutcomeCode outcome;
  Judgement judgement;
  Lineage lineage;
  boolean counts;
  QuorumState stateAfter;

  BundleItem(AuditBundle.EventFile file) {
    this.file = file;
    this.inputId = Ids.sha256Id(file.der());
  }

  long firstIndex() {
    return records.isEmpty() ? Long.MAX_VALUE : records.get(0).logIndex();
  }

  long decidingIndex() {
    long at = Long.MAX_VALUE;
    for (LogEntry r : records) {
      if (r.outcome() != OutcomeCode.DUPLICATE || at == Long.MAX_VALUE) {
        at = r.logIndex();
      }
    }
    return at;
  }
}
