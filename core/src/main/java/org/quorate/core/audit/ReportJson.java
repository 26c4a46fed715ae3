package org.quorate.core.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.quorate.core.quorum.Fraction;
import org.quorate.core.quorum.QuorumRule;
import org.quorate.core.quorum.QuorumStatus;
import org.quorate.core.quorum.Verdict;

/**
 * The JSON form of a {@link VerificationReport}, one shape for the CLI ({@code quorate verify
 * --json}) and any other renderer: {@code {"passed":bool,"checks":[{"check","subject","passed",
 * "reasonCode","detail"}],"reconstruction":{…the record's components…}|null}}. Times are RFC 3339
 * strings, durations ISO 8601, statuses, rules and verdicts their SPEC wire names ({@code
 * provisionally-adopted}), fractions {@code "p/q"}, other enums lower-case with hyphens.
 */
public final class ReportJson {
  private static final JsonMapper MAPPER = mapper();

  private ReportJson() {}

  /**
   * @param report a report
   * @return its JSON tree
   */
  public static ObjectNode tree(VerificationReport report) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("passed", report.passed());
    o.set("checks", MAPPER.valueToTree(report.checks()));
    o.set("reconstruction", MAPPER.valueToTree(report.reconstruction()));
    return o;
  }

  /**
   * @param report a report
   * @return its JSON, indented
   */
  public static String text(VerificationReport report) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static JsonMapper mapper() {
    SimpleModule m = new SimpleModule("quorate-audit");
    m.addSerializer(Instant.class, new ToText<>(Instant::toString));
    m.addSerializer(Duration.class, new ToText<>(Duration::toString));
    m.addSerializer(Fraction.class, new ToText<>(f -> f.numerator() + "/" + f.denominator()));
    m.addSerializer(QuorumStatus.class, new ToText<>(QuorumStatus::wire));
    m.addSerializer(QuorumRule.class, new ToText<>(QuorumRule::wire));
    m.addSerializer(Verdict.class, new ToText<>(Verdict::wire));
    @SuppressWarnings({"rawtypes", "unchecked"})
    JsonSerializer<Enum> enums =
        new ToText<Enum>(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    m.addSerializer(Enum.class, enums);
    return JsonMapper.builder().addModule(m).build();
  }

  /** Writes a value as the text a function gives. */
  private static final class ToText<T> extends JsonSerializer<T> {
    private final java.util.function.Function<T, String> text;

    ToText(java.util.function.Function<T, String> text) {
      this.text = text;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(text.apply(value));
    }
  }
}
