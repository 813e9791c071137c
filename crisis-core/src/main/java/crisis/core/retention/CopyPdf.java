package crisis.core.retention;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import crisis.core.common.Json;
import crisis.core.common.PdfFont;
import crisis.core.common.ValidationException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/**
 * A person's copy as a PDF in French or Arabic (right to left, letters joined): each category that holds something on
 * them, every row's fields and values as stored (values in the script they were written in). The JSON copy is the
 * complete, machine-readable one; this one is for the person to read.
 */
public final class CopyPdf {
  /** The languages a copy is written in. */
  public static final List<String> LANGUAGES = List.of("fr", "ar");

  private static final Map<String, String[]> SECTIONS = Map.ofEntries(
      Map.entry("registration", new String[] {"Inscription consulaire", "التسجيل القنصلي"}),
      Map.entry("registration_change", new String[] {"Historique de l'inscription (consentements compris)",
          "سجل تغييرات التسجيل (بما فيها الموافقات)"}),
      Map.entry("sms_recipient", new String[] {"Alertes envoyées", "التنبيهات المرسلة"}),
      Map.entry("citizen_status", new String[] {"Vos réponses aux alertes", "ردودكم على التنبيهات"}),
      Map.entry("assistance_request", new String[] {"Demandes d'assistance", "طلبات المساعدة"}),
      Map.entry("sms_reply", new String[] {"SMS reçus de votre téléphone", "الرسائل الواردة من هاتفكم"}),
      Map.entry("sms_send", new String[] {"SMS et appels vers votre téléphone", "الرسائل والمكالمات إلى هاتفكم"}),
      Map.entry("sms_opt_out", new String[] {"Arrêt des SMS (STOP)", "إيقاف الرسائل"}),
      Map.entry("sms_simulated", new String[] {"SMS du simulateur", "رسائل المحاكي"}),
      Map.entry("evacuation_request", new String[] {"Demandes d'évacuation", "طلبات الإجلاء"}),
      Map.entry("evacuation_traveller", new String[] {"Voyageur", "المسافر"}),
      Map.entry("evacuation_assignment", new String[] {"Places attribuées", "المقاعد المخصصة"}),
      Map.entry("gate_passage", new String[] {"Enregistrement et embarquement", "التسجيل والصعود"}),
      Map.entry("transport_leg", new String[] {"Trajets", "الرحلات"}),
      Map.entry("remains_case", new String[] {"Rapatriement de dépouille", "نقل الرفات"}),
      Map.entry("remains_document", new String[] {"Documents du dossier", "وثائق الملف"}),
      Map.entry("remains_cost", new String[] {"Frais du dossier", "تكاليف الملف"}),
      Map.entry("remains_change", new String[] {"Historique du dossier", "سجل الملف"}),
      Map.entry("reintegration_case", new String[] {"Dossier de réintégration", "ملف إعادة الإدماج"}),
      Map.entry("reintegration_member", new String[] {"Membres du dossier", "أعضاء الملف"}),
      Map.entry("reintegration_need", new String[] {"Besoins", "الاحتياجات"}),
      Map.entry("reintegration_need_history", new String[] {"Historique des besoins", "سجل الاحتياجات"}),
      Map.entry("reintegration_referral", new String[] {"Orientations vers des partenaires", "الإحالات إلى الشركاء"}),
      Map.entry("reintegration_checkin", new String[] {"Suivis", "المتابعات"}),
      Map.entry("reintegration_assessment", new String[] {"Évaluations", "التقييمات"}),
      Map.entry("audit_event", new String[] {"Qui a consulté ou modifié votre inscription",
          "من اطلع على تسجيلكم أو عدله"}));

  /** Field names in French and Arabic, by name without case or underscores; another shows as stored. */
  private static final Map<String, String[]> FIELDS = Map.ofEntries(
      Map.entry("id", new String[] {"Identifiant", "المعرف"}),
      Map.entry("data", new String[] {"Données", "البيانات"}),
      Map.entry("externalid", new String[] {"Numéro consulaire", "الرقم القنصلي"}),
      Map.entry("givennamelatin", new String[] {"Prénom (latin)", "الاسم الشخصي (بالحروف اللاتينية)"}),
      Map.entry("familynamelatin", new String[] {"Nom (latin)", "الاسم العائلي (بالحروف اللاتينية)"}),
      Map.entry("givennamearabic", new String[] {"Prénom (arabe)", "الاسم الشخصي"}),
      Map.entry("familynamearabic", new String[] {"Nom (arabe)", "الاسم العائلي"}),
      Map.entry("dateofbirth", new String[] {"Date de naissance", "تاريخ الازدياد"}),
      Map.entry("sex", new String[] {"Sexe", "الجنس"}),
      Map.entry("nationalid", new String[] {"Numéro de CNIE", "رقم البطاقة الوطنية"}),
      Map.entry("passportnumber", new String[] {"Numéro de passeport", "رقم جواز السفر"}),
      Map.entry("document", new String[] {"Numéro de document", "رقم الوثيقة"}),
      Map.entry("documenttype", new String[] {"Type de document", "نوع الوثيقة"}),
      Map.entry("phone", new String[] {"Téléphone", "الهاتف"}),
      Map.entry("email", new String[] {"Courriel", "البريد الإلكتروني"}),
      Map.entry("preferredlanguage", new String[] {"Langue", "اللغة"}),
      Map.entry("language", new String[] {"Langue", "اللغة"}),
      Map.entry("address", new String[] {"Adresse", "العنوان"}),
      Map.entry("location", new String[] {"Position", "الموقع"}),
      Map.entry("latitude", new String[] {"Latitude", "خط العرض"}),
      Map.entry("longitude", new String[] {"Longitude", "خط الطول"}),
      Map.entry("countryofresidence", new String[] {"Pays de résidence", "بلد الإقامة"}),
      Map.entry("consulateid", new String[] {"Consulat", "القنصلية"}),
      Map.entry("residencetype", new String[] {"Type de séjour", "نوع الإقامة"}),
      Map.entry("staypurpose", new String[] {"Motif du séjour", "سبب الإقامة"}),
      Map.entry("arrivaldate", new String[] {"Date d'arrivée", "تاريخ الوصول"}),
      Map.entry("departuredate", new String[] {"Date de départ", "تاريخ المغادرة"}),
      Map.entry("household", new String[] {"Foyer", "الأسرة"}),
      Map.entry("vulnerabilities", new String[] {"Vulnérabilités", "حالات الهشاشة"}),
      Map.entry("emergencycontact", new String[] {"Personne à prévenir", "الشخص المتصل به عند الطوارئ"}),
      Map.entry("consent", new String[] {"Consentement", "الموافقة"}),
      Map.entry("purposes", new String[] {"Finalités", "الأغراض"}),
      Map.entry("givenat", new String[] {"Donné le", "تاريخ الموافقة"}),
      Map.entry("method", new String[] {"Recueilli par", "طريقة الموافقة"}),
      Map.entry("status", new String[] {"État", "الحالة"}),
      Map.entry("state", new String[] {"État", "الحالة"}),
      Map.entry("version", new String[] {"Version", "النسخة"}),
      Map.entry("createdat", new String[] {"Créé le", "تاريخ الإنشاء"}),
      Map.entry("createdby", new String[] {"Créé par", "أنشئ من طرف"}),
      Map.entry("updatedat", new String[] {"Modifié le", "تاريخ التعديل"}),
      Map.entry("updatedby", new String[] {"Modifié par", "عدل من طرف"}),
      Map.entry("kind", new String[] {"Nature", "النوع"}),
      Map.entry("changedfields", new String[] {"Champs modifiés", "الحقول المعدلة"}),
      Map.entry("previousjson", new String[] {"Valeurs précédentes", "القيم السابقة"}),
      Map.entry("via", new String[] {"Par le canal", "عبر"}),
      Map.entry("changedby", new String[] {"Modifié par", "عدل من طرف"}),
      Map.entry("changedat", new String[] {"Modifié le", "تاريخ التعديل"}),
      Map.entry("body", new String[] {"Texte", "النص"}),
      Map.entry("keyword", new String[] {"Réponse comprise", "الجواب المفهوم"}),
      Map.entry("receivedat", new String[] {"Reçu le", "تاريخ الاستلام"}),
      Map.entry("sentat", new String[] {"Envoyé le", "تاريخ الإرسال"}),
      Map.entry("at", new String[] {"Le", "التاريخ"}),
      Map.entry("actor", new String[] {"Par", "من طرف"}),
      Map.entry("role", new String[] {"Rôle", "الصفة"}),
      Map.entry("action", new String[] {"Action", "الإجراء"}),
      Map.entry("notes", new String[] {"Notes", "الملاحظات"}),
      Map.entry("fullname", new String[] {"Nom complet", "الاسم الكامل"}),
      Map.entry("needs", new String[] {"Besoins particuliers", "الاحتياجات الخاصة"}));

  private CopyPdf() {}

  /** A field's name in the copy's language: {@code data.givenNameLatin} as "Données › Prénom (latin)". */
  static String label(String key, int language) {
    StringBuilder out = new StringBuilder();
    for (String part : key.split("\\.")) {
      String[] names = FIELDS.get(part.replace("_", "").toLowerCase(java.util.Locale.ROOT));
      out.append(out.length() == 0 ? "" : " › ").append(names == null ? part : names[language]);
    }
    return out.toString();
  }

  /** A row's fields, nested objects opened one level into fields of their own ({@code data.address}). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> flat(Map<String, Object> row) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    row.forEach((k, v) -> {
      if (v instanceof Map<?, ?> m) {
        ((Map<String, Object>) m).forEach((k2, v2) -> out.put(k + "." + k2, v2));
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The copy in {@code language} ({@link #LANGUAGES}); another language is a 422 naming it. */
  public static byte[] render(SubjectRights.Copy copy, String language) {
    int l = LANGUAGES.indexOf(language);
    if (l < 0) {
      throw new ValidationException("language", "a copy is written in " + String.join(" or ", LANGUAGES));
    }
    boolean rtl = l == 1;
    BaseFont unicode = PdfFont.get();
    Font title = new Font(unicode, 14, Font.BOLD);
    Font head = new Font(unicode, 11, Font.BOLD);
    Font small = new Font(unicode, 8);
    Font key = new Font(unicode, 8, Font.BOLD);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document doc = new Document(PageSize.A4, 36, 36, 36, 36);
    PdfWriter.getInstance(doc, out);
    doc.open();
    doc.add(line(rtl ? "نسخة من البيانات الشخصية المحفوظة لدى الوزارة" : "Copie des données personnelles détenues"
        + " par le ministère", title, rtl));
    doc.add(line((rtl ? "التسجيل " : "Inscription ") + copy.registrationId() + (rtl ? " - أعدت في " : " - établie le ")
        + copy.madeAt() + (rtl ? " - الطلب " : " - demande ") + copy.request(), small, rtl));
    int shown = 0;
    for (Map.Entry<String, List<Map<String, Object>>> t : copy.tables().entrySet()) {
      if (t.getValue().isEmpty()) {
        continue;
      }
      shown++;
      String[] names = SECTIONS.get(t.getKey());
      doc.add(line(" ", small, rtl));
      doc.add(line((names == null ? t.getKey() : names[l]) + " (" + t.getValue().size() + ")", head, rtl));
      for (Map<String, Object> row : t.getValue()) {
        PdfPTable table = new PdfPTable(new float[] {3, 7});
        table.setWidthPercentage(100);
        table.setSpacingBefore(4);
        if (rtl) {
          table.setRunDirection(PdfWriter.RUN_DIRECTION_RTL);
        }
        flat(row).forEach((k, v) -> {
          table.addCell(cell(label(k, l), key, rtl));
          table.addCell(cell(v == null ? "" : v instanceof String s ? s : Json.write(v), small, rtl));
        });
        doc.add(table);
      }
    }
    doc.add(line(" ", small, rtl));
    doc.add(line(shown == 0 ? (rtl ? "لا توجد بيانات أخرى." : "Aucune autre donnée.")
        : (rtl ? "لا توجد بيانات أخرى غير ما سبق." : "Aucune autre donnée que celles ci-dessus n'est détenue."),
        small, rtl));
    doc.close();
    return out.toByteArray();
  }

  /** A line of text as a one-cell table without borders: the only way OpenPDF writes Arabic right to left. */
  private static PdfPTable line(String text, Font font, boolean rtl) {
    PdfPTable t = new PdfPTable(1);
    t.setWidthPercentage(100);
    PdfPCell c = cell(text, font, rtl);
    c.setBorder(PdfPCell.NO_BORDER);
    t.addCell(c);
    if (rtl) {
      t.setRunDirection(PdfWriter.RUN_DIRECTION_RTL);
    }
    return t;
  }

  private static PdfPCell cell(String text, Font font, boolean rtl) {
    PdfPCell c = new PdfPCell(new Phrase(text, font));
    if (rtl || PdfFont.arabic(text)) {
      c.setRunDirection(PdfWriter.RUN_DIRECTION_RTL);
    }
    c.setHorizontalAlignment(Element.ALIGN_LEFT);
    return c;
  }
}
