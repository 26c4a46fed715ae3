package org.quorate.broker;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQBuffer;
import org.apache.activemq.artemis.api.core.ActiveMQBuffers;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.message.LargeBodyReader;
import org.apache.activemq.artemis.core.message.impl.CoreMessage;
import org.apache.activemq.artemis.core.server.LargeServerMessage;
import org.apache.activemq.artemis.core.server.transformer.Transformer;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPMessage;
import org.apache.activemq.artemis.utils.UUIDGenerator;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;
import org.apache.qpid.proton.codec.ReadableBuffer;

/**
 * Divert transformer of the contributions address (SPEC §1 Transport, §2 last paragraph): turns
 * every AMQP 1.0 message into a core {@code BytesMessage} before the MDB's core consumer sees it,
 * and passes every other message on unchanged.
 *
 * <p>Why: Artemis converts an AMQP message to core when it delivers it to a core consumer (the
 * MDB), and that conversion throws for bodies it cannot map to a JMS type, e.g. an {@code
 * amqp-value} list of unsigned integers (what rhea sends for {@code body: [1,2,3]}): {@code
 * CoreStreamMessageWrapper.writeObject} refuses {@code UnsignedInteger}. The broker then logs
 * AMQ222151 and removes the consumer, so a few such messages leave the queue without consumers.
 * Here the AMQP encoding is read with proton-j, never through that conversion.
 *
 * <p>The core message carries the body as bytes and the string property {@value #BODY_PROPERTY}
 * naming what the AMQP body was:
 *
 * <ul>
 *   <li>{@code data}: one or more data sections, their payloads concatenated (AMQP 1.0 §3.2.6);
 *   <li>{@code amqp-value-binary}: an amqp-value holding binary, its bytes;
 *   <li>{@code amqp-value-string}: an amqp-value holding a string, its UTF-8 bytes;
 *   <li>{@code amqp-value}: any other amqp-value (list, map, number, described, null), the
 *       section's AMQP encoding;
 *   <li>{@code amqp-sequence}: amqp-sequence sections, their AMQP encoding;
 *   <li>{@code none}: no body section, no bytes;
 *   <li>{@code undecodable}: the encoding could not be decoded, the bytes from where it failed.
 * </ul>
 *
 * At most {@value #MAX_BODY} bytes are kept (a longer body is cut there, which admission rejects
 * {@code too-large} under its default cap): the core message must fit one journal record (WildFly's
 * journal files are 10 MiB). String application properties (e.g. {@code quorate_transport}) are
 * copied.
 */
public final class AmqpBodyTransformer implements Transformer {
  /** The string property naming the AMQP body kind; absent on messages that were not AMQP. */
  public static final String BODY_PROPERTY = "quorate_amqp_body";

  /** Most application properties copied. */
  static final int MAX_PROPERTIES = 32;

  /** Most body bytes kept (8 MiB): a core message must fit one 10 MiB journal record. */
  static final int MAX_BODY = 8 * 1024 * 1024;

  /** Most AMQP bytes read from a large message: the body cap plus room for the other sections. */
  static final int MAX_READ = MAX_BODY + 64 * 1024;

  private static final Logger LOG = Logger.getLogger(AmqpBodyTransformer.class.getName());

  private static final ThreadLocal<DecoderImpl> DECODER =
      ThreadLocal.withInitial(
          () -> {
            DecoderImpl decoder = new DecoderImpl();
            AMQPDefinedTypes.registerAllTypes(decoder, new EncoderImpl(decoder));
            return decoder;
          });

  @Override
  public Message transform(Message message) {
    if (!(message instanceof AMQPMessage amqp)) {
      return message;
    }
    byte[] encoded;
    boolean cut;
    try {
      encoded = encoding(amqp);
      cut = encoded.length >= MAX_READ;
    } catch (Exception | LinkageError e) {
      LOG.log(Level.WARNING, "AMQP message " + message.getMessageID() + " could not be read", e);
      encoded = new byte[0];
      cut = false;
    }
    Body body = body(encoded, cut);
    CoreMessage core =
        new CoreMessage(message.getMessageID(), Math.min(body.bytes.length, MAX_BODY) + 512);
    core.setType(Message.BYTES_TYPE);
    core.getBodyBuffer().writeBytes(body.bytes, 0, Math.min(body.bytes.length, MAX_BODY));
    core.setAddress(message.getAddressSimpleString());
    core.setRoutingType(message.getRoutingType());
    core.setDurable(message.isDurable());
    core.setPriority(message.getPriority());
    core.setExpiration(message.getExpiration());
    core.setTimestamp(System.currentTimeMillis());
    core.setUserID(UUIDGenerator.getInstance().generateUUID());
    core.putStringProperty(BODY_PROPERTY, body.kind);
    copyStringProperties(amqp, core);
    if (message instanceof LargeServerMessage large) {
      discard(large);
    }
    return core;
  }

  /**
   * Copies the string-valued application properties (at most {@value #MAX_PROPERTIES}, names that
   * are not Artemis' own), e.g. {@code quorate_transport}.
   */
  private static void copyStringProperties(AMQPMessage amqp, CoreMessage core) {
    try {
      int copied = 0;
      for (SimpleString name : amqp.getPropertyNames()) {
        String key = name.toString();
        if (copied >= MAX_PROPERTIES || key.startsWith("_") || key.equals(BODY_PROPERTY)) {
          continue;
        }
        if (amqp.getObjectProperty(key) instanceof String value) {
          core.putStringProperty(key, value);
          copied++;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Application properties not copied", e);
    }
  }

  /** The diverted copy of a large message is replaced: its file is not referenced any more. */
  private static void discard(LargeServerMessage large) {
    try {
      large.deleteFile();
    } catch (Exception e) {
      LOG.log(Level.FINE, "Could not delete the replaced large message file", e);
    }
  }

  /** The whole AMQP encoding of the message (for a large message, at most {@link #MAX_READ}). */
  private static byte[] encoding(AMQPMessage amqp) throws Exception {
    if (amqp instanceof LargeServerMessage large) {
      try (LargeBodyReader reader = large.getLargeBodyReader()) {
        reader.open();
        byte[] out = new byte[(int) Math.min(reader.getSize(), MAX_READ)];
        int read = 0;
        while (read < out.length) {
          // readInto may leave the buffer flipped: count what it returns, not its position
          int n = reader.readInto(ByteBuffer.wrap(out, read, out.length - read));
          if (n <= 0) {
            break;
          }
          read += n;
        }
        return read == out.length ? out : Arrays.copyOf(out, read);
      }
    }
    // persist() writes the encoding's length, then the encoding (re-encoded if changed)
    ActiveMQBuffer record = ActiveMQBuffers.fixedBuffer(amqp.getPersistSize());
    amqp.persist(record);
    int length = record.readInt();
    byte[] out = new byte[Math.min(length, MAX_READ)];
    record.readBytes(out);
    return out;
  }

  /** What the message body is, and its bytes. Never throws. */
  static Body body(byte[] encoded, boolean cut) {
    DecoderImpl decoder = DECODER.get();
    ByteBuffer in = ByteBuffer.wrap(encoded);
    ReadableBuffer readable = ReadableBuffer.ByteBufferReader.wrap(in);
    decoder.setBuffer(readable);
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    ByteArrayOutputStream other = new ByteArrayOutputStream();
    String kind = null;
    try {
      while (readable.hasRemaining()) {
        int start = readable.position();
        Object section;
        try {
          section = decoder.readObject();
        } catch (RuntimeException e) {
          byte[] rest = Arrays.copyOfRange(encoded, start, encoded.length);
          if (cut && (kind == null || "data".equals(kind))) {
            byte[] payload = dataPayload(rest);
            if (payload != null) {
              data.write(payload, 0, payload.length);
              return new Body("data", data.toByteArray());
            }
          }
          if ("data".equals(kind)) {
            data.write(rest, 0, rest.length);
            return new Body("undecodable", data.toByteArray());
          }
          return new Body("undecodable", rest);
        }
        int end = readable.position();
        if (section instanceof Data d) {
          Binary b = d.getValue();
          if (b != null) {
            data.write(b.getArray(), b.getArrayOffset(), b.getLength());
          }
          kind = kind == null || "data".equals(kind) ? "data" : kind;
        } else if (section instanceof AmqpValue v) {
          Object value = v.getValue();
          if (kind == null && value instanceof Binary b) {
            return new Body(
                "amqp-value-binary",
                Arrays.copyOfRange(
                    b.getArray(), b.getArrayOffset(), b.getArrayOffset() + b.getLength()));
          }
          if (kind == null && value instanceof String s) {
            return new Body("amqp-value-string", s.getBytes(StandardCharsets.UTF_8));
          }
          other.write(encoded, start, end - start);
          kind = kind == null ? "amqp-value" : kind;
        } else if (section instanceof AmqpSequence) {
          other.write(encoded, start, end - start);
          kind = kind == null ? "amqp-sequence" : kind;
        }
        // header, annotations, properties, application properties, footer: not body
      }
    } finally {
      decoder.setBuffer(null);
    }
    if (kind == null) {
      return new Body("none", new byte[0]);
    }
    return "data".equals(kind)
        ? new Body(kind, data.toByteArray())
        : new Body(kind, other.toByteArray());
  }

  /**
   * The payload of a data section whose encoding was cut short: descriptor {@code 0x00 0x53 0x75},
   * then vbin8 ({@code 0xa0}, one length byte) or vbin32 ({@code 0xb0}, four), then the bytes we
   * have. Null when the bytes are not the start of a data section.
   */
  static byte[] dataPayload(byte[] section) {
    if (section.length < 5 || section[0] != 0x00 || section[1] != 0x53 || section[2] != 0x75) {
      return null;
    }
    int header = section[3] == (byte) 0xa0 ? 5 : section[3] == (byte) 0xb0 ? 8 : -1;
    if (header < 0 || section.length < header) {
      return null;
    }
    return Arrays.copyOfRange(section, header, section.length);
  }

  /** The body kind ({@value #BODY_PROPERTY}) and its bytes. */
  record Body(String kind, byte[] bytes) {}
}
