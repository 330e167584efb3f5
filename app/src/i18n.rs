//! Every visible text of the interface, French first, English second.
//!
//! One struct of texts per language, checked by the compiler: a missing
//! translation is a build error, and the whole mechanism weighs nothing in the
//! wasm bundle (no runtime catalogue, no parser).

use leptos::prelude::*;

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

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }
}

/// The language chosen in this browser, shared by every component.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// Texts of the current language; reading it inside a closure makes the
    /// view follow a language switch.
    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

pub struct Texts {
    pub lang_switch: &'static str,
    pub lang_switch_label: &'static str,
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_directory: &'static str,
    pub nav_needs: &'static str,
    pub nav_missions: &'static str,
    pub nav_support: &'static str,
    pub sign_out: &'static str,
    pub footer: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,

    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,

    pub home_greeting: fn(&str) -> String,
    pub home_intro: &'static str,
    pub home_directory: &'static str,
    pub home_needs: &'static str,
    pub home_missions: &'static str,
    pub home_support: &'static str,
    pub your_roles: &'static str,

    pub directory_title: &'static str,
    pub directory_search: &'static str,
    pub directory_search_placeholder: &'static str,
    pub all_regions: &'static str,
    pub region: &'static str,
    pub members_count: fn(u64) -> String,
    pub directory_empty: &'static str,
    pub member_since: fn(i32) -> String,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub page_of: fn(u64, u64) -> String,

    pub needs_title: &'static str,
    pub needs_intro: &'static str,
    pub needs_empty: &'static str,
    pub col_title: &'static str,
    pub col_origin: &'static str,
    pub col_category: &'static str,
    pub col_priority: &'static str,
    pub col_status: &'static str,

    pub missions_title: &'static str,
    pub missions_intro: &'static str,
    pub missions_empty: &'static str,
    pub mission_framing: &'static str,
    pub mission_what: &'static str,
    pub mission_when: &'static str,
    pub mission_deliverables: &'static str,
    pub mission_how_many: &'static str,
    pub mission_kind: &'static str,
    pub mission_pilots: &'static str,
    pub mission_board_referent: &'static str,
    pub mission_tsp_referent: &'static str,
    pub mission_status: &'static str,
    pub back_to_missions: &'static str,
    pub to_be_named: &'static str,

    pub support_title: &'static str,
    pub support_intro: &'static str,
    pub support_category: &'static str,
    pub support_urgency: &'static str,
    pub support_subject: &'static str,
    pub support_description: &'static str,
    pub support_submit: &'static str,
    pub support_sending: &'static str,
    pub support_created: fn(u64) -> String,
    pub support_mine: &'static str,
    pub support_none: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,

    pub error_title: &'static str,
    pub error_validation: &'static str,
    pub error_unauthorized: &'static str,
    pub error_forbidden: &'static str,
    pub error_not_found: &'static str,
    pub error_conflict: &'static str,
    pub error_too_large: &'static str,
    pub error_too_many: &'static str,
    pub error_bad_request: &'static str,
    pub error_internal: &'static str,
    pub error_network: &'static str,
    pub error_bad_credentials: &'static str,

    pub field_required: &'static str,
    pub field_too_long: &'static str,
    pub field_invalid: &'static str,

    pub label: fn(&str) -> &'static str,
}

pub static FR: Texts = Texts {
    lang_switch: "English",
    lang_switch_label: "Switch the interface to English",
    app_name: "Portail des Shifters",
    skip_to_content: "Aller au contenu",
    nav_label: "Navigation principale",
    nav_home: "Accueil",
    nav_directory: "Annuaire",
    nav_needs: "Besoins",
    nav_missions: "Missions",
    nav_support: "Support",
    sign_out: "Se déconnecter",
    footer: "The Shifters — l'intranet des bénévoles du Shift Project",
    loading: "Chargement…",
    retry: "Réessayer",

    login_title: "Connexion",
    login_intro: "L'intranet est réservé aux membres des Shifters. Connectez-vous avec l'adresse e-mail de votre invitation.",
    email: "Adresse e-mail",
    password: "Mot de passe",
    sign_in: "Se connecter",
    signing_in: "Connexion…",

    home_greeting: |name| format!("Bonjour {name}"),
    home_intro: "Retrouvez les Shifters, les besoins informatiques de l'association, les missions ouvertes et l'équipe support.",
    home_directory: "Trouver un Shifter par région, compétence ou domaine.",
    home_needs: "Les besoins informatiques recensés et leur décision.",
    home_missions: "Les fiches missions proposées, validées par le CA, ouvertes aux bénévoles.",
    home_support: "Demander l'aide de l'équipe informatique & web.",
    your_roles: "Vos rôles",

    directory_title: "Annuaire des Shifters",
    directory_search: "Rechercher",
    directory_search_placeholder: "Nom, compétence, métier…",
    all_regions: "Toutes les régions",
    region: "Région",
    members_count: |n| match n {
        0 => "Aucun membre".to_string(),
        1 => "1 membre".to_string(),
        n => format!("{n} membres"),
    },
    directory_empty: "Aucun membre ne correspond à cette recherche. Essayez un autre mot ou retirez un filtre.",
    member_since: |year| format!("Shifter depuis {year}"),
    previous_page: "Page précédente",
    next_page: "Page suivante",
    page_of: |page, pages| format!("Page {page} sur {pages}"),

    needs_title: "Besoins informatiques",
    needs_intro: "Chaque besoin des groupes de travail, des missions et du CA, avec sa priorité et son statut.",
    needs_empty: "Aucun besoin n'est encore recensé.",
    col_title: "Intitulé",
    col_origin: "Origine",
    col_category: "Catégorie",
    col_priority: "Priorité",
    col_status: "Statut",

    missions_title: "Missions",
    missions_intro: "Les fiches missions proposées par les pilotes et examinées par le CA.",
    missions_empty: "Aucune mission pour le moment.",
    mission_framing: "Cadrage",
    mission_what: "Quoi ?",
    mission_when: "Quand ?",
    mission_deliverables: "Livrable(s)",
    mission_how_many: "Combien ?",
    mission_kind: "Type",
    mission_pilots: "Pilote Shifters",
    mission_board_referent: "Référent CA",
    mission_tsp_referent: "Référent TSP",
    mission_status: "Statut",
    back_to_missions: "← Toutes les missions",
    to_be_named: "à désigner",

    support_title: "Demander de l'aide",
    support_intro: "L'équipe support informatique & web vous répond : urgence « pompiers », aide sur un outil ou conseil.",
    support_category: "Catégorie",
    support_urgency: "Urgence",
    support_subject: "Objet",
    support_description: "Description",
    support_submit: "Envoyer la demande",
    support_sending: "Envoi…",
    support_created: |n| format!("Demande n° {n} enregistrée. Un référent va la prendre en charge."),
    support_mine: "Mes demandes",
    support_none: "Vous n'avez fait aucune demande.",

    not_found_title: "Page introuvable",
    not_found_text: "Cette adresse ne correspond à aucune page du portail.",
    back_home: "Retour à l'accueil",

    error_title: "Une erreur est survenue",
    error_validation: "Certains champs sont à corriger.",
    error_unauthorized: "Votre session a expiré : reconnectez-vous.",
    error_forbidden: "Votre rôle ne permet pas cette action.",
    error_not_found: "Cet élément n'existe pas ou plus.",
    error_conflict: "Quelqu'un a modifié cet élément en même temps que vous. Rechargez la page.",
    error_too_large: "Le contenu envoyé est trop volumineux.",
    error_too_many: "Trop de tentatives. Patientez quelques minutes.",
    error_bad_request: "La demande n'a pas pu être comprise.",
    error_internal: "Le serveur a rencontré un problème. Réessayez dans un instant.",
    error_network: "Le portail est injoignable. Vérifiez votre connexion.",
    error_bad_credentials: "Adresse e-mail ou mot de passe incorrect.",

    field_required: "Ce champ est obligatoire.",
    field_too_long: "Ce texte est trop long.",
    field_invalid: "Cette valeur n'est pas valide.",

    label: label_fr,
};

pub static EN: Texts = Texts {
    lang_switch: "Français",
    lang_switch_label: "Passer l'interface en français",
    app_name: "Shifters Portal",
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_directory: "Directory",
    nav_needs: "Needs",
    nav_missions: "Missions",
    nav_support: "Support",
    sign_out: "Sign out",
    footer: "The Shifters — the intranet of the Shift Project's volunteers",
    loading: "Loading…",
    retry: "Try again",

    login_title: "Sign in",
    login_intro:
        "This intranet is for members of The Shifters. Sign in with the e-mail address of your invitation.",
    email: "E-mail address",
    password: "Password",
    sign_in: "Sign in",
    signing_in: "Signing in…",

    home_greeting: |name| format!("Hello {name}"),
    home_intro: "Find fellow Shifters, the association's IT needs, open missions and the support team.",
    home_directory: "Find a Shifter by region, skill or field.",
    home_needs: "The IT needs on record and their decisions.",
    home_missions: "Mission cards proposed, approved by the board, open to volunteers.",
    home_support: "Ask the IT & web team for help.",
    your_roles: "Your roles",

    directory_title: "Directory of Shifters",
    directory_search: "Search",
    directory_search_placeholder: "Name, skill, profession…",
    all_regions: "All regions",
    region: "Region",
    members_count: |n| match n {
        0 => "No member".to_string(),
        1 => "1 member".to_string(),
        n => format!("{n} members"),
    },
    directory_empty: "No member matches this search. Try another word or remove a filter.",
    member_since: |year| format!("Shifter since {year}"),
    previous_page: "Previous page",
    next_page: "Next page",
    page_of: |page, pages| format!("Page {page} of {pages}"),

    needs_title: "IT needs",
    needs_intro: "Every need of the working groups, missions and board, with its priority and status.",
    needs_empty: "No need has been recorded yet.",
    col_title: "Title",
    col_origin: "Origin",
    col_category: "Category",
    col_priority: "Priority",
    col_status: "Status",

    missions_title: "Missions",
    missions_intro: "Mission cards proposed by pilots and reviewed by the board.",
    missions_empty: "No mission yet.",
    mission_framing: "Framing",
    mission_what: "What?",
    mission_when: "When?",
    mission_deliverables: "Deliverable(s)",
    mission_how_many: "How many?",
    mission_kind: "Type",
    mission_pilots: "Shifters pilot",
    mission_board_referent: "Board referent",
    mission_tsp_referent: "TSP referent",
    mission_status: "Status",
    back_to_missions: "← All missions",
    to_be_named: "to be named",

    support_title: "Ask for help",
    support_intro:
        "The IT & web support team answers: \"firefighter\" emergencies, help with a tool, or advice.",
    support_category: "Category",
    support_urgency: "Urgency",
    support_subject: "Subject",
    support_description: "Description",
    support_submit: "Send the request",
    support_sending: "Sending…",
    support_created: |n| format!("Request #{n} recorded. A referent will take it."),
    support_mine: "My requests",
    support_none: "You have made no request.",

    not_found_title: "Page not found",
    not_found_text: "This address matches no page of the portal.",
    back_home: "Back to home",

    error_title: "Something went wrong",
    error_validation: "Some fields need fixing.",
    error_unauthorized: "Your session has expired: please sign in again.",
    error_forbidden: "Your role does not allow this.",
    error_not_found: "This item does not exist or no longer exists.",
    error_conflict: "Someone changed this item at the same time as you. Reload the page.",
    error_too_large: "What you sent is too large.",
    error_too_many: "Too many attempts. Please wait a few minutes.",
    error_bad_request: "The request could not be understood.",
    error_internal: "The server ran into a problem. Try again in a moment.",
    error_network: "The portal cannot be reached. Check your connection.",
    error_bad_credentials: "Wrong e-mail address or password.",

    field_required: "This field is required.",
    field_too_long: "This text is too long.",
    field_invalid: "This value is not valid.",

    label: label_en,
};

/// Labels of the stored codes (roles, statuses, priorities, categories…).
/// Unknown codes fall back to the code itself rather than to nothing.
fn label_fr(code: &str) -> &'static str {
    match code {
        "member" => "Membre",
        "pilot" => "Pilote",
        "referent" => "Référent support",
        "board" => "CA",
        "admin" => "Administrateur",
        "must" => "Indispensable",
        "should" => "Important",
        "could" => "Souhaitable",
        "wont" => "Pas maintenant",
        "new" => "Nouveau",
        "in_analysis" => "En analyse",
        "solution_proposed" => "Solution proposée",
        "submitted" => "Soumis au CA",
        "accepted" => "Accepté",
        "rejected" => "Refusé",
        "to_rework" => "À retravailler",
        "deploying" => "En déploiement",
        "deployed" => "Déployé",
        "draft" => "Brouillon",
        "changes_requested" => "Modifications demandées",
        "approved" => "Validée",
        "active" => "En cours",
        "completed" => "Terminée",
        "archived" => "Archivée",
        "mission_shifter" => "Mission Shifter",
        "pilotage_shifters" => "Pilotage Shifters",
        "working_group" => "Groupe de travail",
        "mission" => "Mission",
        "other" => "Autre",
        "internal_communication" => "Communication interne",
        "collaboration" => "Collaboration et fichiers",
        "forms" => "Formulaires et sondages",
        "website" => "Site web et réseaux sociaux",
        "data" => "Données",
        "security" => "Sécurité",
        "hosting" => "Hébergement",
        "firefighter" => "Urgence « pompiers »",
        "communication_web" => "Communication & web",
        "it_tools" => "Outils informatiques",
        "data_portal" => "Data-portal",
        "advice" => "Conseil",
        "low" => "Faible",
        "normal" => "Normale",
        "high" => "Haute",
        "critical" => "Critique",
        "taken" => "Prise en charge",
        "in_progress" => "En cours",
        "waiting" => "En attente de vous",
        "resolved" => "Résolue",
        "closed" => "Close",
        _ => "—",
    }
}

fn label_en(code: &str) -> &'static str {
    match code {
        "member" => "Member",
        "pilot" => "Pilot",
        "referent" => "Support referent",
        "board" => "Board",
        "admin" => "Administrator",
        "must" => "Must",
        "should" => "Should",
        "could" => "Could",
        "wont" => "Won't",
        "new" => "New",
        "in_analysis" => "In analysis",
        "solution_proposed" => "Solution proposed",
        "submitted" => "Submitted to the board",
        "accepted" => "Accepted",
        "rejected" => "Rejected",
        "to_rework" => "To rework",
        "deploying" => "Being deployed",
        "deployed" => "Deployed",
        "draft" => "Draft",
        "changes_requested" => "Changes requested",
        "approved" => "Approved",
        "active" => "Active",
        "completed" => "Completed",
        "archived" => "Archived",
        "mission_shifter" => "Mission Shifter",
        "pilotage_shifters" => "Pilotage Shifters",
        "working_group" => "Working group",
        "mission" => "Mission",
        "other" => "Other",
        "internal_communication" => "Internal communication",
        "collaboration" => "Collaboration and files",
        "forms" => "Forms and surveys",
        "website" => "Website and social media",
        "data" => "Data",
        "security" => "Security",
        "hosting" => "Hosting",
        "firefighter" => "\"Firefighter\" emergency",
        "communication_web" => "Communication & web",
        "it_tools" => "IT tools",
        "data_portal" => "Data portal",
        "advice" => "Advice",
        "low" => "Low",
        "normal" => "Normal",
        "high" => "High",
        "critical" => "Critical",
        "taken" => "Taken",
        "in_progress" => "In progress",
        "waiting" => "Waiting for you",
        "resolved" => "Resolved",
        "closed" => "Closed",
        _ => "—",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_label_in_both_languages() {
        for code in crate::models::ALL_CODES {
            assert_ne!(label_fr(code), "—", "no French label for {code}");
            assert_ne!(label_en(code), "—", "no English label for {code}");
        }
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!((FR.members_count)(0), "Aucun membre");
        assert_eq!((FR.members_count)(1), "1 membre");
        assert_eq!((EN.members_count)(22000), "22000 members");
    }
}
