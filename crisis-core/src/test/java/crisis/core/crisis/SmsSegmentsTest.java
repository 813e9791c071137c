package crisis.core.crisis;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.crisis.SmsSegments.Encoding;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SmsSegmentsTest {

  @Test
  void gsm7Uses160Then153PerSegment() {
    assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments.Count(Encoding.GSM7, 160, 1));
    assertThat(SmsSegments.of("a".repeat(161)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
  }

  @Test
  void frenchAccentsOfTheGsmAlphabetStayGsm7ButOthersDoNot() {
    assertThat(SmsSegments.of("Rendez-vous à l'école, évitez le centre.").encoding()).isEqualTo(Encoding.GSM7);
    assertThat(SmsSegments.of("Dirigez-vous vers l'aéroport où un vol spécial est prévu; côté nord.").encoding())
        .isEqualTo(Encoding.UCS2);
    assertThat(SmsSegments.of("¿Está a salvo? Responda SÍ").encoding()).isEqualTo(Encoding.UCS2);
    assertThat(SmsSegments.of("¿Esta a salvo? Responda 1").encoding()).isEqualTo(Encoding.GSM7);
  }

  @Test
  void extensionCharactersCountTwiceAndAreNotSplit() {
    assertThat(SmsSegments.of("€".repeat(80))).isEqualTo(new SmsSegments.Count(Encoding.GSM7, 160, 1));
    assertThat(SmsSegments.of("€".repeat(81)).segments()).isEqualTo(2);
    // 152 plain septets then a two-septet character: it moves whole to the second segment.
    assertThat(SmsSegments.of("a".repeat(152) + "€" + "a".repeat(10)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("a".repeat(152) + "€".repeat(77)).segments()).isEqualTo(3);
  }

  @Test
  void arabicIsUcs2At70Then67() {
    String arabic = "توجهوا إلى نقطة التجمع";
    assertThat(SmsSegments.of(arabic).encoding()).isEqualTo(Encoding.UCS2);
    assertThat(SmsSegments.of("ب".repeat(70)).segments()).isEqualTo(1);
    assertThat(SmsSegments.of("ب".repeat(71)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("ب".repeat(134)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("ب".repeat(135)).segments()).isEqualTo(3);
  }

  @Test
  void surrogatePairsCountTwoUnitsAndAreNotSplit() {
    String tifinagh = "ⵜⴰⵎⴰⵣⵉⵖⵜ"; // in the BMP: one unit each
    assertThat(SmsSegments.of(tifinagh)).isEqualTo(new SmsSegments.Count(Encoding.UCS2, 8, 1));
    String emoji = "\uD83D\uDEA8"; // outside the BMP: two units
    assertThat(SmsSegments.of(emoji.repeat(35)).segments()).isEqualTo(1);
    assertThat(SmsSegments.of("a" + emoji.repeat(35)).segments()).isEqualTo(2);
    // 66 units then a pair: the pair does not fit in the 67 left, so it starts the second segment.
    assertThat(SmsSegments.of("b".repeat(66) + emoji + "b".repeat(10)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("b".repeat(66) + emoji.repeat(34)).segments()).isEqualTo(3);
  }

  @Test
  void emptyTextsCostNothing() {
    assertThat(SmsSegments.of("").segments()).isZero();
    assertThat(SmsSegments.of(null).segments()).isZero();
  }
}
