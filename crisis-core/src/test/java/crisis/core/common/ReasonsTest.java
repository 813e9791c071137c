package crisis.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reasons' catalogue: the sentences the rules write, found with their code and parameters. */
class ReasonsTest {

  @Test
  void aSentenceGivesItsCodeAndItsParametersNumbersAsNumbersDataAsText() {
    assertThat(Reasons.of("is required, at most 200 printable characters"))
        .isEqualTo(new Reasons.Coded("requiredAtMost", List.of(200L)));
    assertThat(Reasons.of("is required, up to 2,000 characters: what the partner is asked"))
        .isEqualTo(new Reasons.Coded("requiredAtMost", List.of(2000L)));
    assertThat(Reasons.of("is required (F, M or X)")).isEqualTo(new Reasons.Coded("required", List.of()));
    assertThat(Reasons.of("is longer than an SMS can be (1600 characters)"))
        .isEqualTo(new Reasons.Coded("atMost", List.of(1600L)));
    assertThat(Reasons.of("Amina El Idrissi needs a laissez-passer before boarding"))
        .isEqualTo(new Reasons.Coded("needsLaissezPasser", List.of("Amina El Idrissi")));
    assertThat(Reasons.of("the case is at version 4, not 3: read it again"))
        .isEqualTo(new Reasons.Coded("staleVersion", List.of(4L, 3L)));
    assertThat(Reasons.of("need 3f2a9c1e-0000-4000-8000-000000000001 is at version 2, not 1: read the case again"))
        .isEqualTo(new Reasons.Coded("staleVersion", List.of(2L, 1L)));
    assertThat(Reasons.of("zones[0].geometry.coordinates[0]: x").code()).isNull();
    // A figure that is not a whole number stays text; a boarding code of digits too long for one, too.
    assertThat(Reasons.of("self-intersection near longitude 13.2, latitude 32.9; repaired into 2 areas (check the "
        + "zone before sending)")).isEqualTo(new Reasons.Coded("repaired", List.of("self-intersection", "13.2",
            "32.9", 2L)));
    assertThat(Reasons.of("no household has boarding code 1234567890123456789012").params())
        .containsExactly("1234567890123456789012");
  }

  @Test
  void aSentenceOfNoKnownShapeHasNoCodeAndIsKeptAsWritten() {
    FieldError e = new FieldError("arrivalDate", "is before 1900-01-01");
    assertThat(e.code()).isNull();
    assertThat(e.params()).isEmpty();
    assertThat(e.reason()).isEqualTo("is before 1900-01-01");
  }

  @Test
  void theCodeAndParametersGoWithTheReasonInJsonAndAreIgnoredWhenReadBack() {
    String json = Json.write(new FieldError("givenNameLatin", "is longer than 100 characters"));
    assertThat(json).isEqualTo("{\"field\":\"givenNameLatin\",\"reason\":\"is longer than 100 characters\","
        + "\"code\":\"atMost\",\"params\":[100]}");
    assertThat(Json.read(json, FieldError.class)).isEqualTo(new FieldError("givenNameLatin",
        "is longer than 100 characters"));
    assertThat(Json.write(new FieldError("phone", "is required"))).isEqualTo(
        "{\"field\":\"phone\",\"reason\":\"is required\",\"code\":\"required\"}");
  }

  @Test
  void theRulesOwnSentencesAreFound() {
    // Written by the rules themselves, not copied: a change of wording that loses its code turns this red.
    assertThat(Reasons.of(PhoneNumbers.mobile("0612345678").error()))
        .isEqualTo(new Reasons.Coded("phoneInternational", List.of("+33612345678")));
    assertThat(Reasons.of(PhoneNumbers.mobile("+33 1 45 67 89 01").error()).code()).isEqualTo("phoneNotMobile");
    assertThat(Reasons.of(PhoneNumbers.mobile("+33 9").error()).code()).isEqualTo("phoneNot");
    assertThat(Reasons.of(PersonNames.problem(" ")).code()).isEqualTo("required");
    assertThat(Reasons.of(PersonNames.problem("=HYPERLINK(x)")).code()).isEqualTo("nameStart");
    assertThat(Reasons.of(PersonNames.problem("Amina <b>")).code()).isEqualTo("nameCharacters");
  }
}
