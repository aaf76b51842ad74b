//! The UI's own words, in English (default) and Arabic (`lang = "ar"`).
//! Arabic labels are laid out right to left through `crate::render`.

/// A language of the UI's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Ar,
}

impl Lang {
    /// From the config value (`en`, `ar`).
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "ar" => Some(Lang::Ar),
            _ => None,
        }
    }
}

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
    AlsoIn,
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
        (Lang::En, AlsoIn) => "also in",
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
        (Lang::Ar, AlsoIn) => "ورد أيضا في",
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
