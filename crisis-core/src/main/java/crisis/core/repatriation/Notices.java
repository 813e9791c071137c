package crisis.core.repatriation;

import crisis.core.outreach.SmsKind;
import crisis.core.crisis.SmsSegments;
import crisis.core.outreach.Phrases;
import crisis.core.outreach.SenderPlan;
import crisis.core.repatriation.TransportLeg.LegPoint;
import crisis.core.outreach.db.OutreachDao;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The SMS a household gets about its seat, in its language (English when the system has no text in it yet), through
 * the paced and retried SMS dispatcher: the seat (leg, assembly point, when to be there in the leg's local time, what
 * to bring, the boarding code), a change of seat (a cancelled leg's households are moved at once), a return to the
 * waitlist, the request cancelled by the consulate, a household that did not come (its seats are gone), people left
 * at the gate of a leg that left (back on the waitlist). Each is queued
 * once per request and plan ({@code dedupe_key}), so a plan retried after a crash never sends it twice.
 */
final class Notices {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private static final Map<String, String[]> TEXTS = Map.of(
      "en", new String[] {
          "Evacuation: you have %1$s seat(s) on %2$s %3$s to %4$s. Be at %5$s on %6$s by %7$s (%8$s time). Bring "
              + "passports or ID, medicines, one bag each. Boarding code: %9$s",
          "CHANGE. ",
          "Your evacuation seat is no longer available: you are back on the waiting list. We will send you a new "
              + "seat as soon as one is free.",
          "Your request to leave has been cancelled by your consulate. Reply 3 if you still need to leave.",
          "You did not come to %1$s %2$s: your seats have gone to others. Reply 3 if you still need to leave.",
          "%1$s of you did not board %2$s %3$s and are back on the waiting list. We will send a new seat as soon as "
              + "one is free."},
      "fr", new String[] {
          "Évacuation : %1$s place(s) sur %2$s %3$s vers %4$s. Soyez à %5$s le %6$s avant %7$s (heure locale %8$s). "
              + "Apportez passeports ou CIN, médicaments, un sac par personne. Code d'embarquement : %9$s",
          "CHANGEMENT. ",
          "Votre place d'évacuation n'est plus disponible : vous êtes de nouveau sur la liste d'attente. Nous vous "
              + "enverrons une nouvelle place dès qu'elle se libère.",
          "Votre demande de départ a été annulée par votre consulat. Répondez 3 si vous devez toujours partir.",
          "Vous n'êtes pas venus pour %1$s %2$s : vos places ont été données à d'autres. Répondez 3 si vous devez "
              + "toujours partir.",
          "%1$s personne(s) de votre foyer n'ont pas embarqué sur %2$s %3$s et sont de nouveau sur la liste "
              + "d'attente. Nous enverrons une nouvelle place dès qu'elle se libère."},
      "es", new String[] {
          "Evacuación: %1$s plaza(s) en %2$s %3$s a %4$s. Esté en %5$s el %6$s antes de las %7$s (hora de %8$s). "
              + "Traiga pasaportes o DNI, medicinas, una bolsa por persona. Código de embarque: %9$s",
          "CAMBIO. ",
          "Su plaza de evacuación ya no está disponible: vuelve a la lista de espera. Le enviaremos una nueva plaza "
              + "en cuanto quede una libre.",
          "Su consulado ha cancelado su petición de salida. Responda 3 si todavía necesita salir.",
          "No se presentaron a %1$s %2$s: sus plazas se han dado a otros. Responda 3 si todavía necesita salir.",
          "%1$s persona(s) de su hogar no embarcaron en %2$s %3$s y vuelven a la lista de espera. Les enviaremos una "
              + "nueva plaza en cuanto quede una libre."},
      "ar", new String[] {
          "إجلاء: لديكم %1$s مقعد على %2$s %3$s إلى %4$s. كونوا في %5$s يوم %6$s قبل الساعة %7$s (توقيت %8$s). "
              + "أحضروا جوازات السفر أو البطاقة الوطنية والأدوية وحقيبة واحدة لكل شخص. رمز الصعود: %9$s",
          "تغيير. ",
          "لم يعد مقعد الإجلاء متاحا: أنتم من جديد على قائمة الانتظار. سنرسل لكم مقعدا جديدا فور توفره.",
          "ألغت قنصليتكم طلب المغادرة. أرسلوا 3 إذا كنتم لا تزالون بحاجة إلى المغادرة.",
          "لم تحضروا إلى %1$s %2$s: أعطيت مقاعدكم لآخرين. أرسلوا 3 إذا كنتم لا تزالون بحاجة إلى المغادرة.",
          "لم يصعد %1$s من أفراد أسرتكم إلى %2$s %3$s وهم من جديد على قائمة الانتظار. سنرسل مقعدا جديدا فور توفره."});

  private static final Map<String, Map<TransportLeg.Kind, String>> KINDS = Map.of(
      "en", Map.of(TransportLeg.Kind.FLIGHT, "flight", TransportLeg.Kind.BUS, "bus", TransportLeg.Kind.SHIP, "ship",
          TransportLeg.Kind.CONVOY, "convoy"),
      "fr", Map.of(TransportLeg.Kind.FLIGHT, "le vol", TransportLeg.Kind.BUS, "le bus", TransportLeg.Kind.SHIP,
          "le bateau", TransportLeg.Kind.CONVOY, "le convoi"),
      "es", Map.of(TransportLeg.Kind.FLIGHT, "el vuelo", TransportLeg.Kind.BUS, "el autobús",
          TransportLeg.Kind.SHIP, "el barco", TransportLeg.Kind.CONVOY, "el convoy"),
      "ar", Map.of(TransportLeg.Kind.FLIGHT, "الرحلة", TransportLeg.Kind.BUS, "الحافلة", TransportLeg.Kind.SHIP,
          "السفينة", TransportLeg.Kind.CONVOY, "القافلة"));

  private final SenderPlan senders;

  Notices(SenderPlan senders) {
    this.senders = senders;
  }

  /** The text telling a household its seat (a {@code change} of seat starts with the word for it). */
  static String seat(String language, EvacuationRequest r, TransportLeg leg, LegPoint point, String code,
      boolean change) {
    String l = Phrases.languageOf(language);
    String[] t = TEXTS.get(l);
    ZonedDateTime at = leg.reportBy().atZone(leg.timeZone());
    return (change ? t[1] : "") + String.format(t[0], r.travellers().size(), KINDS.get(l).get(leg.kind()),
        leg.reference(), leg.destinationCity(), point.name(), DATE.format(at), TIME.format(at), leg.timeZone().getId(),
        code);
  }

  static String waitlisted(String language) {
    return TEXTS.get(Phrases.languageOf(language))[2];
  }

  static String cancelled(String language) {
    return TEXTS.get(Phrases.languageOf(language))[3];
  }

  /** To a household that did not come before its leg closed or left: its seats are gone, and how to ask again. */
  static String noShow(String language, TransportLeg leg) {
    String l = Phrases.languageOf(language);
    return String.format(TEXTS.get(l)[4], KINDS.get(l).get(leg.kind()), leg.reference());
  }

  /** To a household some or all of whom did not board a leg that left: those are back on the waiting list. */
  static String notBoarded(String language, TransportLeg leg, int people) {
    String l = Phrases.languageOf(language);
    return String.format(TEXTS.get(l)[5], people, KINDS.get(l).get(leg.kind()), leg.reference());
  }

  /** A text for a household, queued once per request and {@code key}. */
  record Notice(EvacuationRequest request, String key, String text) {}

  /** Queues texts in one batch; the number queued now (a key queued before is not queued again). */
  int queueAll(Handle h, List<Notice> notices, Instant now) {
    List<OutreachDao.Text> rows = new ArrayList<>(notices.size());
    for (Notice n : notices) {
      EvacuationRequest r = n.request();
      rows.add(new OutreachDao.Text(UUID.randomUUID(), "notice:" + r.id() + ":" + n.key(), SmsKind.NOTICE, r.crisisId(),
          r.phone(), Phrases.languageOf(r.language()), senders.route(r.phone()).name(), n.text(),
          SmsSegments.of(n.text()).segments(), now));
    }
    int queued = 0;
    for (int n : h.attach(OutreachDao.class).queueTexts(rows)) {
      queued += n;
    }
    return queued;
  }

  /** Queues the text for the household's phone, once per key; true when it was queued now. */
  boolean queue(Handle h, EvacuationRequest r, String key, String text, Instant now) {
    String language = Phrases.languageOf(r.language());
    return h.attach(OutreachDao.class).queueText(UUID.randomUUID(), "notice:" + r.id() + ":" + key, SmsKind.NOTICE,
        r.crisisId(), r.phone(), language, senders.route(r.phone()).name(), text, SmsSegments.of(text).segments(),
        now) == 1;
  }
}
