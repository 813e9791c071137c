// Every text of the console, in French, Arabic (right to left) and English.
export const TEXTS = {
  fr: { title: "Cellule de crise", signIn: "Connexion", username: "Identifiant", password: "Mot de passe",
    signInButton: "Se connecter", welcome: "Bienvenue", user: "Utilisateur", role: "Rôle", signOut: "Se déconnecter",
    wrong: "Identifiant ou mot de passe incorrect.", held: "Trop de tentatives : réessayez dans {0} s.",
    failed: "Le serveur ne répond pas. Réessayez.", simulator: "Simulateur SMS",
    simulatorHint: "Les téléphones qui ont reçu des SMS : choisissez-en un pour lire ses messages et répondre à sa place.",
    replyFrom: "Répondre depuis", send: "Envoyer", replyRead: "Réponse lue :", checkInAnswer: "réponse à un suivi" },
  ar: { title: "خلية الأزمة", signIn: "تسجيل الدخول", username: "اسم المستخدم", password: "كلمة المرور",
    signInButton: "دخول", welcome: "مرحبا", user: "المستخدم", role: "الدور", signOut: "تسجيل الخروج",
    wrong: "اسم المستخدم أو كلمة المرور غير صحيحة.", held: "محاولات كثيرة: أعيدوا المحاولة بعد {0} ثانية.",
    failed: "الخادم لا يجيب. أعيدوا المحاولة.", simulator: "محاكي الرسائل القصيرة",
    simulatorHint: "الهواتف التي تلقت رسائل: اختاروا أحدها لقراءة رسائله والرد مكانه.",
    replyFrom: "الرد من", send: "إرسال", replyRead: "قُرئ الرد:", checkInAnswer: "جواب على متابعة" },
  en: { title: "Crisis cell", signIn: "Sign in", username: "User name", password: "Password",
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
