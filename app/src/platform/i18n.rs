//! Every visible text of the interface, French first, English second.
//!
//! The language, the `texts!` sets (French and English side by side for each
//! key) and the texts the shell and every feature share (`i18n.toml` and
//! here); each feature keeps its own set in its `texts.toml` and `texts.rs`.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}

/// The language chosen in this browser, shared by every component.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// The texts of set `T` in the current language: the one way a
    /// component reaches its texts. Read inside a closure, the view follows
    /// a language switch.
    pub fn tr<T: Localized>(&self) -> &'static T {
        T::of(self.lang.get())
    }

    /// One text of set `T` as a signal that follows the language (a
    /// field's label, a chart's title).
    pub fn text<T: Localized>(&self, key: fn(&T) -> &'static str) -> Signal<&'static str> {
        let lang = self.lang;
        Signal::derive(move || key(T::of(lang.get())))
    }

    /// The label of a stored code (a role, a status…) in the current
    /// language. A method rather than a text of `CommonTexts`: the 112
    /// labels then come with the pages that show them, not in the first load.
    pub fn label(&self, code: &str) -> &'static str {
        super::labels::label(self.lang.get(), code)
    }
}

/// A set of texts in both languages (one per feature), made by `texts!`.
pub trait Localized: 'static {
    fn of(lang: Lang) -> &'static Self;
}

/// The macro that makes each set of texts (see its documentation).
pub(crate) use app_macros::texts;

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

texts! {
    pub struct CommonTexts from "src/platform/i18n.toml" {
        /// The header's bell, named with the unread count (in the first
        /// load, unlike the rest of the notification centre's texts).
        bell(n: u64),
        members_count(n: u64),
        member_since(year: i32),
        page_of(page: u64, pages: u64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!((CommonTexts::of(Lang::Fr).members_count)(0), "Aucun membre");
        assert_eq!((CommonTexts::of(Lang::Fr).members_count)(1), "1 membre");
        assert_eq!((CommonTexts::of(Lang::En).members_count)(22000), "22000 members");
    }
}
