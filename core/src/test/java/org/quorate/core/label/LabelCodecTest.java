package org.quorate.core.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelCodecTest {

  static byte[] resource(String name) throws IOException {
    try (InputStream in = LabelCodecTest.class.getResourceAsStream("/label/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }

  static Stream<Path> table17Labels() throws IOException {
    try (Stream<Path> s = Files.list(Corpora.labels())) {
      return s.filter(p -> p.toString().endsWith(".nato")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table17Labels")
  void table17LabelsRoundTripThroughJsonAndXml(Path file) throws Exception {
    ConfidentialityLabel read = LabelXml.read(Files.readAllBytes(file));
    ConfidentialityLabel viaJson = LabelJson.read(LabelJson.write(read));
    ConfidentialityLabel viaXml = LabelXml.read(LabelXml.write(viaJson));
    assertThat(viaJson).isEqualTo(read);
    assertThat(viaXml).isEqualTo(read);
  }

  @Test
  void table17Label4ReadsAsTheSpecExampleJson() throws Exception {
    ConfidentialityLabel xml =
        LabelXml.read(Files.readAllBytes(Corpora.labels().resolve("nato-4774-17-4.nato")));
    ConfidentialityLabel json = LabelJson.read(resource("spec-example.json"));
    assertThat(xml).isEqualTo(json);
    assertThat(json.category("Releasable To", CategoryType.PERMISSIVE).orElseThrow().values())
        .containsExactly("NATO", "JPN", "CHE", "UKR");
    assertThat(new String(LabelJson.write(json), StandardCharsets.UTF_8))
        .isEqualTo(new String(resource("spec-example.json"), StandardCharsets.UTF_8).strip());
  }

  @Test
  void writtenXmlIsAConfidentialityLabelInThe4774Namespace() {
    String xml =
        new String(
            LabelXml.write(TestLabels.nato("SECRET | Additional Sensitivity:R:ATOMAL")),
            StandardCharsets.UTF_8);
    assertThat(xml)
        .contains(
            "<ConfidentialityLabel xmlns=\"urn:nato:stanag:4774:confidentialitymetadatalabel:1:0\">")
        .contains("<Category TagName=\"Additional Sensitivity\" Type=\"RESTRICTIVE\">")
        .contains("<GenericValue>ATOMAL</GenericValue>");
  }

  @Test
  void policyIdentifierUrlIsUsedWhenTheTextIsEmpty() throws Exception {
    ConfidentialityLabel l = LabelXml.read(resource("label-policy-by-url.xml"));
    assertThat(l.policy()).isEqualTo("urn:oid:1.3.26.1.3.1");
    assertThat(SecurityPolicy.nato().validate(l).valid()).isTrue();
  }

  @Test
  void doctypeWithExternalEntityIsRefused() {
    assertThatThrownBy(() -> LabelXml.read(resource("label-doctype-entity.xml")))
        .isInstanceOf(LabelFormatException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void wrongNamespaceIsRefused() {
    assertThatThrownBy(() -> LabelXml.read(resource("label-wrong-namespace.xml")))
        .isInstanceOf(LabelFormatException.class)
        .hasMessageContaining("expected ConfidentialityLabel");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"label-unknown-field.json", "label-bad-type.json", "label-repeated-value.json"})
  void malformedJsonLabelsAreRefused(String name) {
    assertThatThrownBy(() -> LabelJson.read(resource(name)))
        .isInstanceOf(LabelFormatException.class)
        .hasMessageMatching(".*(unknown field 'caveat'|type 'OPEN'|repeats a value).*");
  }

  @Test
  void oversizeLabelsAreRefusedBeforeParsing() {
    byte[] big = new byte[LabelXml.MAX_BYTES + 1];
    assertThatThrownBy(() -> LabelXml.read(big)).hasMessageContaining("exceeds");
    assertThatThrownBy(() -> LabelJson.read(big)).hasMessageContaining("exceeds");
  }

  @Test
  void tooManyCategoriesAreRefused() {
    StringBuilder sb = new StringBuilder("{\"policy\":\"NATO\",\"classification\":\"SECRET\",");
    sb.append("\"categories\":[");
    for (int i = 0; i <= ConfidentialityLabel.MAX_CATEGORIES; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"tagName\":\"T")
          .append(i)
          .append("\",\"type\":\"INFORMATIVE\",\"values\":[\"x\"]}");
    }
    sb.append("]}");
    assertThatThrownBy(() -> LabelJson.read(sb.toString().getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("more than 64 categories");
  }

  @Property(tries = 200)
  void anyLabelRoundTripsThroughJsonAndXml(@ForAll("labels") ConfidentialityLabel label)
      throws Exception {
    assertThat(LabelJson.read(LabelJson.write(label))).isEqualTo(label);
    assertThat(LabelXml.read(LabelXml.write(label))).isEqualTo(label);
  }

  @Provide
  Arbitrary<ConfidentialityLabel> labels() {
    Arbitrary<String> text =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withChars('é', 'ï', '&', '<', '"', '\'')
            .ofMinLength(1)
            .ofMaxLength(20)
            .filter(s -> !s.isBlank() && s.strip().equals(s));
    Arbitrary<SecurityCategory> cat =
        Combinators.combine(
                text,
                Arbitraries.of(CategoryType.class),
                text.list().uniqueElements().ofMinSize(1).ofMaxSize(5))
            .as(SecurityCategory::new);
    Arbitrary<List<SecurityCategory>> cats =
        cat.list().ofMaxSize(4).uniqueElements(c -> c.tagName() + "/" + c.type());
    return Combinators.combine(text, text, cats).as(ConfidentialityLabel::new);
  }
}
