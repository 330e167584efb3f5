//! CommonTexts of the directory and profile pages (issue 4), French and English.

use crate::directory::model::{ExportFormat, ImportField};
use crate::platform::i18n::texts;

texts! {
    pub struct DirTexts {
        title: &'static str = ("Annuaire des Shifters", "Shifters directory"),
        search: &'static str = ("Rechercher", "Search"),
        search_placeholder: &'static str = ("Nom, compétence, métier…", "Name, skill, profession…"),
        sort: &'static str = ("Trier par", "Sort by"),
        view_cards: &'static str = ("Fiches", "Cards"),
        view_table: &'static str = ("Tableau", "Table"),
        filters: &'static str = ("Affiner", "Refine"),
        clear: &'static str = ("Tout effacer", "Clear all"),
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
        empty_filtered: &'static str = (
            "Personne ne correspond à cette recherche. Essayez un autre mot, ou retirez un filtre.",
            "Nobody matches this search. Try another word, or remove a filter.",
        ),
        empty_none: &'static str = (
            "L'annuaire est encore vide : complétez votre profil pour y apparaître.",
            "The directory is still empty: fill in your profile to appear in it.",
        ),
        more_values: &'static str = ("Voir plus", "Show more"),
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
        export_hint: &'static str = (
            "Pour Outlook, importez le fichier « Outlook (CSV) » : ses colonnes sont celles qu'Outlook reconnaît.",
            "For Outlook, import the “Outlook (CSV)” file: its columns are the ones Outlook recognises.",
        ),
        export_reserved: &'static str = (
            "L'export de tout l'annuaire est réservé au conseil d'administration et aux administrateurs : filtrez d'abord la recherche (un mot, une région, un domaine…), puis exportez cette sélection.",
            "Exporting the whole directory is reserved to the board and the administrators: narrow the search first (a word, a region, a domain…), then export that selection.",
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
        open_badge: &'static str = ("Ouvert·e aux missions", "Open to missions"),
        col_name: &'static str = ("Nom", "Name"),
        col_place: &'static str = ("Région · groupe", "Region · group"),
        col_profession: &'static str = ("Métier", "Profession"),
        col_seniority: &'static str = ("Ancienneté", "Seniority"),
        col_availability: &'static str = ("Disponibilité", "Availability"),
        // The member page.
        back: &'static str = ("← Retour à l'annuaire", "← Back to the directory"),
        contact: &'static str = ("Contact", "Contact"),
        write: &'static str = ("Écrire", "Write"),
        about: &'static str = ("Présentation", "About"),
        missions: &'static str = ("Missions", "Missions"),
        no_missions: &'static str = ("Aucune mission pour l'instant.", "No mission yet."),
        no_contact: &'static str = (
            "Ce membre ne montre pas de moyen de contact.",
            "This member shows no way to contact them.",
        ),
        edit_mine: &'static str = ("Modifier mon profil", "Edit my profile"),
        self_note: &'static str = (
            "Voici votre page telle que les autres membres la voient.",
            "This is your page as other members see it.",
        ),
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
        // The profile page.
        profile_title: &'static str = ("Mon profil", "My profile"),
        use_sign_in_email: &'static str = (
            "Utiliser mon adresse de connexion",
            "Use my sign-in address",
        ),
        email_not_shown: &'static str = (
            "Sans adresse de contact, aucun e-mail n'est montré aux membres.",
            "Without a contact address, no e-mail is shown to members.",
        ),
        completeness: fn(u32) -> String = (
            |p| format!("Profil complet à {p} %"),
            |p| format!("Profile {p}% complete"),
        ),
        filters_count: fn(usize) -> String = (
            |n| if n == 0 { "Filtres".to_string() } else { format!("Filtres ({n})") },
            |n| if n == 0 { "Filters".to_string() } else { format!("Filters ({n})") },
        ),
        nudge: &'static str = (
            "Pour que les autres Shifters vous trouvent, ajoutez :",
            "So that other Shifters find you, add:",
        ),
        complete: &'static str = (
            "Votre profil est complet, merci !",
            "Your profile is complete, thank you!",
        ),
        visible_to: &'static str = ("Visible par", "Visible to"),
        skills_help: &'static str = ("Séparées par des virgules.", "Separated by commas."),
        links_help: &'static str = ("Un lien par ligne (https://…).", "One link per line (https://…)."),
        bio_help: &'static str = (
            "Markdown simple : **gras**, *italique*, listes « - », liens [texte](https://…).",
            "Simple Markdown: **bold**, *italic*, “- ” lists, [text](https://…) links.",
        ),
        in_directory: &'static str = ("Apparaître dans l'annuaire", "Appear in the directory"),
        in_directory_help: &'static str = (
            "Décochez pour quitter l'annuaire : plus personne ne vous y trouvera.",
            "Untick to leave the directory: nobody will find you there any more.",
        ),
        save: &'static str = ("Enregistrer", "Save"),
        saved: &'static str = ("Profil enregistré.", "Profile saved."),
        see_my_page: &'static str = ("Voir ma page", "See my page"),
        suggestions: &'static str = ("Suggestions", "Suggestions"),
        none: &'static str = ("—", "—"),
        gdpr_title: &'static str = ("Mes données", "My data"),
        gdpr_text: &'static str = (
            "Téléchargez tout ce que le portail sait de vous, ou demandez l'effacement de votre compte : un administrateur le confirmera.",
            "Download everything the portal knows about you, or ask for your account to be erased: an administrator will confirm.",
        ),
        gdpr_download: &'static str = ("Préparer mes données (JSON)", "Prepare my data (JSON)"),
        gdpr_ready: &'static str = ("Télécharger mes-donnees.json", "Download mes-donnees.json"),
        gdpr_delete: &'static str = ("Demander l'effacement", "Ask for erasure"),
        gdpr_confirm: &'static str = ("Oui, effacer mon compte", "Yes, erase my account"),
        gdpr_requested: &'static str = (
            "Votre demande d'effacement est enregistrée ; un administrateur va la confirmer.",
            "Your erasure request is recorded; an administrator will confirm it.",
        ),
        // Administration.
        domains: &'static str = ("Domaines d'activité", "Domains of activity"),
        domain_name: &'static str = ("Nouveau domaine", "New domain"),
        add: &'static str = ("Ajouter", "Add"),
        remove: &'static str = ("Retirer", "Remove"),
        erasures: &'static str = ("Demandes d'effacement", "Erasure requests"),
        erasures_none: &'static str = ("Aucune demande en attente.", "No pending request."),
        erase: &'static str = ("Effacer", "Erase"),
        erase_confirm: &'static str = ("Confirmer l'effacement", "Confirm the erasure"),
        // The photo.
        photo_help: &'static str = (
            "JPEG, PNG ou WebP, 5 Mio au plus. Elle est recadrée en carré ; ses métadonnées (lieu, appareil) sont retirées.",
            "JPEG, PNG or WebP, 5 MiB at most. It is cropped to a square; its metadata (place, camera) is removed.",
        ),
        photo_remove: &'static str = ("Retirer la photo", "Remove the photo"),
        photo_sending: &'static str = ("Envoi de la photo…", "Sending the photo…"),
        photo_too_large: &'static str = (
            "Cette photo dépasse 5 Mio : choisissez un fichier plus léger.",
            "This photo is over 5 MiB: choose a lighter file.",
        ),
        // The CSV import.
        import_link: &'static str = ("Importer des membres (CSV)", "Import members (CSV)"),
        import_title: &'static str = (
            "Importer des membres depuis un fichier CSV",
            "Import members from a CSV file",
        ),
        import_back: &'static str = (
            "← Retour à l'administration de l'annuaire",
            "← Back to the directory administration",
        ),
        import_choose: &'static str = (
            "Fichier CSV (Excel, LibreOffice, Outlook ou Slack)",
            "CSV file (Excel, LibreOffice, Outlook or Slack)",
        ),
        import_help: &'static str = (
            "Dans Excel : Fichier > Enregistrer sous > « CSV (séparateur : point-virgule) ». La première ligne donne les en-têtes (Prénom, Nom, E-mail, Région…). Chaque ligne est vérifiée avant tout import ; rien n'est créé avant votre confirmation.",
            "In Excel: File > Save as > “CSV (semicolon separated)”. The first line holds the headers (First name, Last name, E-mail, Region…). Every row is checked before anything is imported; nothing is created until you confirm.",
        ),
        import_read_as: fn(&str) -> String = (
            |encoding| format!("Lu comme {encoding}."),
            |encoding| format!("Read as {encoding}."),
        ),
        import_too_big: &'static str = (
            "Ce fichier dépasse 8 Mio : découpez-le en plusieurs fichiers.",
            "This file is over 8 MiB: split it into several files.",
        ),
        import_empty: &'static str = (
            "Ce fichier ne contient aucune ligne de membre.",
            "This file holds no member row.",
        ),
        import_mapping_needed: &'static str = (
            "Indiquez quelles colonnes donnent le nom (ou le prénom et le nom de famille) et l'adresse de connexion.",
            "Say which columns hold the name (or the first and last names) and the sign-in address.",
        ),
        import_mapping: &'static str = ("Correspondance des colonnes", "Column mapping"),
        import_ignore: &'static str = ("Ignorer cette colonne", "Ignore this column"),
        import_column: fn(&str) -> String = (
            |h| format!("Champ de la colonne « {h} »"),
            |h| format!("Field of the column “{h}”"),
        ),
        import_progress: &'static str = ("Vérification des lignes", "Checking the rows"),
        import_checked: fn(u64, u64) -> String = (
            |done, total| format!("{done} lignes vérifiées sur {total}"),
            |done, total| format!("{done} of {total} rows checked"),
        ),
        import_counts: fn(u64, u64, u64) -> String = (
            |valid, existing, rejected| format!("{valid} valides (dont {existing} déjà dans le portail), {rejected} rejetées"),
            |valid, existing, rejected| format!("{valid} valid ({existing} already in the portal), {rejected} rejected"),
        ),
        import_existing: &'static str = (
            "Adresses déjà dans le portail",
            "Addresses already in the portal",
        ),
        import_complete: &'static str = (
            "Compléter ces profils (seuls les champs vides sont remplis, rien n'est écrasé)",
            "Complete those profiles (only empty fields are filled, nothing is overwritten)",
        ),
        import_skip: &'static str = ("Ignorer ces lignes", "Skip those rows"),
        import_rejected: &'static str = ("Lignes rejetées", "Rejected rows"),
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
        import_confirm: &'static str = ("Oui, importer", "Yes, import"),
        import_cancel: &'static str = ("Annuler", "Cancel"),
        import_running: &'static str = ("Import en cours…", "Importing…"),
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
        import_again: &'static str = ("Importer un autre fichier", "Import another file"),
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
