package crisis.core.registry.importing;

import static crisis.core.testing.Samples.parisian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.common.FieldError;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationValidator;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CsvFormatTest {

  @Test
  void writtenRowsReadBackToTheSameRegistration() throws Exception {
    RegistrationData d = new RegistrationValidator().validate(parisian(1));
    List<FieldError> errors = new ArrayList<>();
    RegistrationData back = readOne(CsvFormat.header() + "\n" + CsvFormat.write(d), errors);
    assertThat(errors).isEmpty();
    assertThat(new RegistrationValidator().validate(back)).isEqualTo(d);
  }

  @Test
  void acceptsColumnsInAnyOrderAndCaseWithABom() {
    int[] pos = CsvFormat.positions(List.of("\uFEFFPHONE", "given_name_latin", "family_name_latin", "date_of_birth",
        "sex", "passport_number", "preferred_language", "country_of_residence", "residence_type",
        "consent_purposes", "consent_given_at", "consent_method"));
    assertThat(pos[CsvFormat.Column.PHONE.ordinal()]).isZero();
    assertThat(pos[CsvFormat.Column.NATIONAL_ID.ordinal()]).isEqualTo(-1);
  }

  @Test
  void refusesRepeatedAndMissingColumns() {
    assertThatThrownBy(() -> CsvFormat.positions(List.of("phone", "phone")))
        .hasMessageContaining("'phone' appears twice");
    assertThatThrownBy(() -> CsvFormat.positions(List.of("phone")))
        .hasMessageContaining("missing columns").hasMessageContaining("national_id or passport_number");
  }

  @Test
  void aHeaderOfAHundredThousandUnknownColumnsGetsAShortAnswer() {
    List<String> header = new ArrayList<>(List.of(CsvFormat.header().split(",")));
    for (int i = 0; i < 100_000; i++) {
      header.add("made_up_column_with_a_long_name_number_" + i);
    }
    assertThatThrownBy(() -> CsvFormat.positions(header))
        .hasMessageStartingWith("unknown columns 'made_up_column_with_a_long_name_number_0', ")
        .hasMessageContaining(" and 99995 more; the columns are: ")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(1500));
  }

  @Test
  void namesTheColumnOfEachTypeError() throws Exception {
    String row = CsvFormat.write(parisian(1)).replace(",F,", ",feminine?,").replace("48.8686", "north");
    List<FieldError> errors = new ArrayList<>();
    readOne(CsvFormat.header() + "\n" + row, errors);
    assertThat(errors).extracting(FieldError::field).containsExactly("latitude", "sex");
    assertThat(errors.get(1).reason()).contains("'feminine?' is not one of [F, M, X]");
  }

  @Test
  void aReadingErrorKeepsItsOwnColumnAndAConsentDateIsReadDayFirst() {
    assertThat(CsvFormat.columnOf("consent_given_at")).isEqualTo("consent_given_at");
    assertThat(CsvFormat.columnOf("consent_method")).isEqualTo("consent_method");
    assertThat(CsvFormat.columnOf("location_source")).isEqualTo("location_source");
    assertThat(CsvFormat.columnOf("consent.givenAt")).isEqualTo("consent_given_at");
    assertThat(CsvFormat.columnOf("consent.purposes")).isEqualTo("consent_purposes");
    assertThat(CsvFormat.columnOf("household[1].dateOfBirth")).isEqualTo("household");
  }

  @Test
  void aHexadecimalOrNotANumberLatitudeIsNotADecimal() throws Exception {
    for (String bad : new String[] {"0x1p5", "NaN", "1d"}) {
      List<FieldError> errors = new ArrayList<>();
      readOne(CsvFormat.header() + "\n" + CsvFormat.write(parisian(1)).replace("48.8686", bad), errors);
      assertThat(errors).as(bad).extracting(FieldError::field).containsExactly("latitude");
      assertThat(errors.get(0).reason()).contains("is not a decimal number");
    }
  }

  @Test
  void mapsValidatorFieldsToColumns() {
    assertThat(CsvFormat.columnOf("location.latitude")).isEqualTo("latitude");
    assertThat(CsvFormat.columnOf("household[2].dateOfBirth")).isEqualTo("household");
    assertThat(CsvFormat.columnOf("emergencyContact.phone")).isEqualTo("emergency_contact_phone");
    assertThat(CsvFormat.columnOf("nationalId")).isEqualTo("national_id");
  }

  private static RegistrationData readOne(String csv, List<FieldError> errors) throws Exception {
    try (CSVParser p = CSVParser.builder().setReader(new StringReader(csv))
        .setFormat(RegistrationImporter.format()).get()) {
      Iterator<CSVRecord> it = p.iterator();
      int[] pos = CsvFormat.positions(it.next().toList());
      return CsvFormat.parse(it.next().values(), pos, errors);
    }
  }
}
