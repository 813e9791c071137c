package crisis.core.reintegration;

import java.util.Map;

/**
 * What a returnee may need, by dimension, and the one question a check-in SMS asks about it, answered by a digit
 * (1 yes, 2 no), in the languages the outreach speaks. A "yes" means the need is met.
 */
public enum NeedKind {
  EMPLOYMENT(Dimension.ECONOMIC, "Have you found work? 1 yes, 2 no",
      "Avez-vous trouvé un travail ? 1 oui, 2 non", "¿Ha encontrado trabajo? 1 sí, 2 no",
      "هل وجدت عملا؟ 1 نعم، 2 لا"),
  INCOME(Dimension.ECONOMIC, "Does your household have a regular income now? 1 yes, 2 no",
      "Votre foyer a-t-il maintenant un revenu régulier ? 1 oui, 2 non",
      "¿Su hogar tiene ahora un ingreso regular? 1 sí, 2 no", "هل لأسرتك دخل منتظم الآن؟ 1 نعم، 2 لا"),
  SKILLS_TRAINING(Dimension.ECONOMIC, "Have you started the training? 1 yes, 2 no",
      "Avez-vous commencé la formation ? 1 oui, 2 non", "¿Ha empezado la formación? 1 sí, 2 no",
      "هل بدأت التكوين؟ 1 نعم، 2 لا"),
  DIPLOMA_RECOGNITION(Dimension.ECONOMIC, "Has your diploma been recognised? 1 yes, 2 no",
      "Votre diplôme a-t-il été reconnu ? 1 oui, 2 non", "¿Se ha reconocido su título? 1 sí, 2 no",
      "هل تمت معادلة شهادتك؟ 1 نعم، 2 لا"),
  HOUSING(Dimension.SOCIAL, "Do you have stable housing now? 1 yes, 2 no",
      "Avez-vous maintenant un logement stable ? 1 oui, 2 non", "¿Tiene ahora una vivienda estable? 1 sí, 2 no",
      "هل لديك الآن سكن مستقر؟ 1 نعم، 2 لا"),
  SCHOOL_ENROLMENT(Dimension.SOCIAL, "Has your child started school? 1 yes, 2 no",
      "Votre enfant a-t-il commencé l'école ? 1 oui, 2 non", "¿Su hijo ha empezado la escuela? 1 sí, 2 no",
      "هل بدأ طفلك الدراسة؟ 1 نعم، 2 لا"),
  UNIVERSITY_ENROLMENT(Dimension.SOCIAL, "Are you enrolled at university? 1 yes, 2 no",
      "Êtes-vous inscrit à l'université ? 1 oui, 2 non", "¿Está matriculado en la universidad? 1 sí, 2 no",
      "هل أنت مسجل في الجامعة؟ 1 نعم، 2 لا"),
  HEALTH_COVERAGE(Dimension.SOCIAL, "Do you have health coverage now? 1 yes, 2 no",
      "Avez-vous maintenant une couverture santé ? 1 oui, 2 non", "¿Tiene ahora cobertura sanitaria? 1 sí, 2 no",
      "هل لديك الآن تغطية صحية؟ 1 نعم، 2 لا"),
  CIVIL_DOCUMENTS(Dimension.SOCIAL, "Have you received your documents? 1 yes, 2 no",
      "Avez-vous reçu vos documents ? 1 oui, 2 non", "¿Ha recibido sus documentos? 1 sí, 2 no",
      "هل تسلمت وثائقك؟ 1 نعم، 2 لا"),
  SOCIAL_RIGHTS(Dimension.SOCIAL, "Do you receive the allowance you asked for? 1 yes, 2 no",
      "Recevez-vous l'aide demandée ? 1 oui, 2 non", "¿Recibe la ayuda que pidió? 1 sí, 2 no",
      "هل تتلقى المساعدة التي طلبتها؟ 1 نعم، 2 لا"),
  PSYCHOSOCIAL_SUPPORT(Dimension.PSYCHOSOCIAL, "Are you getting the support you need? 1 yes, 2 no",
      "Recevez-vous le soutien dont vous avez besoin ? 1 oui, 2 non",
      "¿Recibe el apoyo que necesita? 1 sí, 2 no", "هل تتلقى الدعم الذي تحتاجه؟ 1 نعم، 2 لا");

  /** The three dimensions of reintegration. */
  public enum Dimension { ECONOMIC, SOCIAL, PSYCHOSOCIAL }

  /** The question a check-in asks when no need is open: "2" opens a psychosocial support need. */
  static final Map<String, String> GENERAL = Map.of(
      "en", "Is everything going well since your return? 1 yes, 2 no, we would like a call",
      "fr", "Tout se passe-t-il bien depuis votre retour ? 1 oui, 2 non, nous souhaitons un appel",
      "es", "¿Va todo bien desde su regreso? 1 sí, 2 no, queremos una llamada",
      "ar", "هل كل شيء على ما يرام منذ عودتكم؟ 1 نعم، 2 لا، نريد اتصالا");

  private final Dimension dimension;
  private final Map<String, String> questions;

  NeedKind(Dimension dimension, String en, String fr, String es, String ar) {
    this.dimension = dimension;
    this.questions = Map.of("en", en, "fr", fr, "es", es, "ar", ar);
  }

  public Dimension dimension() {
    return dimension;
  }

  /** The check-in question in a language the outreach speaks (ar, fr, es, en). */
  public String question(String language) {
    return questions.get(language);
  }
}
