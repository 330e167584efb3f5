//! Texts of the directory and profile pages (issue 4), French and English.
//! The plain ones are in `texts.toml`, those made from values here.

use crate::directory::model::{ExportFormat, ImportField};
use crate::platform::i18n::texts;

texts! {
    pub struct DirTexts from "src/directory/texts.toml" {
        results: fn(u64) -> String = (
            |n| match n {
                0 => "Aucun membre".into(),
                1 => "1 membre".into(),
                n => format!("{n} membres"),
            },
            |n| match n {
                0 => "No member".into(),
                1 => "1 member".into(),
                n => format!("{n} members"),
            },
        ),
        export_label: fn(ExportFormat) -> String = (
            |format| {
                match format {
                    ExportFormat::Excel => "Excel (CSV)",
                    ExportFormat::Outlook => "Outlook (CSV)",
                    ExportFormat::Vcard => "Carnet d'adresses (vCard)",
                }
                    .into()
            },
            |format| {
                match format {
                    ExportFormat::Excel => "Excel (CSV)",
                    ExportFormat::Outlook => "Outlook (CSV)",
                    ExportFormat::Vcard => "Address book (vCard)",
                }
                    .into()
            },
        ),
        years: fn(u32) -> String = (
            |n| match n {
                0 => "moins d'un an".into(),
                1 => "1 an".into(),
                n => format!("{n} ans"),
            },
            |n| match n {
                0 => "under a year".into(),
                1 => "1 year".into(),
                n => format!("{n} years"),
            },
        ),
        hours: fn(u32) -> String = (|h| format!("{h} h/mois"), |h| format!("{h} h/month")),
        since: fn(&str, Option<u32>) -> String = (
            |date, years| match years {
                Some(y) => format!("Membre depuis le {date} ({})", (FR.years)(y)),
                None => format!("Membre depuis le {date}"),
            },
            |date, years| match years {
                Some(y) => format!("Member since {date} ({})", (EN.years)(y)),
                None => format!("Member since {date}"),
            },
        ),
        completeness: fn(u32) -> String = (
            |p| format!("Profil complet à {p} %"),
            |p| format!("Profile {p}% complete"),
        ),
        filters_count: fn(usize) -> String = (
            |n| if n == 0 { "Filtres".to_string() } else { format!("Filtres ({n})") },
            |n| if n == 0 { "Filters".to_string() } else { format!("Filters ({n})") },
        ),
        import_read_as: fn(&str) -> String = (
            |encoding| format!("Lu comme {encoding}."),
            |encoding| format!("Read as {encoding}."),
        ),
        import_column: fn(&str) -> String = (
            |h| format!("Champ de la colonne « {h} »"),
            |h| format!("Field of the column “{h}”"),
        ),
        import_checked: fn(u64, u64) -> String = (
            |done, total| format!("{done} lignes vérifiées sur {total}"),
            |done, total| format!("{done} of {total} rows checked"),
        ),
        import_counts: fn(u64, u64, u64) -> String = (
            |valid, existing, rejected| format!("{valid} valides (dont {existing} déjà dans le portail), {rejected} rejetées"),
            |valid, existing, rejected| format!("{valid} valid ({existing} already in the portal), {rejected} rejected"),
        ),
        import_group: fn(usize, &str) -> String = (
            |n, reason| match n {
                1 => format!("1 ligne — {reason} :"),
                n => format!("{n} lignes — {reason} :"),
            },
            |n, reason| match n {
                1 => format!("1 row — {reason}:"),
                n => format!("{n} rows — {reason}:"),
            },
        ),
        import_target: fn(ImportField) -> &'static str = (import_target_fr, import_target_en),
        import_go: fn(u64) -> String = (
            |n| match n {
                1 => "Importer 1 membre".into(),
                n => format!("Importer {n} membres"),
            },
            |n| match n {
                1 => "Import 1 member".into(),
                n => format!("Import {n} members"),
            },
        ),
        import_confirm_text: fn(u64) -> String = (
            |n| format!("Importer {n} ligne(s) ? Tout est écrit d'un coup, ou rien. Les lignes rejetées sont ignorées."),
            |n| format!("Import {n} row(s)? Everything is written at once, or nothing. Rejected rows are skipped."),
        ),
        import_done: fn(u64, u64) -> String = (
            |n, completed| match n {
                1 => format!("1 membre importé, {completed} profil(s) complété(s)."),
                n => format!("{n} membres importés, {completed} profil(s) complété(s)."),
            },
            |n, completed| match n {
                1 => format!("1 member imported, {completed} profile(s) completed."),
                n => format!("{n} members imported, {completed} profile(s) completed."),
            },
        ),
        field: fn(&str) -> &'static str = (field_fr, field_en),
        value: fn(&str, &str) -> String = (value_fr, value_en),
    }
}

fn import_target_fr(field: ImportField) -> &'static str {
    match field {
        ImportField::AccountEmail => "Adresse de connexion (e-mail)",
        ImportField::FullName => "Nom complet",
        ImportField::FirstName => "Prénom",
        ImportField::LastName => "Nom de famille",
        other => field_fr(other.profile_field()),
    }
}

fn import_target_en(field: ImportField) -> &'static str {
    match field {
        ImportField::AccountEmail => "Sign-in address (e-mail)",
        ImportField::FullName => "Full name",
        ImportField::FirstName => "First name",
        ImportField::LastName => "Last name",
        other => field_en(other.profile_field()),
    }
}

fn field_fr(field: &str) -> &'static str {
    match field {
        "display_name" => "Nom affiché",
        "photo" => "Photo",
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
        "photo" => "Photo",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::model::{
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
