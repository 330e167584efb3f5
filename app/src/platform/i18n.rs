//! Every visible text of the interface, French first, English second.
//!
//! The language, the `texts!` sets (French and English side by side for each
//! key) and the texts the shell and every feature share; each feature keeps
//! its own set in its `texts.rs`.

use leptos::prelude::*;

use super::labels::{label_en, label_fr};

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
}

/// A set of texts in both languages (one per feature), made by `texts!`.
pub trait Localized: 'static {
    fn of(lang: Lang) -> &'static Self;
}

/// One set of texts, French and English side by side for each key:
/// `name: type = (french, english),`. Makes the struct, its two statics
/// (`FR` and `EN`, private to the module) and its `Localized` impl. A missing
/// translation is a build error, and nothing is added to the bundle beyond
/// the texts themselves (no runtime catalogue, no parser).
macro_rules! texts {
    ($(#[$meta:meta])* pub struct $name:ident {
        $($(#[$fmeta:meta])* $field:ident : $ty:ty = ($fr:expr, $en:expr $(,)?)),* $(,)?
    }) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        static FR: $name = $name { $($field: $fr,)* };
        static EN: $name = $name { $($field: $en,)* };

        impl $crate::platform::i18n::Localized for $name {
            fn of(lang: $crate::platform::i18n::Lang) -> &'static Self {
                match lang {
                    $crate::platform::i18n::Lang::Fr => &FR,
                    $crate::platform::i18n::Lang::En => &EN,
                }
            }
        }
    };
}
pub(crate) use texts;

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

texts! {
    pub struct CommonTexts {
        nav_support: &'static str = ("Support", "Support"),
        /// The header's bell, named with the unread count (in the first
        /// load, unlike the rest of the notification centre's texts).
        bell: fn(u64) -> String = (
            |n| match n {
                0 => "Notifications, aucune non lue".to_string(),
                1 => "Notifications, 1 non lue".to_string(),
                n => format!("Notifications, {n} non lues"),
            },
            |n| match n {
                0 => "Notifications, none unread".to_string(),
                1 => "Notifications, 1 unread".to_string(),
                n => format!("Notifications, {n} unread"),
            },
        ),
        loading: &'static str = ("Chargement…", "Loading…"),
        email: &'static str = ("Adresse e-mail", "E-mail address"),
        password: &'static str = ("Mot de passe", "Password"),
        region: &'static str = ("Région", "Region"),
        members_count: fn(u64) -> String = (
            |n| match n {
                0 => "Aucun membre".to_string(),
                1 => "1 membre".to_string(),
                n => format!("{n} membres"),
            },
            |n| match n {
                0 => "No member".to_string(),
                1 => "1 member".to_string(),
                n => format!("{n} members"),
            },
        ),
        member_since: fn(i32) -> String = (
            |year| format!("Shifter depuis {year}"),
            |year| format!("Shifter since {year}"),
        ),
        previous_page: &'static str = ("Page précédente", "Previous page"),
        next_page: &'static str = ("Page suivante", "Next page"),
        page_of: fn(u64, u64) -> String = (
            |page, pages| format!("Page {page} sur {pages}"),
            |page, pages| format!("Page {page} of {pages}"),
        ),
        needs_empty: &'static str = ("Aucun besoin n'est encore recensé.", "No need has been recorded yet."),
        col_title: &'static str = ("Intitulé", "Title"),
        col_origin: &'static str = ("Origine", "Origin"),
        col_category: &'static str = ("Catégorie", "Category"),
        col_priority: &'static str = ("Priorité", "Priority"),
        col_status: &'static str = ("Statut", "Status"),
        support_category: &'static str = ("Catégorie", "Category"),
        support_urgency: &'static str = ("Urgence", "Urgency"),
        support_subject: &'static str = ("Objet", "Subject"),
        support_none: &'static str = ("Vous n'avez fait aucune demande.", "You have made no request."),
        error_title: &'static str = ("Une erreur est survenue", "Something went wrong"),
        error_validation: &'static str = ("Certains champs sont à corriger.", "Some fields need fixing."),
        error_unauthorized: &'static str = (
            "Votre session a expiré : reconnectez-vous.",
            "Your session has expired: please sign in again.",
        ),
        error_forbidden: &'static str = (
            "Votre rôle ne permet pas cette action.",
            "Your role does not allow this.",
        ),
        error_not_found: &'static str = (
            "Cet élément n'existe pas ou plus.",
            "This item does not exist or no longer exists.",
        ),
        error_conflict: &'static str = (
            "Quelqu'un a modifié cet élément en même temps que vous. Rechargez la page.",
            "Someone changed this item at the same time as you. Reload the page.",
        ),
        error_too_large: &'static str = (
            "Le contenu envoyé est trop volumineux.",
            "What you sent is too large.",
        ),
        error_unprocessable: &'static str = (
            "Le contenu envoyé n'a pas pu être utilisé.",
            "What you sent could not be used.",
        ),
        error_too_many: &'static str = (
            "Trop de tentatives. Patientez quelques minutes.",
            "Too many attempts. Please wait a few minutes.",
        ),
        error_bad_request: &'static str = (
            "La demande n'a pas pu être comprise.",
            "The request could not be understood.",
        ),
        error_internal: &'static str = (
            "Le serveur a rencontré un problème. Réessayez dans un instant.",
            "The server ran into a problem. Try again in a moment.",
        ),
        error_network: &'static str = (
            "Le portail est injoignable. Vérifiez votre connexion.",
            "The portal cannot be reached. Check your connection.",
        ),
        error_bad_credentials: &'static str = (
            "Adresse e-mail ou mot de passe incorrect.",
            "Wrong e-mail address or password.",
        ),
        field_required: &'static str = ("Ce champ est obligatoire.", "This field is required."),
        field_too_long: &'static str = ("Ce texte est trop long.", "This text is too long."),
        field_invalid: &'static str = ("Cette valeur n'est pas valide.", "This value is not valid."),
        nav_admin: &'static str = ("Administration", "Administration"),
        error_totp_required: &'static str = (
            "Saisissez le code à 6 chiffres de votre application d'authentification.",
            "Enter the 6-digit code from your authenticator app.",
        ),
        error_totp_setup_required: &'static str = (
            "Activez d'abord la double authentification dans « Mon compte ».",
            "Turn on two-factor authentication in \"My account\" first.",
        ),
        field_password_too_short: &'static str = ("Au moins 12 caractères.", "At least 12 characters."),
        field_password_too_common: &'static str = (
            "Ce mot de passe est trop courant : choisissez-en un autre.",
            "This password is too common: choose another.",
        ),
        field_password_mismatch: &'static str = (
            "Les deux mots de passe diffèrent.",
            "The two passwords differ.",
        ),
        display_name: &'static str = ("Nom affiché", "Display name"),
        roles: &'static str = ("Rôles", "Roles"),
        col_email: &'static str = ("Adresse e-mail", "E-mail address"),
        col_name: &'static str = ("Nom", "Name"),
        col_roles: &'static str = ("Rôles", "Roles"),
        col_state: &'static str = ("État", "State"),
        col_actions: &'static str = ("Actions", "Actions"),
        saved: &'static str = ("Enregistré.", "Saved."),
        col_when: &'static str = ("Date", "Date"),
        col_who: &'static str = ("Qui", "Who"),
        col_action: &'static str = ("Action", "Action"),
        col_target: &'static str = ("Cible", "Target"),
        col_detail: &'static str = ("Détail", "Detail"),
        col_ip: &'static str = ("Adresse IP", "IP address"),
        audit_empty: &'static str = ("Aucune entrée ne correspond.", "No entry matches."),
        save: &'static str = ("Enregistrer", "Save"),
        pagination: &'static str = ("Pagination", "Pagination"),
        col_number: &'static str = ("N°", "No."),
        label: fn(&str) -> &'static str = (label_fr, label_en),
        /// The directory administration: its page, and its link in the administration.
        admin_title: &'static str = ("Annuaire : administration", "Directory: administration"),
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
