//! Every visible text of the interface, French first, English second.
//!
//! The language, the `texts!` sets (French and English side by side for each
//! key) and the texts the shell and every feature share; each feature keeps
//! its own set in its `texts.rs`.

use leptos::prelude::*;

use super::labels::{label_en, label_fr};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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
        lang_switch: &'static str = ("English", "Français"),
        lang_switch_label: &'static str = (
            "Switch the interface to English",
            "Passer l'interface en français",
        ),
        app_name: &'static str = ("Portail des Shifters", "Shifters Portal"),
        skip_to_content: &'static str = ("Aller au contenu", "Skip to content"),
        nav_label: &'static str = ("Navigation principale", "Main navigation"),
        nav_home: &'static str = ("Accueil", "Home"),
        nav_directory: &'static str = ("Annuaire", "Directory"),
        nav_needs: &'static str = ("Besoins", "Needs"),
        nav_missions: &'static str = ("Missions", "Missions"),
        nav_support: &'static str = ("Support", "Support"),
        sign_out: &'static str = ("Se déconnecter", "Sign out"),
        footer: &'static str = (
            "The Shifters — l'intranet des bénévoles du Shift Project",
            "The Shifters — the intranet of the Shift Project's volunteers",
        ),
        loading: &'static str = ("Chargement…", "Loading…"),
        retry: &'static str = ("Réessayer", "Try again"),
        login_title: &'static str = ("Connexion", "Sign in"),
        login_intro: &'static str = (
            "L'intranet est réservé aux membres des Shifters. Connectez-vous avec l'adresse e-mail de votre invitation.",
            "This intranet is for members of The Shifters. Sign in with the e-mail address of your invitation.",
        ),
        email: &'static str = ("Adresse e-mail", "E-mail address"),
        password: &'static str = ("Mot de passe", "Password"),
        sign_in: &'static str = ("Se connecter", "Sign in"),
        signing_in: &'static str = ("Connexion…", "Signing in…"),
        home_greeting: fn(&str) -> String = (
            |name| format!("Bonjour {name}"),
            |name| format!("Hello {name}"),
        ),
        home_intro: &'static str = (
            "Retrouvez les Shifters, les besoins informatiques de l'association, les missions ouvertes et l'équipe support.",
            "Find fellow Shifters, the association's IT needs, open missions and the support team.",
        ),
        home_directory: &'static str = (
            "Trouver un Shifter par région, compétence ou domaine.",
            "Find a Shifter by region, skill or field.",
        ),
        home_needs: &'static str = (
            "Les besoins informatiques recensés et leur décision.",
            "The IT needs on record and their decisions.",
        ),
        home_missions: &'static str = (
            "Les fiches missions proposées, validées par le CA, ouvertes aux bénévoles.",
            "Mission cards proposed, approved by the board, open to volunteers.",
        ),
        home_support: &'static str = (
            "Demander l'aide de l'équipe informatique & web.",
            "Ask the IT & web team for help.",
        ),
        your_roles: &'static str = ("Vos rôles", "Your roles"),
        directory_title: &'static str = ("Annuaire des Shifters", "Directory of Shifters"),
        directory_search: &'static str = ("Rechercher", "Search"),
        directory_search_placeholder: &'static str = ("Nom, compétence, métier…", "Name, skill, profession…"),
        all_regions: &'static str = ("Toutes les régions", "All regions"),
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
        directory_empty: &'static str = (
            "Aucun membre ne correspond à cette recherche. Essayez un autre mot ou retirez un filtre.",
            "No member matches this search. Try another word or remove a filter.",
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
        needs_title: &'static str = ("Besoins informatiques", "IT needs"),
        needs_intro: &'static str = (
            "Chaque besoin des groupes de travail, des missions et du CA, avec sa priorité et son statut.",
            "Every need of the working groups, missions and board, with its priority and status.",
        ),
        needs_empty: &'static str = ("Aucun besoin n'est encore recensé.", "No need has been recorded yet."),
        col_title: &'static str = ("Intitulé", "Title"),
        col_origin: &'static str = ("Origine", "Origin"),
        col_category: &'static str = ("Catégorie", "Category"),
        col_priority: &'static str = ("Priorité", "Priority"),
        col_status: &'static str = ("Statut", "Status"),
        missions_title: &'static str = ("Missions", "Missions"),
        missions_intro: &'static str = (
            "Les fiches missions proposées par les pilotes et examinées par le CA.",
            "Mission cards proposed by pilots and reviewed by the board.",
        ),
        missions_empty: &'static str = ("Aucune mission pour le moment.", "No mission yet."),
        mission_framing: &'static str = ("Cadrage", "Framing"),
        mission_what: &'static str = ("Quoi ?", "What?"),
        mission_when: &'static str = ("Quand ?", "When?"),
        mission_deliverables: &'static str = ("Livrable(s)", "Deliverable(s)"),
        mission_how_many: &'static str = ("Combien ?", "How many?"),
        mission_kind: &'static str = ("Type", "Type"),
        mission_pilots: &'static str = ("Pilote Shifters", "Shifters pilot"),
        mission_board_referent: &'static str = ("Référent CA", "Board referent"),
        mission_tsp_referent: &'static str = ("Référent TSP", "TSP referent"),
        mission_status: &'static str = ("Statut", "Status"),
        back_to_missions: &'static str = ("← Toutes les missions", "← All missions"),
        to_be_named: &'static str = ("à désigner", "to be named"),
        support_title: &'static str = ("Demander de l'aide", "Ask for help"),
        support_intro: &'static str = (
            "L'équipe support informatique & web vous répond : urgence « pompiers », aide sur un outil ou conseil.",
            "The IT & web support team answers: \"firefighter\" emergencies, help with a tool, or advice.",
        ),
        support_category: &'static str = ("Catégorie", "Category"),
        support_urgency: &'static str = ("Urgence", "Urgency"),
        support_subject: &'static str = ("Objet", "Subject"),
        support_description: &'static str = ("Description", "Description"),
        support_submit: &'static str = ("Envoyer la demande", "Send the request"),
        support_sending: &'static str = ("Envoi…", "Sending…"),
        support_created: fn(u64) -> String = (
            |n| format!("Demande n° {n} enregistrée. Un référent va la prendre en charge."),
            |n| format!("Request #{n} recorded. A referent will take it."),
        ),
        support_mine: &'static str = ("Mes demandes", "My requests"),
        support_none: &'static str = ("Vous n'avez fait aucune demande.", "You have made no request."),
        not_found_title: &'static str = ("Page introuvable", "Page not found"),
        not_found_text: &'static str = (
            "Cette adresse ne correspond à aucune page du portail.",
            "This address matches no page of the portal.",
        ),
        back_home: &'static str = ("Retour à l'accueil", "Back to home"),
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
        nav_account: &'static str = ("Mon compte", "My account"),
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
        totp_code: &'static str = ("Code à 6 chiffres", "6-digit code"),
        admin_users: &'static str = ("Comptes", "Accounts"),
        admin_audit: &'static str = ("Journal d'audit", "Audit log"),
        admin_settings: &'static str = ("Réglages", "Settings"),
        invite_title: &'static str = ("Inviter une personne", "Invite someone"),
        display_name: &'static str = ("Nom affiché", "Display name"),
        roles: &'static str = ("Rôles", "Roles"),
        invite_submit: &'static str = ("Créer l'invitation", "Create the invitation"),
        link_to_send: &'static str = (
            "Lien à transmettre (usage unique, expire le {}) :",
            "Link to send (single use, expires {}):",
        ),
        link_mailed: &'static str = (
            "Le lien a aussi été envoyé par e-mail.",
            "The link was also sent by e-mail.",
        ),
        search_accounts: &'static str = ("Rechercher un compte", "Search an account"),
        col_email: &'static str = ("Adresse e-mail", "E-mail address"),
        col_name: &'static str = ("Nom", "Name"),
        col_roles: &'static str = ("Rôles", "Roles"),
        col_state: &'static str = ("État", "State"),
        col_actions: &'static str = ("Actions", "Actions"),
        active_label: &'static str = ("Actif", "Active"),
        inactive_label: &'static str = ("Désactivé", "Deactivated"),
        deactivate: &'static str = ("Désactiver", "Deactivate"),
        reactivate: &'static str = ("Réactiver", "Reactivate"),
        reset_link: &'static str = ("Lien de réinitialisation", "Reset link"),
        save_roles: &'static str = ("Enregistrer les rôles", "Save roles"),
        saved: &'static str = ("Enregistré.", "Saved."),
        all_actions: &'static str = ("Toutes les actions", "All actions"),
        audit_text: &'static str = ("Compte ou cible", "Account or target"),
        col_when: &'static str = ("Date", "Date"),
        col_who: &'static str = ("Qui", "Who"),
        col_action: &'static str = ("Action", "Action"),
        col_target: &'static str = ("Cible", "Target"),
        col_detail: &'static str = ("Détail", "Detail"),
        col_ip: &'static str = ("Adresse IP", "IP address"),
        audit_empty: &'static str = ("Aucune entrée ne correspond.", "No entry matches."),
        require_totp_setting: &'static str = (
            "Exiger la double authentification pour les comptes administrateur et CA",
            "Require two-factor authentication for admin and board accounts",
        ),
        save: &'static str = ("Enregistrer", "Save"),
        invitation_title: &'static str = ("Bienvenue chez les Shifters", "Welcome to The Shifters"),
        invitation_intro: &'static str = (
            "Choisissez votre mot de passe (12 caractères au moins) pour activer votre compte.",
            "Choose your password (at least 12 characters) to activate your account.",
        ),
        new_password: &'static str = ("Nouveau mot de passe", "New password"),
        confirm_password: &'static str = ("Confirmer le mot de passe", "Confirm the password"),
        activate_account: &'static str = ("Activer mon compte", "Activate my account"),
        reset_title: &'static str = ("Choisir un nouveau mot de passe", "Choose a new password"),
        reset_intro: &'static str = (
            "Ce lien ne sert qu'une fois. Choisissez un mot de passe de 12 caractères au moins.",
            "This link works once. Choose a password of at least 12 characters.",
        ),
        reset_done: &'static str = (
            "Mot de passe changé. Vous pouvez vous connecter.",
            "Password changed. You can sign in.",
        ),
        go_sign_in: &'static str = ("Aller à la connexion", "Go to sign-in"),
        change_password_title: &'static str = ("Changer de mot de passe", "Change password"),
        current_password: &'static str = ("Mot de passe actuel", "Current password"),
        password_changed: &'static str = (
            "Mot de passe changé : reconnectez-vous avec le nouveau.",
            "Password changed: sign in again with the new one.",
        ),
        totp_title: &'static str = ("Double authentification", "Two-factor authentication"),
        totp_off_text: &'static str = (
            "Protégez votre compte : à chaque connexion, un code de votre application d'authentification vous sera demandé.",
            "Protect your account: each sign-in will ask for a code from your authenticator app.",
        ),
        totp_on_text: &'static str = (
            "La double authentification est active sur votre compte.",
            "Two-factor authentication is on for your account.",
        ),
        totp_start: &'static str = (
            "Activer la double authentification",
            "Turn on two-factor authentication",
        ),
        totp_secret_help: &'static str = (
            "Ajoutez le compte dans votre application d'authentification avec cette clé, puis saisissez le code affiché :",
            "Add the account to your authenticator app with this key, then enter the code it shows:",
        ),
        totp_confirm: &'static str = ("Confirmer", "Confirm"),
        totp_disable: &'static str = (
            "Désactiver la double authentification",
            "Turn off two-factor authentication",
        ),
        totp_done: &'static str = ("Double authentification activée.", "Two-factor authentication is on."),
        pagination: &'static str = ("Pagination", "Pagination"),
        col_number: &'static str = ("N°", "No."),
        totp_open_app: &'static str = (
            "Ouvrir dans l'application d'authentification",
            "Open in the authenticator app",
        ),
        label: fn(&str) -> &'static str = (label_fr, label_en),
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
