package crisis.core.registry.importing;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.registry.Sex;
import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class WrittenValuesTest {

  @Test
  void aDateIsReadDayFirstAsFrenchAndMoroccanRegistersWriteIt() {
    assertThat(WrittenValues.dayMonthYear("03/04/1985")).isEqualTo(LocalDate.of(1985, 4, 3));
    assertThat(WrittenValues.dayMonthYear(" 1.3.1985 ")).isEqualTo(LocalDate.of(1985, 3, 1));
    assertThat(WrittenValues.dayMonthYear("14-03-1985")).isEqualTo(LocalDate.of(1985, 3, 14));
    assertThat(WrittenValues.dayMonthYear("31/02/1985")).as("no such day").isNull();
    assertThat(WrittenValues.dayMonthYear("03/14/1985")).as("month first is never guessed").isNull();
    assertThat(WrittenValues.dayMonthYear("14/03-1985")).as("one separator").isNull();
    assertThat(WrittenValues.dayMonthYear("14/03/85")).as("a two-digit year is ambiguous").isNull();
  }

  @Test
  void aSexWrittenOutInFrenchEnglishOrArabicIsRead() {
    assertThat(WrittenValues.sex("Féminin")).isEqualTo(Sex.F);
    assertThat(WrittenValues.sex("HOMME")).isEqualTo(Sex.M);
    assertThat(WrittenValues.sex("أنثى")).isEqualTo(Sex.F);
    assertThat(WrittenValues.sex("ذكر")).isEqualTo(Sex.M);
    assertThat(WrittenValues.sex("peut-être")).isNull();
  }

  @Test
  void aFullNameIsSplitByTheCommaTheCapitalsOrTheHeadersOrder() {
    assertThat(WrittenValues.fullName("EL AMRANI, Fatima Zahra", false)).containsExactly("Fatima Zahra", "EL AMRANI");
    assertThat(WrittenValues.fullName("Fatima Zahra EL AMRANI", true)).as("capitals win over the header's order")
        .containsExactly("Fatima Zahra", "EL AMRANI");
    assertThat(WrittenValues.fullName("N'DIAYE  Aïssatou", false)).containsExactly("Aïssatou", "N'DIAYE");
    assertThat(WrittenValues.fullName("Fatima El Amrani", false)).containsExactly("Fatima", "El Amrani");
    assertThat(WrittenValues.fullName("Karim Aït Ben Ali", false)).containsExactly("Karim", "Aït Ben Ali");
    assertThat(WrittenValues.fullName("Ben Salah Karim", true)).containsExactly("Karim", "Ben Salah");
    assertThat(WrittenValues.fullName("Dupont Jean Pierre", true)).containsExactly("Jean Pierre", "Dupont");
    assertThat(WrittenValues.fullName("FATIMA EL AMRANI", false)).as("all in capitals: the header's order")
        .containsExactly("FATIMA", "EL AMRANI");
    assertThat(WrittenValues.fullName("El Amrani", false)).as("a particle alone is not a family name")
        .containsExactly("El", "Amrani");
    assertThat(WrittenValues.fullName("عبد الله العمراني", false)).containsExactly("عبد الله", "العمراني");
    assertThat(WrittenValues.fullName("فاطمة الزهراء العمراني", false)).containsExactly("فاطمة", "الزهراء العمراني");
    assertThat(WrittenValues.fullName("Fatima", false)).isNull();
    assertThat(WrittenValues.fullName(", Fatima", false)).isNull();
  }

  @Test
  void theFormatsCodesAreReadFromTheWordsConsulatesWrite() {
    assertThat(WrittenValues.word(crisis.core.registry.ResidenceType.class, "Résident"))
        .isEqualTo(crisis.core.registry.ResidenceType.RESIDENT);
    assertThat(WrittenValues.word(crisis.core.registry.ResidenceType.class, "de passage"))
        .isEqualTo(crisis.core.registry.ResidenceType.TEMPORARY);
    assertThat(WrittenValues.word(crisis.core.registry.ConsentMethod.class, "EN PERSONNE"))
        .isEqualTo(crisis.core.registry.ConsentMethod.IN_PERSON);
    assertThat(WrittenValues.word(crisis.core.registry.Relation.class, "Sœur"))
        .isEqualTo(crisis.core.registry.Relation.SIBLING);
    assertThat(WrittenValues.word(crisis.core.registry.Relation.class, "أم"))
        .isEqualTo(crisis.core.registry.Relation.PARENT);
    assertThat(WrittenValues.word(crisis.core.registry.Language.class, "Français"))
        .isEqualTo(crisis.core.registry.Language.FR);
    assertThat(WrittenValues.word(crisis.core.registry.Language.class, "العربية"))
        .isEqualTo(crisis.core.registry.Language.AR);
    assertThat(WrittenValues.word(crisis.core.registry.StayPurpose.class, "Omra"))
        .isEqualTo(crisis.core.registry.StayPurpose.PILGRIMAGE);
    assertThat(WrittenValues.word(crisis.core.registry.ResidenceType.class, "peut-être")).isNull();
    assertThat(WrittenValues.word(crisis.core.registry.Sex.class, "Résident")).as("a word of another code").isNull();
  }
}
