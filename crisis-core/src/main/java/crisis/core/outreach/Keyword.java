package crisis.core.outreach;

import crisis.core.common.TextFold;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an inbound SMS says, read the way people in danger write: in Arabic script or in Latin transliteration
 * (with digits for Arabic letters, "3" for ain), in French, English or Spanish, with or without accents, in capitals
 * or not, with punctuation, or just a digit: 1 is safe, 2 needs help, 3 asks to leave (evacuation); STAY withdraws a
 * request to leave. STOP and START follow the carriers' keywords (so CANCEL, a carrier's opt-out word, is never STAY).
 * Anything else is {@link #OTHER}: kept for a human to read.
 */
public enum Keyword {
  SAFE, HELP, LEAVE, STAY, STOP, START, OTHER;

  private static final Map<String, Keyword> WORDS = new HashMap<>();

  static {
    words(SAFE, "1", "SAFE", "IM SAFE", "I AM SAFE", "OK", "FINE", "IM OK", "I AM OK", "ALL GOOD",
        "SAUF", "SAUVE", "SAUVES", "EN SECURITE", "JE SUIS EN SECURITE", "SECURITE", "CA VA", "BIEN",
        "SEGURO", "SEGURA", "SEGUROS", "ESTOY BIEN", "A SALVO", "ESTOY A SALVO", "ESTAMOS BIEN",
        "امن", "انا امن", "انا بخير", "بخير", "سالم", "نحن بخير", "الحمد لله",
        "AMIN", "AAMIN", "AMEN", "ANA AMIN", "BIKHIR", "BIKHAIR", "BIKHEIR", "BKHIR", "LABAS", "LA BAS", "SALIM",
        "SALEM", "ANA BIKHIR", "ANA BKHIR", "HAMDOULILAH", "HAMDULILLAH", "HAMDOULLAH", "ALHAMDULILLAH");
    words(HELP, "2", "HELP", "SOS", "NEED HELP", "I NEED HELP", "HELP ME", "EMERGENCY",
        "AIDE", "AIDEZ MOI", "AU SECOURS", "SECOURS", "BESOIN D AIDE", "URGENCE",
        "AYUDA", "SOCORRO", "NECESITO AYUDA", "AUXILIO", "EMERGENCIA",
        "مساعده", "مساعدة", "ساعدوني", "ساعدني", "النجده", "النجدة", "نجده", "نجدة", "اغيثوني", "احتاج مساعده",
        "MOUSAADA", "MUSAADA", "MOSAADA", "MUSA3ADA", "MOSA3ADA", "MUSAEDA", "NAJDA", "NAJDAH", "SA3DOUNI",
        "SAIDOUNI", "SA3IDNI", "3AWNOUNI", "AWNOUNI");
    words(LEAVE, "3", "LEAVE", "EVACUATE", "EVACUATION", "EVACUATE US", "WE WANT TO LEAVE", "I WANT TO LEAVE",
        "TAKE US HOME", "PARTIR", "EVACUER", "EVACUATION", "JE VEUX PARTIR", "NOUS VOULONS PARTIR", "RAPATRIEMENT",
        "SALIR", "EVACUAR", "EVACUACION", "QUIERO SALIR", "QUEREMOS SALIR",
        "مغادره", "مغادرة", "المغادره", "اجلاء", "الاجلاء", "ارحل", "نريد المغادره", "اريد المغادره", "رحيل",
        "MOGHADARA", "MUGHADARA", "MOUGHADARA", "IJLAA", "IJLA", "IJLA2", "BGHIT NMCHI", "BGHINA NMCHIW");
    words(STAY, "STAY", "I STAY", "WE STAY", "NO LEAVE", "RESTER", "JE RESTE", "NOUS RESTONS", "ANNULER DEPART",
        "QUEDARME", "ME QUEDO", "NOS QUEDAMOS", "باقي", "سابقى", "سنبقى", "الغاء المغادره", "BAQI", "GHANB9A",
        "GHADI NB9A");
    words(STOP, "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ARRET", "ARRETER");
    words(START, "START", "UNSTOP", "YES");
  }

  private static void words(Keyword k, String... ws) {
    for (String w : ws) {
      WORDS.put(normalise(w), k);
    }
  }

  /** The keyword of a whole message (a single word or a known phrase), else OTHER. */
  public static Keyword of(String body) {
    String n = normalise(body);
    if (n.isEmpty()) {
      return OTHER;
    }
    Keyword k = WORDS.get(n);
    if (k != null) {
      return k;
    }
    // "SAFE thanks", "2 please", "3 we are four": a keyword first, then a few words.
    List<String> words = List.of(n.split(" "));
    if (words.size() <= 4) {
      Keyword first = WORDS.get(words.get(0));
      if (first == SAFE || first == HELP || first == LEAVE) {
        return first;
      }
    }
    return OTHER;
  }

  /** Text as keywords are compared ({@link TextFold#fold}). */
  static String normalise(String s) {
    return TextFold.fold(s);
  }
}
