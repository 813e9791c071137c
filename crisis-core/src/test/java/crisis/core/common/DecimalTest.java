package crisis.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DecimalTest {
  @Test
  void decimalsAsPeopleAndSpreadsheetsWriteThem() {
    assertThat(Decimal.parse("48.8566")).isEqualTo(48.8566);
    assertThat(Decimal.parse(" -2 ")).isEqualTo(-2.0);
    assertThat(Decimal.parse(".5")).isEqualTo(0.5);
    assertThat(Decimal.parse("+13.")).isEqualTo(13.0);
    assertThat(Decimal.parse("1E-05")).isEqualTo(0.00001);
  }

  @Test
  void whatJavaWouldReadButNobodyMeant() {
    for (String s : new String[] {"0x1p5", "NaN", "Infinity", "-Infinity", "1d", "2.5f", "", " ", "48,85", "1e999",
        "١٢٫٥", "4 8"}) {
      assertThatThrownBy(() -> Decimal.parse(s)).as(s).isInstanceOf(NumberFormatException.class);
    }
  }
}
