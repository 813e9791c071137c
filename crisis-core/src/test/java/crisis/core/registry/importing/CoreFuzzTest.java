package crisis.core.registry.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import crisis.core.common.FieldError;
import crisis.core.common.Json;
import crisis.core.common.ValidationException;
import crisis.core.geo.ZoneParser;
import crisis.core.outreach.Keyword;
import crisis.core.outreach.ReplyMeaning;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationValidator;
import crisis.core.testing.Samples;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Fuzzing of what the outside world sends, below HTTP: any CSV row, any GeoJSON, any SMS reply gives a result or the
 * documented refusal (field errors, {@link ValidationException} and its malformed-input kind), never another
 * exception. Tries: {@code jqwik.tries.default} (200 in {@code mvn test}; RELIABILITY.md gives the longer run).
 */
@Tag("fast")
class CoreFuzzTest {
  private static final String VALID_ROW = CsvFormat.write(Samples.parisian(1)).strip();
  private static final RegistrationValidator VALIDATOR = new RegistrationValidator();
  private static final ZoneParser ZONES = new ZoneParser(10_000);

  /** Text with the characters that broke things before: NUL, surrogates, bidi controls, quotes, Arabic, huge. */
  static Arbitrary<String> hostileText() {
    Arbitrary<String> pieces = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.of("\u0000", "\ud800", "\udc00", "\u202e", "\u2066", "\u200f", "\"", "\"\"", ",", "\n", "\r\n",
            ";", "\ufeff", "0x1p5", "NaN", "-Infinity", "1e999", "١٢٣", "فاطمة", "  ", "", "\\", "%00", "null",
            "2026-02-30", "+33612345678", "+0000000000000000", "9".repeat(400)),
        Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(25),
        Arbitraries.strings().alpha().ofMaxLength(12));
    return pieces.list().ofMaxSize(6).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> csvRows() {
    // A valid row with some of its cells replaced by hostile text, or cells dropped or added.
    List<String> cells = List.of(VALID_ROW.split(",", -1));
    Arbitrary<Integer> index = Arbitraries.integers().between(0, cells.size() - 1);
    Arbitrary<List<String>> edited = Combinators.combine(index.list().ofMaxSize(5), hostileText().list().ofSize(5),
        Arbitraries.integers().between(-2, 2)).as((at, text, extra) -> {
          List<String> out = new ArrayList<>(cells);
          for (int i = 0; i < at.size(); i++) {
            out.set(at.get(i), text.get(i));
          }
          for (int i = 0; i < extra; i++) {
            out.add(text.get(i));
          }
          for (int i = 0; i > extra && !out.isEmpty(); i--) {
            out.remove(out.size() - 1);
          }
          return out;
        });
    return Arbitraries.oneOf(edited.map(l -> String.join(",", l)), hostileText());
  }

  @Property
  void anyCsvRowGivesARegistrationOrFieldErrors(@ForAll("csvRows") String row) throws Exception {
    String csv = CsvFormat.header() + "\n" + row + "\n";
    try (CSVParser p = CSVParser.builder().setReader(new StringReader(csv)).setFormat(RegistrationImporter.format())
        .get()) {
      var it = p.iterator();
      int[] pos = CsvFormat.positions(it.next().toList());
      while (it.hasNext()) {
        CSVRecord r = it.next();
        List<FieldError> errors = new ArrayList<>();
        RegistrationData d = CsvFormat.parse(r.values(), pos, errors);
        if (d != null && errors.isEmpty()) {
          RegistrationData ok = VALIDATOR.check(d, errors);
          assertThat(ok == null).isEqualTo(!errors.isEmpty());
        }
        assertThat(errors).allSatisfy(e -> assertThat(e.field()).isNotBlank());
      }
    } catch (java.io.UncheckedIOException e) {
      // commons-csv's own refusal of a broken quote: the importer reports it as a malformed file
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> geoJson() {
    Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.doubles().between(-400, 400).map(String::valueOf),
        Arbitraries.of("1e999", "-0", "\"1\"", "null", "true", "[]", "{}", "180", "-180", "90", "-90"));
    Arbitrary<String> position = number.list().ofMinSize(0).ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> ring = position.list().ofMaxSize(8).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> polygon = ring.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> type = Arbitraries.of("Polygon", "MultiPolygon", "Point", "LineString", "Feature",
        "FeatureCollection", "GeometryCollection", "polygon", "");
    Arbitrary<String> geometry = Combinators.combine(type, polygon, polygon.list().ofMaxSize(3))
        .as((t, p, mp) -> "{\"type\":\"" + t + "\",\"coordinates\":"
            + (t.startsWith("Multi") ? "[" + String.join(",", mp) + "]" : p) + "}");
    Arbitrary<String> feature = geometry.map(g -> "{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + g + "}");
    Arbitrary<String> collection = feature.list().ofMaxSize(3)
        .map(l -> "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", l) + "]}");
    return Arbitraries.oneOf(geometry, feature, collection, hostileText().map(Json::write));
  }

  @Property
  void anyGeoJsonGivesAZoneOrAFieldError(@ForAll("geoJson") String json) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      return; // not JSON at all: the HTTP layer answers 400 before the parser
    }
    try {
      assertThat(ZONES.parse(node, "zone")).isNotNull();
    } catch (ValidationException e) { // MalformedInputException too
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property
  void anySmsReplyIsUnderstoodOrNot(@ForAll("replies") String body) {
    Keyword k = Keyword.of(body);
    assertThat(k).isNotNull();
    assertThat(ReplyMeaning.of(k)).isNotNull();
  }

  @Provide
  Arbitrary<String> replies() {
    return Arbitraries.oneOf(hostileText(), Arbitraries.of("1", "2", " 1 ", "HELP", "aide", "مساعدة", "آمن", "STOP",
        "start", "١", "٢", "SAFE!!!", "safe help", "1 2")
        .list().ofMaxSize(3).map(l -> String.join(" ", l)));
  }
}
