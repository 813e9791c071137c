package crisis.core.outreach;

import java.util.List;
import java.util.Map;

/**
 * The few sentences the system writes itself, in each language it writes to nationals in (English when a language
 * has none yet): acknowledgements of replies, the reminder, the spoken call, the household line.
 */
public final class Phrases {
  private Phrases() {}

  public enum Key {
    ACK_SAFE, ACK_HELP, ACK_LEAVE, ACK_STAY, ACK_OTHER, ACK_START, REMINDER, CALL_INTRO, CALL_OUTRO, HOUSEHOLD
  }

  private static final Map<String, Map<Key, String>> TEXTS = Map.of(
      "en", Map.of(
          Key.ACK_SAFE, "Thank you. We have recorded that you are safe.",
          Key.ACK_HELP, "We have received your request for help. Your consulate will contact you. If your life is in danger, call local emergency services.",
          Key.ACK_LEAVE, "We have recorded your request to leave. We will send you your seat, the assembly point and the time by SMS. Reply STAY if you no longer want to leave.",
          Key.ACK_STAY, "Your request to leave has been cancelled. Reply 3 if you want to leave after all.",
          Key.ACK_OTHER, "Thank you, your message has been received. Reply 1 if you are safe, 2 if you need help.",
          Key.ACK_START, "You will receive crisis messages again. Reply STOP to stop.",
          Key.REMINDER, "Reminder, please answer: reply 1 if you are safe, 2 if you need help.",
          Key.CALL_INTRO, "This is a message from your consulate.",
          Key.CALL_OUTRO, "Please reply by SMS: 1 if you are safe, 2 if you need help.",
          Key.HOUSEHOLD, "For: "),
      "fr", Map.of(
          Key.ACK_SAFE, "Merci. Nous avons noté que vous êtes en sécurité.",
          Key.ACK_HELP, "Nous avons reçu votre demande d'aide. Votre consulat va vous contacter. En cas de danger de mort, appelez les secours locaux.",
          Key.ACK_LEAVE, "Nous avons noté votre demande de départ. Nous vous enverrons par SMS votre place, le point de rassemblement et l'heure. Répondez RESTER si vous ne souhaitez plus partir.",
          Key.ACK_STAY, "Votre demande de départ est annulée. Répondez 3 si vous souhaitez finalement partir.",
          Key.ACK_OTHER, "Merci, votre message a été reçu. Répondez 1 si vous êtes en sécurité, 2 si vous avez besoin d'aide.",
          Key.ACK_START, "Vous recevrez de nouveau les messages de crise. Répondez STOP pour arrêter.",
          Key.REMINDER, "Rappel, merci de répondre : 1 si vous êtes en sécurité, 2 si vous avez besoin d'aide.",
          Key.CALL_INTRO, "Ceci est un message de votre consulat.",
          Key.CALL_OUTRO, "Merci de répondre par SMS : 1 si vous êtes en sécurité, 2 si vous avez besoin d'aide.",
          Key.HOUSEHOLD, "Pour : "),
      "es", Map.of(
          Key.ACK_SAFE, "Gracias. Hemos registrado que está a salvo.",
          Key.ACK_HELP, "Hemos recibido su petición de ayuda. Su consulado se pondrá en contacto con usted. Si su vida corre peligro, llame a los servicios de emergencia locales.",
          Key.ACK_LEAVE, "Hemos registrado su petición de salida. Le enviaremos por SMS su plaza, el punto de encuentro y la hora. Responda QUEDARME si ya no desea salir.",
          Key.ACK_STAY, "Su petición de salida ha sido cancelada. Responda 3 si al final desea salir.",
          Key.ACK_OTHER, "Gracias, hemos recibido su mensaje. Responda 1 si está a salvo, 2 si necesita ayuda.",
          Key.ACK_START, "Volverá a recibir mensajes de crisis. Responda STOP para dejar de recibirlos.",
          Key.REMINDER, "Recordatorio, por favor responda: 1 si está a salvo, 2 si necesita ayuda.",
          Key.CALL_INTRO, "Este es un mensaje de su consulado.",
          Key.CALL_OUTRO, "Por favor responda por SMS: 1 si está a salvo, 2 si necesita ayuda.",
          Key.HOUSEHOLD, "Para: "),
      "ar", Map.of(
          Key.ACK_SAFE, "شكرا. سجلنا أنك في أمان.",
          Key.ACK_HELP, "تلقينا طلب المساعدة. ستتصل بك قنصليتك. إذا كانت حياتك في خطر، اتصل بخدمات الطوارئ المحلية.",
          Key.ACK_LEAVE, "سجلنا طلب المغادرة. سنرسل لكم برسالة نصية المقعد ونقطة التجمع والموعد. أرسلوا باقي إذا لم تعودوا ترغبون في المغادرة.",
          Key.ACK_STAY, "تم إلغاء طلب المغادرة. أرسلوا 3 إذا رغبتم في المغادرة.",
          Key.ACK_OTHER, "شكرا، تلقينا رسالتك. أرسل 1 إذا كنت في أمان، 2 إذا كنت بحاجة إلى مساعدة.",
          Key.ACK_START, "ستتلقى رسائل الأزمة من جديد. أرسل STOP للإيقاف.",
          Key.REMINDER, "تذكير، يرجى الرد: 1 إذا كنت في أمان، 2 إذا كنت بحاجة إلى مساعدة.",
          Key.CALL_INTRO, "هذه رسالة من قنصليتك.",
          Key.CALL_OUTRO, "يرجى الرد برسالة نصية: 1 إذا كنت في أمان، 2 إذا كنت بحاجة إلى مساعدة.",
          Key.HOUSEHOLD, "إلى: "));

  public static String get(Key key, String language) {
    Map<Key, String> t = TEXTS.getOrDefault(language, TEXTS.get("en"));
    return t.get(key);
  }

  /** The language a phrase is actually written in for a person speaking {@code language}. */
  public static String languageOf(String language) {
    return language != null && TEXTS.containsKey(language) ? language : "en";
  }

  /** The line naming who an SMS shared by a household is for, e.g. "For: Amina, Karim". */
  public static String household(String language, List<String> names) {
    return get(Key.HOUSEHOLD, language) + String.join(", ", names);
  }

  /** The voice language Twilio's {@code <Say>} uses for a person's language. */
  public static String voiceLanguage(String language) {
    return switch (language) {
      case "fr" -> "fr-FR";
      case "es" -> "es-ES";
      case "ar" -> "arb";
      default -> "en-GB";
    };
  }
}
