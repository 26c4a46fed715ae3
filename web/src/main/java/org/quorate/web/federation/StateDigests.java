package org.quorate.web.federation;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.quorate.ejb.federation.MemberDigests;
import org.quorate.ejb.log.UnknownLogException;
import org.quorate.web.api.Json;

/** The answer of a state digest over named members (SPEC §4 "Comparing nodes"). */
public final class StateDigests {
  private StateDigests() {}

  /**
   * @param digests the service
   * @param mission the mission
   * @param members the members named by {@code ?member=}
   * @return 200 {@code {"mission","members","events","digest","treeSize"}}, 400 {@code
   *     bad-request}, 404 {@code unknown-mission}
   */
  public static Response answer(MemberDigests digests, String mission, List<String> members) {
    try {
      return Json.of(Response.Status.OK, digests.digest(mission, members));
    } catch (UnknownLogException e) {
      return Json.error(Response.Status.NOT_FOUND, "unknown-mission", e.getMessage());
    } catch (IllegalArgumentException e) {
      return Json.error(Response.Status.BAD_REQUEST, "bad-request", e.getMessage());
    }
  }
}
