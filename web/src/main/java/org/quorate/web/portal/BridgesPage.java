package org.quorate.web.portal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.quorate.ejb.bridge.BridgeMonitor;
import org.quorate.ejb.bridge.BridgeStatus;

/** Backing bean of the FMN bridges page (SPEC §4 "FMN services"). */
@Named("bridgesPage")
@RequestScoped
public class BridgesPage {
  @Inject private BridgeMonitor monitor;

  private List<BridgeStatus> cached;

  /**
   * @return every FMN bridge of this node, by name
   */
  public List<BridgeStatus> getBridges() {
    if (cached == null) {
      cached = monitor.bridges();
    }
    return cached;
  }
}
