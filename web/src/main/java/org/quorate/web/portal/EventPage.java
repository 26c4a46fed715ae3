package org.quorate.web.portal;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.Optional;
import org.quorate.ejb.portal.EventQueries;
import org.quorate.ejb.portal.EventView;

/**
 * Backing bean of {@code event.xhtml?id=…} (an event id or an input id): the event, its signer and
 * certification path to the member's trust anchor, every outcome record with its log index and
 * inclusion proof, and what it bears on.
 */
@Named("eventPage")
@RequestScoped
public class EventPage {
  @EJB private EventQueries events;

  private String id;
  private Optional<EventView> event;

  /**
   * @return the id asked for (view parameter {@code id})
   */
  public String getId() {
    return id;
  }

  /**
   * @param id an event id or input id
   */
  public void setId(String id) {
    this.id = id == null || id.isBlank() ? null : id.strip();
  }

  /**
   * @return the event, or null when this node holds no input of that id
   */
  public EventView getEvent() {
    if (event == null) {
      event = id == null ? Optional.empty() : events.event(id);
    }
    return event.orElse(null);
  }

  /**
   * @return whether the id has the shape of an id ({@code sha256:} and 64 hex digits)
   */
  public boolean isWellFormed() {
    return id != null && id.toLowerCase(java.util.Locale.ROOT).matches("(sha256:)?[0-9a-f]{64}");
  }
}
