// Every text of the console, in French, Arabic (right to left) and English.
export const TEXTS = {
  fr: {
    myCases: "Mes dossiers", destination: "Destination", people: "Personnes", openNeeds: "Besoins ouverts",
    nextDue: "Prochaine échéance", late: "Retard", overdue: "en retard", noCases: "Aucun dossier ouvert.",
    case: "Dossier", needs: "Besoins", referrals: "Orientations", checkIns: "Suivis", person: "Personne",
    unanswered: "sans réponse",
    kinds: { EMPLOYMENT: "Emploi", INCOME: "Revenu", SKILLS_TRAINING: "Formation", DIPLOMA_RECOGNITION: "Reconnaissance de diplôme",
      HOUSING: "Logement", SCHOOL_ENROLMENT: "Scolarisation", UNIVERSITY_ENROLMENT: "Inscription universitaire",
      HEALTH_COVERAGE: "Couverture santé", CIVIL_DOCUMENTS: "Documents d'état civil", SOCIAL_RIGHTS: "Droits sociaux",
      PSYCHOSOCIAL_SUPPORT: "Soutien psychosocial" },
    statuses: { IDENTIFIED: "identifié", REFERRED: "orienté", IN_PROGRESS: "en cours", MET: "satisfait",
      NOT_MET: "non satisfait", NO_LONGER_NEEDED: "plus nécessaire" },
    checkInStates: { SCHEDULED: "prévu", SENT: "à faire", ANSWERED: "répondu", DONE: "fait", CANCELLED: "annulé" },
    title: "Cellule de crise", signIn: "Connexion", username: "Identifiant", password: "Mot de passe",
    signInButton: "Se connecter", welcome: "Bienvenue", user: "Utilisateur", role: "Rôle", signOut: "Se déconnecter",
    wrong: "Identifiant ou mot de passe incorrect.", held: "Trop de tentatives : réessayez dans {0} s.",
    failed: "Le serveur ne répond pas. Réessayez.", simulator: "Simulateur SMS",
    simulatorHint: "Les téléphones qui ont reçu des SMS : choisissez-en un pour lire ses messages et répondre à sa place.",
    replyFrom: "Répondre depuis", send: "Envoyer", replyRead: "Réponse lue :", checkInAnswer: "réponse à un suivi" },
  ar: {
    myCases: "ملفاتي", destination: "الوجهة", people: "الأشخاص", openNeeds: "الاحتياجات المفتوحة",
    nextDue: "الموعد القادم", late: "التأخر", overdue: "متأخر", noCases: "لا يوجد ملف مفتوح.",
    case: "الملف", needs: "الاحتياجات", referrals: "الإحالات", checkIns: "المتابعات", person: "شخص",
    unanswered: "بدون جواب",
    kinds: { EMPLOYMENT: "الشغل", INCOME: "الدخل", SKILLS_TRAINING: "التكوين", DIPLOMA_RECOGNITION: "معادلة الشهادة",
      HOUSING: "السكن", SCHOOL_ENROLMENT: "التمدرس", UNIVERSITY_ENROLMENT: "التسجيل الجامعي",
      HEALTH_COVERAGE: "التغطية الصحية", CIVIL_DOCUMENTS: "وثائق الحالة المدنية", SOCIAL_RIGHTS: "الحقوق الاجتماعية",
      PSYCHOSOCIAL_SUPPORT: "الدعم النفسي والاجتماعي" },
    statuses: { IDENTIFIED: "محدد", REFERRED: "محال", IN_PROGRESS: "قيد الإنجاز", MET: "ملبّى",
      NOT_MET: "غير ملبّى", NO_LONGER_NEEDED: "لم يعد ضروريا" },
    checkInStates: { SCHEDULED: "مبرمج", SENT: "للإنجاز", ANSWERED: "تم الجواب", DONE: "أنجز", CANCELLED: "ملغى" },
    title: "خلية الأزمة", signIn: "تسجيل الدخول", username: "اسم المستخدم", password: "كلمة المرور",
    signInButton: "دخول", welcome: "مرحبا", user: "المستخدم", role: "الدور", signOut: "تسجيل الخروج",
    wrong: "اسم المستخدم أو كلمة المرور غير صحيحة.", held: "محاولات كثيرة: أعيدوا المحاولة بعد {0} ثانية.",
    failed: "الخادم لا يجيب. أعيدوا المحاولة.", simulator: "محاكي الرسائل القصيرة",
    simulatorHint: "الهواتف التي تلقت رسائل: اختاروا أحدها لقراءة رسائله والرد مكانه.",
    replyFrom: "الرد من", send: "إرسال", replyRead: "قُرئ الرد:", checkInAnswer: "جواب على متابعة" },
  en: {
    myCases: "My cases", destination: "Destination", people: "People", openNeeds: "Open needs",
    nextDue: "Next due", late: "Late", overdue: "overdue", noCases: "No open case.",
    case: "Case", needs: "Needs", referrals: "Referrals", checkIns: "Check-ins", person: "Person",
    unanswered: "no answer",
    kinds: { EMPLOYMENT: "Work", INCOME: "Income", SKILLS_TRAINING: "Training", DIPLOMA_RECOGNITION: "Diploma recognition",
      HOUSING: "Housing", SCHOOL_ENROLMENT: "School", UNIVERSITY_ENROLMENT: "University",
      HEALTH_COVERAGE: "Health coverage", CIVIL_DOCUMENTS: "Civil documents", SOCIAL_RIGHTS: "Social rights",
      PSYCHOSOCIAL_SUPPORT: "Psychosocial support" },
    statuses: { IDENTIFIED: "identified", REFERRED: "referred", IN_PROGRESS: "in progress", MET: "met",
      NOT_MET: "not met", NO_LONGER_NEEDED: "no longer needed" },
    checkInStates: { SCHEDULED: "scheduled", SENT: "to do", ANSWERED: "answered", DONE: "done", CANCELLED: "cancelled" },
    title: "Crisis cell", signIn: "Sign in", username: "User name", password: "Password",
    signInButton: "Sign in", welcome: "Welcome", user: "User", role: "Role", signOut: "Sign out",
    wrong: "Wrong user name or password.", held: "Too many attempts: try again in {0} s.",
    failed: "The server does not answer. Try again.", simulator: "SMS simulator",
    simulatorHint: "The phones that received SMS: pick one to read its messages and answer as its owner.",
    replyFrom: "Answer from", send: "Send", replyRead: "Reply read:", checkInAnswer: "a follow-up answer" },
};

/** Lays the page out in a language: every element with data-text, the direction, the language of the document. */
export function apply(language) {
  const texts = TEXTS[language] || TEXTS.fr;
  document.documentElement.lang = language;
  document.documentElement.dir = language === "ar" ? "rtl" : "ltr";
  for (const el of document.querySelectorAll("[data-text]")) {
    el.textContent = texts[el.dataset.text];
  }
  document.title = texts.title;
  return texts;
}
