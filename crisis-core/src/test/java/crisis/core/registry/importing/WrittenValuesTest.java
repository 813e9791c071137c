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
}
