// Every text of the console, in French, Arabic (right to left) and English.
export const TEXTS = {
  fr: { title: "Cellule de crise", signIn: "Connexion", username: "Identifiant", password: "Mot de passe",
    signInButton: "Se connecter", welcome: "Bienvenue", user: "Utilisateur", role: "Rôle", signOut: "Se déconnecter",
    wrong: "Identifiant ou mot de passe incorrect.", held: "Trop de tentatives : réessayez dans {0} s.",
    failed: "Le serveur ne répond pas. Réessayez." },
  ar: { title: "خلية الأزمة", signIn: "تسجيل الدخول", username: "اسم المستخدم", password: "كلمة المرور",
    signInButton: "دخول", welcome: "مرحبا", user: "المستخدم", role: "الدور", signOut: "تسجيل الخروج",
    wrong: "اسم المستخدم أو كلمة المرور غير صحيحة.", held: "محاولات كثيرة: أعيدوا المحاولة بعد {0} ثانية.",
    failed: "الخادم لا يجيب. أعيدوا المحاولة." },
  en: { title: "Crisis cell", signIn: "Sign in", username: "User name", password: "Password",
    signInButton: "Sign in", welcome: "Welcome", user: "User", role: "Role", signOut: "Sign out",
    wrong: "Wrong user name or password.", held: "Too many attempts: try again in {0} s.",
    failed: "The server does not answer. Try again." },
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
