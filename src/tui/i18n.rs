//! The UI's own words, in English (default) and Arabic (`lang = "ar"`).
//! Arabic labels are laid out right to left through `crate::render`.

/// A language of the UI's labels (a typed setting of the core).
pub use crate::settings::Lang;

/// A label of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Articles,
    Claims,
    Claim,
    Article,
    Help,
    Note,
    Evidence,
    Captures,
    /// Every kind of the rules that match a claim.
    Kinds,
    /// The message log's title.
    Messages,
    AlsoIn,
    ExactCopy,
    Linked,
    SameClaim,
    Suggested,
    JudgedBefore,
    Assertions,
    Drift,
    Flags,
    By,
    NoClaims,
    NoArticles,
    TooSmall,
    Filter,
    Search,
    Desk,
}

/// The label in a language.
pub fn t(lang: Lang, label: Label) -> &'static str {
    use Label::*;
    match (lang, label) {
        (Lang::En, Articles) => "Articles",
        (Lang::En, Claims) => "Claims",
        (Lang::En, Claim) => "Claim",
        (Lang::En, Article) => "Article",
        (Lang::En, Help) => "Help",
        (Lang::En, Note) => "note",
        (Lang::En, Evidence) => "evidence",
        (Lang::En, Captures) => "captures",
        (Lang::En, Kinds) => "kinds",
        (Lang::En, Messages) => "Messages",
        (Lang::En, AlsoIn) => "also in",
        (Lang::En, ExactCopy) => "same sentence",
        (Lang::En, Linked) => "linked",
        (Lang::En, SameClaim) => "same claim",
        (Lang::En, Suggested) => "similar, suggested",
        (Lang::En, JudgedBefore) => "judged before",
        (Lang::En, Assertions) => "claims across outlets",
        (Lang::En, Drift) => "drift",
        (Lang::En, Flags) => "flags",
        (Lang::En, By) => "by",
        (Lang::En, NoClaims) => "no claims here",
        (Lang::En, NoArticles) => "no articles (check the filter or the desk's articles folder)",
        (Lang::En, TooSmall) => "terminal too small",
        (Lang::En, Filter) => "filter",
        (Lang::En, Search) => "search",
        (Lang::En, Desk) => "desk",
        (Lang::Ar, Articles) => "المقالات",
        (Lang::Ar, Claims) => "الادعاءات",
        (Lang::Ar, Claim) => "الادعاء",
        (Lang::Ar, Article) => "المقال",
        (Lang::Ar, Help) => "مساعدة",
        (Lang::Ar, Note) => "ملاحظة",
        (Lang::Ar, Evidence) => "الأدلة",
        (Lang::Ar, Captures) => "المقتطفات",
        (Lang::Ar, Kinds) => "الأنواع",
        (Lang::Ar, Messages) => "الرسائل",
        (Lang::Ar, AlsoIn) => "ورد أيضا في",
        (Lang::Ar, ExactCopy) => "الجملة نفسها",
        (Lang::Ar, Linked) => "مرتبط",
        (Lang::Ar, SameClaim) => "الادعاء نفسه",
        (Lang::Ar, Suggested) => "مشابه، مقترح",
        (Lang::Ar, JudgedBefore) => "حُكم عليه من قبل",
        (Lang::Ar, Assertions) => "الادعاءات عبر المنافذ",
        (Lang::Ar, Drift) => "اختلاف الأرقام",
        (Lang::Ar, Flags) => "تنبيهات",
        (Lang::Ar, By) => "بواسطة",
        (Lang::Ar, NoClaims) => "لا ادعاءات هنا",
        (Lang::Ar, NoArticles) => "لا مقالات",
        (Lang::Ar, TooSmall) => "النافذة صغيرة جدا",
        (Lang::Ar, Filter) => "تصفية",
        (Lang::Ar, Search) => "بحث",
        (Lang::Ar, Desk) => "المكتب",
    }
}

/// A mode word of the status line (`REVIEW`, `ARTICLE`, …) in a language.
pub fn mode_word(lang: Lang, english: &'static str) -> &'static str {
    if lang == Lang::En {
        return english;
    }
    match english {
        "REVIEW" => "مراجعة",
        "ARTICLE" => "مقال",
        "HELP" => "مساعدة",
        "COMMAND" => "أمر",
        "CLAIMS" => "ادعاءات",
        "DASHBOARD" => "لوحة المتابعة",
        "SEARCH" => "بحث",
        "NOTE" => "ملاحظة",
        "EVIDENCE" => "أدلة",
        "MESSAGES" => "رسائل",
        other => other,
    }
}

/// An action's short word for the hint bar (its name in English).
pub fn hint_word(lang: Lang, name: &'static str) -> &'static str {
    if lang == Lang::En {
        return name;
    }
    match name {
        "confirm" => "مؤكد",
        "dispute" => "مفنَّد",
        "unverify" => "غير محقق",
        "not-a-claim" => "ليس ادعاء",
        "clear" => "مسح",
        "undo" => "تراجع",
        "next-pending" => "التالي المعلّق",
        "note" => "ملاحظة",
        "open" => "فتح",
        "search" => "بحث",
        "help" => "مساعدة",
        "quit" => "خروج",
        "mark" => "ادعاء يدوي",
        "back" => "رجوع",
        other => other,
    }
}

/// An action's description in the help overlay, by its name; `english`
/// when there is no translation.
pub fn describe(lang: Lang, name: &str, english: &'static str) -> &'static str {
    if lang == Lang::En {
        return english;
    }
    match name {
        "move-down" => "العنصر أو الجملة التالية",
        "move-up" => "العنصر أو الجملة السابقة",
        "top" => "العنصر الأول",
        "bottom" => "العنصر الأخير",
        "page-down" => "نصف صفحة إلى الأسفل",
        "page-up" => "نصف صفحة إلى الأعلى",
        "next-pane" => "تبديل اللوحة",
        "pane-left" => "لوحة المقالات",
        "pane-right" => "لوحة الادعاءات",
        "open" => "فتح المقال كاملا",
        "back" => "رجوع أو إغلاق",
        "quit" => "خروج (رجوع في عرض المقال)",
        "force-quit" => "خروج فوري",
        "confirm" => "الحكم: مؤكد",
        "dispute" => "الحكم: مفنَّد",
        "unverify" => "الحكم: غير محقق",
        "not-a-claim" => "رفض: ليس ادعاء (ضجيج الاستخراج)",
        "clear" => "مسح الحكم",
        "undo" => "التراجع عن آخر تغيير في الأحكام",
        "redo" => "إعادة ما تم التراجع عنه",
        "messages" => "سجل الرسائل: الرسائل والأخطاء الأخيرة",
        "next-pending" => "الادعاء المعلّق التالي (في المكتب كله)",
        "prev-pending" => "الادعاء المعلّق السابق (في المكتب كله)",
        "note" => "تحرير الملاحظة (سطر واحد)",
        "note-editor" => "تحرير الملاحظة في $EDITOR",
        "evidence" => "تحرير روابط الأدلة",
        "mark" => "جعل الجملة ادعاء (عرض المقال)",
        "search" => "البحث في العناوين والادعاءات",
        "search-next" => "نتيجة البحث التالية",
        "search-prev" => "نتيجة البحث السابقة",
        "command" => "سطر الأوامر",
        "help" => "هذه المساعدة",
        "cycle-filter" => "التصفية: الكل/المعلّق/المفنَّد/…",
        "reload" => "إعادة تحميل المقالات والقواعد",
        "dashboard" => "لوحة المتابعة: التقدم والأحكام والأيام والوسائل والمحللون",
        "suspend" => "تعليق والعودة إلى الصدفة",
        _ => english,
    }
}
