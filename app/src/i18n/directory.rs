//! Texts of the directory and profile pages (issue 4), French and English.

use leptos::prelude::Get;

use super::{I18n, Lang};

pub struct DirTexts {
    pub title: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub sort: &'static str,
    pub view_cards: &'static str,
    pub view_table: &'static str,
    pub filters: &'static str,
    pub clear: &'static str,
    pub results: fn(u64) -> String,
    pub empty_filtered: &'static str,
    pub empty_none: &'static str,
    pub more_values: &'static str,
    pub export_csv: &'static str,
    pub export_vcard: &'static str,
    pub export_ready: fn(&str) -> String,
    pub years: fn(u32) -> String,
    pub hours: fn(u32) -> String,
    pub open_badge: &'static str,
    pub col_name: &'static str,
    pub col_place: &'static str,
    pub col_profession: &'static str,
    pub col_seniority: &'static str,
    pub col_availability: &'static str,
    // The member page.
    pub back: &'static str,
    pub contact: &'static str,
    pub write: &'static str,
    pub about: &'static str,
    pub missions: &'static str,
    pub no_missions: &'static str,
    pub no_contact: &'static str,
    pub edit_mine: &'static str,
    pub self_note: &'static str,
    pub since: fn(&str, Option<u32>) -> String,
    // The profile page.
    pub profile_title: &'static str,
    pub completeness: fn(u32) -> String,
    pub nudge: &'static str,
    pub complete: &'static str,
    pub visible_to: &'static str,
    pub skills_help: &'static str,
    pub links_help: &'static str,
    pub bio_help: &'static str,
    pub in_directory: &'static str,
    pub in_directory_help: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub see_my_page: &'static str,
    pub suggestions: &'static str,
    pub none: &'static str,
    pub gdpr_title: &'static str,
    pub gdpr_text: &'static str,
    pub gdpr_download: &'static str,
    pub gdpr_ready: &'static str,
    pub gdpr_delete: &'static str,
    pub gdpr_confirm: &'static str,
    pub gdpr_requested: &'static str,
    // Administration.
    pub admin_title: &'static str,
    pub domains: &'static str,
    pub domain_name: &'static str,
    pub add: &'static str,
    pub remove: &'static str,
    pub erasures: &'static str,
    pub erasures_none: &'static str,
    pub erase: &'static str,
    pub erase_confirm: &'static str,
    pub field: fn(&str) -> &'static str,
    pub value: fn(&str, &str) -> String,
}

impl I18n {
    /// The directory texts of the current language (reactive).
    pub fn dir(&self) -> &'static DirTexts {
        match self.lang.get() {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }
}

fn field_fr(field: &str) -> &'static str {
    match field {
        "display_name" => "Nom affiché",
        "pronouns" => "Pronoms",
        "region" => "Région",
        "country" => "Pays",
        "local_group" => "Groupe local",
        "member_since" => "Membre depuis",
        "domains" | "domain" => "Domaines d'activité",
        "skills" | "skill" => "Compétences",
        "profession" => "Métier",
        "availability" | "hours" => "Disponibilité (heures par mois)",
        "open" => "Missions",
        "open_to_missions" => "Ouvert·e aux missions",
        "languages" | "language" => "Langues",
        "seniority" => "Ancienneté",
        "email" => "E-mail de contact",
        "chat" => "Pseudo de messagerie",
        "phone" => "Téléphone",
        "links" => "Liens",
        "bio" => "Présentation",
        _ => "—",
    }
}

fn field_en(field: &str) -> &'static str {
    match field {
        "display_name" => "Display name",
        "pronouns" => "Pronouns",
        "region" => "Region",
        "country" => "Country",
        "local_group" => "Local group",
        "member_since" => "Member since",
        "domains" | "domain" => "Domains of activity",
        "skills" | "skill" => "Skills",
        "profession" => "Profession",
        "availability" | "hours" => "Availability (hours per month)",
        "open" => "Missions",
        "open_to_missions" => "Open to missions",
        "languages" | "language" => "Languages",
        "seniority" => "Seniority",
        "email" => "Contact e-mail",
        "chat" => "Chat handle",
        "phone" => "Phone",
        "links" => "Links",
        "bio" => "About me",
        _ => "—",
    }
}

/// The label of a coded value of a facet (regions, groups, domains and
/// skills are shown as they are).
fn value_fr(facet: &str, value: &str) -> String {
    let label = match (facet, value) {
        ("seniority", "lt1") => "Moins d'un an",
        ("seniority", "y1_3") => "1 à 3 ans",
        ("seniority", "y3_5") => "3 à 5 ans",
        ("seniority", "y5_plus") => "5 ans et plus",
        ("hours", "h_lt5") => "Moins de 5 h",
        ("hours", "h5_10") => "5 à 10 h",
        ("hours", "h10_20") => "10 à 20 h",
        ("hours", "h20_plus") => "20 h et plus",
        ("open", _) => "Ouvert·e aux missions",
        ("visibility", "members") => "Tous les membres",
        ("visibility", "board") => "Le CA seulement",
        ("visibility", "private") => "Moi seulement",
        ("sort", "name") => "Nom",
        ("sort", "seniority") => "Ancienneté",
        ("sort", "recent") => "Arrivées récentes",
        ("language", "fr") => "Français",
        ("language", "en") => "Anglais",
        ("language", "es") => "Espagnol",
        ("language", "de") => "Allemand",
        ("language", "it") => "Italien",
        ("language", "pt") => "Portugais",
        ("language", "nl") => "Néerlandais",
        ("language", "ar") => "Arabe",
        ("language", "zh") => "Chinois",
        ("language", "br") => "Breton",
        _ => return value.to_string(),
    };
    label.to_string()
}

fn value_en(facet: &str, value: &str) -> String {
    let label = match (facet, value) {
        ("seniority", "lt1") => "Under a year",
        ("seniority", "y1_3") => "1 to 3 years",
        ("seniority", "y3_5") => "3 to 5 years",
        ("seniority", "y5_plus") => "5 years or more",
        ("hours", "h_lt5") => "Under 5 h",
        ("hours", "h5_10") => "5 to 10 h",
        ("hours", "h10_20") => "10 to 20 h",
        ("hours", "h20_plus") => "20 h or more",
        ("open", _) => "Open to missions",
        ("visibility", "members") => "All members",
        ("visibility", "board") => "Board only",
        ("visibility", "private") => "Only me",
        ("sort", "name") => "Name",
        ("sort", "seniority") => "Seniority",
        ("sort", "recent") => "Recently joined",
        ("language", "fr") => "French",
        ("language", "en") => "English",
        ("language", "es") => "Spanish",
        ("language", "de") => "German",
        ("language", "it") => "Italian",
        ("language", "pt") => "Portuguese",
        ("language", "nl") => "Dutch",
        ("language", "ar") => "Arabic",
        ("language", "zh") => "Chinese",
        ("language", "br") => "Breton",
        ("region", "Étranger") => "Abroad",
        _ => return value.to_string(),
    };
    label.to_string()
}

pub static FR: DirTexts = DirTexts {
    title: "Annuaire des Shifters",
    search: "Rechercher",
    search_placeholder: "Nom, compétence, métier…",
    sort: "Trier par",
    view_cards: "Fiches",
    view_table: "Tableau",
    filters: "Affiner",
    clear: "Tout effacer",
    results: |n| match n {
        0 => "Aucun membre".into(),
        1 => "1 membre".into(),
        n => format!("{n} membres"),
    },
    empty_filtered: "Personne ne correspond à cette recherche. Essayez un autre mot, ou retirez un filtre.",
    empty_none: "L'annuaire est encore vide : complétez votre profil pour y apparaître.",
    more_values: "Voir plus",
    export_csv: "Exporter en CSV",
    export_vcard: "Exporter en vCard",
    export_ready: |file| format!("Télécharger {file}"),
    years: |n| match n {
        0 => "moins d'un an".into(),
        1 => "1 an".into(),
        n => format!("{n} ans"),
    },
    hours: |h| format!("{h} h/mois"),
    open_badge: "Ouvert·e aux missions",
    col_name: "Nom",
    col_place: "Région · groupe",
    col_profession: "Métier",
    col_seniority: "Ancienneté",
    col_availability: "Disponibilité",
    back: "← Retour à l'annuaire",
    contact: "Contact",
    write: "Écrire",
    about: "Présentation",
    missions: "Missions",
    no_missions: "Aucune mission pour l'instant.",
    no_contact: "Ce membre ne montre pas de moyen de contact.",
    edit_mine: "Modifier mon profil",
    self_note: "Voici votre page telle que les autres membres la voient.",
    since: |date, years| match years {
        Some(y) => format!("Membre depuis le {date} ({})", (FR.years)(y)),
        None => format!("Membre depuis le {date}"),
    },
    profile_title: "Mon profil",
    completeness: |p| format!("Profil complet à {p} %"),
    nudge: "Pour que les autres Shifters vous trouvent, ajoutez :",
    complete: "Votre profil est complet, merci !",
    visible_to: "Visible par",
    skills_help: "Séparées par des virgules.",
    links_help: "Un lien par ligne (https://…).",
    bio_help: "Markdown simple : **gras**, *italique*, listes « - », liens [texte](https://…).",
    in_directory: "Apparaître dans l'annuaire",
    in_directory_help: "Décochez pour quitter l'annuaire : plus personne ne vous y trouvera.",
    save: "Enregistrer",
    saved: "Profil enregistré.",
    see_my_page: "Voir ma page",
    suggestions: "Suggestions",
    none: "—",
    gdpr_title: "Mes données",
    gdpr_text: "Téléchargez tout ce que le portail sait de vous, ou demandez l'effacement de votre compte : un administrateur le confirmera.",
    gdpr_download: "Préparer mes données (JSON)",
    gdpr_ready: "Télécharger mes-donnees.json",
    gdpr_delete: "Demander l'effacement",
    gdpr_confirm: "Oui, effacer mon compte",
    gdpr_requested: "Votre demande d'effacement est enregistrée ; un administrateur va la confirmer.",
    admin_title: "Annuaire : administration",
    domains: "Domaines d'activité",
    domain_name: "Nouveau domaine",
    add: "Ajouter",
    remove: "Retirer",
    erasures: "Demandes d'effacement",
    erasures_none: "Aucune demande en attente.",
    erase: "Effacer",
    erase_confirm: "Confirmer l'effacement",
    field: field_fr,
    value: value_fr,
};

pub static EN: DirTexts = DirTexts {
    title: "Shifters directory",
    search: "Search",
    search_placeholder: "Name, skill, profession…",
    sort: "Sort by",
    view_cards: "Cards",
    view_table: "Table",
    filters: "Refine",
    clear: "Clear all",
    results: |n| match n {
        0 => "No member".into(),
        1 => "1 member".into(),
        n => format!("{n} members"),
    },
    empty_filtered: "Nobody matches this search. Try another word, or remove a filter.",
    empty_none: "The directory is still empty: fill in your profile to appear in it.",
    more_values: "Show more",
    export_csv: "Export as CSV",
    export_vcard: "Export as vCard",
    export_ready: |file| format!("Download {file}"),
    years: |n| match n {
        0 => "under a year".into(),
        1 => "1 year".into(),
        n => format!("{n} years"),
    },
    hours: |h| format!("{h} h/month"),
    open_badge: "Open to missions",
    col_name: "Name",
    col_place: "Region · group",
    col_profession: "Profession",
    col_seniority: "Seniority",
    col_availability: "Availability",
    back: "← Back to the directory",
    contact: "Contact",
    write: "Write",
    about: "About",
    missions: "Missions",
    no_missions: "No mission yet.",
    no_contact: "This member shows no way to contact them.",
    edit_mine: "Edit my profile",
    self_note: "This is your page as other members see it.",
    since: |date, years| match years {
        Some(y) => format!("Member since {date} ({})", (EN.years)(y)),
        None => format!("Member since {date}"),
    },
    profile_title: "My profile",
    completeness: |p| format!("Profile {p}% complete"),
    nudge: "So that other Shifters find you, add:",
    complete: "Your profile is complete, thank you!",
    visible_to: "Visible to",
    skills_help: "Separated by commas.",
    links_help: "One link per line (https://…).",
    bio_help: "Simple Markdown: **bold**, *italic*, “- ” lists, [text](https://…) links.",
    in_directory: "Appear in the directory",
    in_directory_help: "Untick to leave the directory: nobody will find you there any more.",
    save: "Save",
    saved: "Profile saved.",
    see_my_page: "See my page",
    suggestions: "Suggestions",
    none: "—",
    gdpr_title: "My data",
    gdpr_text: "Download everything the portal knows about you, or ask for your account to be erased: an administrator will confirm.",
    gdpr_download: "Prepare my data (JSON)",
    gdpr_ready: "Download mes-donnees.json",
    gdpr_delete: "Ask for erasure",
    gdpr_confirm: "Yes, erase my account",
    gdpr_requested: "Your erasure request is recorded; an administrator will confirm it.",
    admin_title: "Directory: administration",
    domains: "Domains of activity",
    domain_name: "New domain",
    add: "Add",
    remove: "Remove",
    erasures: "Erasure requests",
    erasures_none: "No pending request.",
    erase: "Erase",
    erase_confirm: "Confirm the erasure",
    field: field_en,
    value: value_en,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::directory::{
        DIRECTORY_SORTS, FACETS, HOURS_RANGES, LANGUAGES, PROFILE_FIELDS, SENIORITY_RANGES,
    };

    #[test]
    fn every_field_and_code_has_a_label_in_both_languages() {
        for f in PROFILE_FIELDS.iter().chain(FACETS.iter()) {
            assert_ne!(field_fr(f), "—", "{f}");
            assert_ne!(field_en(f), "—", "{f}");
        }
        for (facet, codes) in [
            ("seniority", &SENIORITY_RANGES[..]),
            ("hours", &HOURS_RANGES[..]),
            ("language", &LANGUAGES[..]),
            ("sort", &DIRECTORY_SORTS[..]),
            ("visibility", &["members", "board", "private"][..]),
        ] {
            for c in codes {
                assert_ne!(value_fr(facet, c), *c, "{facet} {c}");
                assert_ne!(value_en(facet, c), *c, "{facet} {c}");
            }
        }
        assert_eq!(
            (FR.since)("2020-01-01", Some(1)),
            "Membre depuis le 2020-01-01 (1 an)"
        );
    }
}
