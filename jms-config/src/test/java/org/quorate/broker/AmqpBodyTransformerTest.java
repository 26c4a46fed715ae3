package org.quorate.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.DescribedType;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.UnsignedInteger;
import org.apache.qpid.proton.amqp.messaging.AmqpSequence;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.Header;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.codec.AMQPDefinedTypes;
import org.apache.qpid.proton.codec.DecoderImpl;
import org.apache.qpid.proton.codec.EncoderImpl;
import org.apache.qpid.proton.codec.WritableBuffer;
import org.junit.jupiter.api.Test;

/** The body kinds of {@link AmqpBodyTransformer#body}, from AMQP encodings made with proton-j. */
class AmqpBodyTransformerTest {
  private static byte[] encode(Object... sections) {
    DecoderImpl decoder = new DecoderImpl();
    EncoderImpl encoder = new EncoderImpl(decoder);
    AMQPDefinedTypes.registerAllTypes(decoder, encoder);
    ByteBuffer out = ByteBuffer.allocate(1 << 20);
    encoder.setByteBuffer(new WritableBuffer.ByteBufferWrapper(out));
    for (Object s : sections) {
      encoder.writeObject(s);
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  private static Object[] withHeaders(Object... body) {
    Header h = new Header();
    h.setDurable(true);
    Properties p = new Properties();
    p.setMessageId("m-1");
    ApplicationProperties a = new ApplicationProperties(Map.of("quorate_transport", "amqp"));
    Object[] all = new Object[body.length + 3];
    all[0] = h;
    all[1] = p;
    all[2] = a;
    System.arraycopy(body, 0, all, 3, body.length);
    return all;
  }

  private static AmqpBodyTransformer.Body body(Object... sections) {
    return AmqpBodyTransformer.body(encode(withHeaders(sections)), false);
  }

  @Test
  void oneDataSectionIsItsBytes() {
    var b = body(new Data(new Binary(new byte[] {0x30, 0x03, 1, 2, 3})));
    assertThat(b.kind()).isEqualTo("data");
    assertThat(b.bytes()).containsExactly(0x30, 0x03, 1, 2, 3);
  }

  @Test
  void severalDataSectionsAreConcatenated() {
    var b = body(new Data(new Binary(new byte[] {1, 2})), new Data(new Binary(new byte[] {3})));
    assertThat(b.kind()).isEqualTo("data");
    assertThat(b.bytes()).containsExactly(1, 2, 3);
  }

  @Test
  void emptyDataSectionIsNoBytes() {
    var b = body(new Data(new Binary(new byte[0])));
    assertThat(b.kind()).isEqualTo("data");
    assertThat(b.bytes()).isEmpty();
  }

  @Test
  void amqpValueBinaryIsItsBytes() {
    var b = body(new AmqpValue(new Binary(new byte[] {9, 8})));
    assertThat(b.kind()).isEqualTo("amqp-value-binary");
    assertThat(b.bytes()).containsExactly(9, 8);
  }

  @Test
  void amqpValueStringIsUtf8() {
    var b = body(new AmqpValue("zażółć"));
    assertThat(b.kind()).isEqualTo("amqp-value-string");
    assertThat(new String(b.bytes(), StandardCharsets.UTF_8)).isEqualTo("zażółć");
  }

  @Test
  void amqpValueListOfUnsignedIntsKeepsTheSectionEncoding() {
    AmqpValue list = new AmqpValue(List.of(UnsignedInteger.valueOf(1), UnsignedInteger.valueOf(2)));
    var b = body(list);
    assertThat(b.kind()).isEqualTo("amqp-value");
    assertThat(b.bytes()).isEqualTo(encode(list));
  }

  @Test
  void mapDescribedAndSequenceBodiesAreNamed() {
    assertThat(body(new AmqpValue(Map.of(UnsignedInteger.ONE, List.of()))).kind())
        .isEqualTo("amqp-value");
    DescribedType described =
        new DescribedType() {
          @Override
          public Object getDescriptor() {
            return Symbol.valueOf("quorate:test");
          }

          @Override
          public Object getDescribed() {
            return "x";
          }
        };
    assertThat(body(new AmqpValue(described)).kind()).isEqualTo("amqp-value");
    AmqpSequence seq = new AmqpSequence(List.of(UnsignedInteger.ONE));
    var b = body(seq, seq);
    assertThat(b.kind()).isEqualTo("amqp-sequence");
    assertThat(b.bytes()).hasSize(2 * encode(seq).length);
  }

  @Test
  void noBodyIsNone() {
    var b = body();
    assertThat(b.kind()).isEqualTo("none");
    assertThat(b.bytes()).isEmpty();
  }

  @Test
  void garbageIsUndecodableWithItsBytes() {
    byte[] garbage = {(byte) 0xff, 0x01, 0x02};
    var b = AmqpBodyTransformer.body(garbage, false);
    assertThat(b.kind()).isEqualTo("undecodable");
    assertThat(b.bytes()).containsExactly(garbage);
  }

  @Test
  void aDataSectionCutShortKeepsWhatArrived() {
    byte[] big = new byte[300];
    Arrays.fill(big, (byte) 7);
    byte[] whole = encode(withHeaders(new Data(new Binary(big))));
    byte[] cut = Arrays.copyOf(whole, whole.length - 100);
    var b = AmqpBodyTransformer.body(cut, true);
    assertThat(b.kind()).isEqualTo("data");
    assertThat(b.bytes()).hasSize(200).containsOnly(7);
  }
}
