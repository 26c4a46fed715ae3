package org.quorate.ejb.coordination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import java.util.Map;

/**
 * Publishes coordination outcomes and evidence as JSON text on the {@code quorate.decisions} topic
 * (SPEC §3 last bullet; contract.md "Messaging"). The context comes from the XA pooled connection
 * factory {@code java:/JmsXA}, so a message is sent only when the caller's transaction commits.
 * Every message carries the string properties {@code quorate_kind} ({@code status} or {@code
 * evidence}) and {@code quorate_mission}; the body is a JSON object with the same {@code kind}.
 */
@Stateless
public class DecisionPublisher {
  /** JMS property naming the kind of message ({@code status}, {@code evidence}). */
  public static final String KIND_PROPERTY = "quorate_kind";

  /** JMS property naming the mission. */
  public static final String MISSION_PROPERTY = "quorate_mission";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Inject
  @JMSConnectionFactory("java:/JmsXA")
  private JMSContext jms;

  @Resource(lookup = "java:/jms/topic/quorate.decisions")
  private Topic topic;

  /**
   * Sends one message in the caller's transaction.
   *
   * @param kind {@code status} or {@code evidence}
   * @param mission the mission
   * @param body the JSON object's fields (the {@code kind} field is added first)
   */
  public void publish(String kind, String mission, Map<String, Object> body) {
    java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("kind", kind);
    m.putAll(body);
    String text;
    try {
      text = MAPPER.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rendering a decisions-topic message failed", e);
    }
    jms.createProducer()
        .setProperty(KIND_PROPERTY, kind)
        .setProperty(MISSION_PROPERTY, mission)
        .send(topic, text);
  }
}
