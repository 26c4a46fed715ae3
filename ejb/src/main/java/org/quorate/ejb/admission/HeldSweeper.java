package org.quorate.ejb.admission;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;

/**
 * Every 30 seconds: releases held inputs whose {@code issued} time came, rejects those held past
 * the configured age, and catches any release a concurrent mission load could have missed.
 */
@Singleton
public class HeldSweeper {
  @EJB private AdmissionService admission;

  @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
  void sweep() {
    admission.sweepHeld();
  }
}
