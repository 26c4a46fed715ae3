package org.quorate.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS application: every REST resource of Quorate lives under {@code /quorate/api}. */
@ApplicationPath("/api")
public class QuorateApi extends Application {}
