//! Importing members from a CSV file (an Excel or Slack export): the
//! columns are mapped to profile fields, every row is checked, and the rows
//! that pass are created in one transaction: all of them, or none.

use std::collections::HashSet;

use crate::accounts::services::accounts::{check_email, normalize_email};
use crate::directory::model::{ImportReport, Profile, RejectedRow, IMPORT_MAX_BYTES};
use crate::directory::services::profiles::{check_profile, domains};
use crate::directory::services::CSV_COLUMNS;
use crate::platform::db::Db;
use crate::platform::error::AppError;

/// The fields a column can fill: the account's address, then the export's columns.
pub fn targets() -> Vec<&'static str> {
    let mut t = vec!["compte_email"];
    t.extend(CSV_COLUMNS);
    t
}

/// Headers of other tools, folded, and the field they mean.
const SYNONYMS: [(&str, &str); 14] = [
    ("name", "nom"),
    ("full name", "nom"),
    ("display name", "nom"),
    ("nom complet", "nom"),
    ("e-mail", "compte_email"),
    ("email address", "compte_email"),
    ("adresse e-mail", "compte_email"),
    ("mail", "compte_email"),
    ("courriel", "compte_email"),
    ("title", "profession"),
    ("metier", "profession"),
    ("skills", "competences"),
    ("phone", "telephone"),
    ("group", "groupe_local"),
];

fn fold(s: &str) -> String {
    deunicode::deunicode(&s.trim().to_lowercase()).replace('_', " ")
}

/// The field each header most likely means ("" to ignore the column).
pub fn guess_mapping(headers: &[String]) -> Vec<String> {
    let mut used = HashSet::new();
    headers
        .iter()
        .map(|h| {
            let h = fold(h);
            let found = SYNONYMS
                .iter()
                .find(|(s, _)| *s == h)
                .map(|(_, t)| *t)
                // The portal's own export names the account's address "email".
                .or_else(|| (h == "email").then_some("compte_email"))
                .or_else(|| targets().into_iter().find(|t| fold(t) == h));
            match found {
                Some(t) if used.insert(t) => t.to_string(),
                _ => String::new(),
            }
        })
        .collect()
}

struct Candidate {
    email: String,
    profile: Profile,
}

fn split(v: &str) -> Vec<String> {
    v.split([';', ','])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// A row read through the mapping: the account address and the profile.
fn candidate(row: &[String], mapping: &[String]) -> Candidate {
    let mut p = Profile {
        in_directory: true,
        ..Profile::default()
    };
    let mut email = String::new();
    for (value, target) in row.iter().zip(mapping) {
        let v = value.trim().to_string();
        match target.as_str() {
            "compte_email" => email = normalize_email(&v),
            "nom" => p.display_name = v,
            "pronoms" => p.pronouns = v,
            "region" => p.region = v,
            "pays" => p.country = v,
            "groupe_local" => p.local_group = v,
            "membre_depuis" => p.member_since = v,
            "domaines" => p.domains = split(&v),
            "competences" => p.skills = split(&v),
            "profession" => p.profession = v,
            "heures_par_mois" if !v.is_empty() => p.hours_per_month = Some(v.parse().unwrap_or(u32::MAX)),
            "ouvert_aux_missions" => {
                p.open_to_missions = matches!(fold(&v).as_str(), "oui" | "yes" | "true" | "1" | "x")
            }
            "langues" => p.languages = split(&v).into_iter().map(|l| l.to_lowercase()).collect(),
            "email" => p.contact_email = v,
            "messagerie" => p.chat = v,
            "telephone" => p.phone = v,
            "liens" => p.links = v.split_whitespace().map(str::to_string).collect(),
            "bio" => p.bio = v,
            _ => {}
        }
    }
    Candidate { email, profile: p }
}

/// Reads, maps and checks every row; with `commit`, creates the valid rows'
/// members in one transaction (a failure leaves nothing behind). Without a
/// `mapping`, the headers are guessed.
pub async fn import(
    db: &Db,
    text: &str,
    mapping: Option<Vec<String>>,
    commit: bool,
) -> Result<ImportReport, AppError> {
    if text.len() as u64 > IMPORT_MAX_BYTES {
        return Err(AppError::field(
            "file",
            "too_big",
            "Ce fichier dépasse 8 Mio : découpez-le en plusieurs fichiers.",
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let bad_file = |_| AppError::field("file", "invalid", "Ce fichier n'est pas un CSV lisible.");
    let headers: Vec<String> = reader
        .headers()
        .map_err(bad_file)?
        .iter()
        .map(str::to_string)
        .collect();
    let guessed = mapping.is_none();
    let mapping = mapping.unwrap_or_else(|| guess_mapping(&headers));
    let known = targets();
    if mapping.len() != headers.len()
        || mapping
            .iter()
            .any(|m| !m.is_empty() && !known.contains(&m.as_str()))
    {
        return Err(AppError::field(
            "mapping",
            "invalid",
            "Une colonne par en-tête, vers un champ connu.",
        ));
    }
    const NEEDS_NAME_AND_EMAIL: &str = "Les colonnes du nom et de l'e-mail sont nécessaires.";
    let incomplete = ["compte_email", "nom"]
        .iter()
        .any(|required| !mapping.iter().any(|m| m == required));
    // A guess that misses them still previews the file, so that the columns
    // can be mapped by hand; every row is then rejected for that reason.
    if incomplete && (commit || !guessed) {
        return Err(AppError::field("mapping", "required", NEEDS_NAME_AND_EMAIL));
    }
    let domains = domains(db).await?;
    let mut existing: HashSet<String> = {
        let mut resp = db.query("SELECT VALUE email FROM user").await?.check()?;
        resp.take::<Vec<String>>(0)?.into_iter().collect()
    };
    let mut report = ImportReport {
        headers,
        mapping: mapping.clone(),
        targets: known.iter().map(|t| t.to_string()).collect(),
        ..ImportReport::default()
    };
    let mut accepted = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n as u64 + 2;
        let row: Vec<String> = match record {
            Ok(r) => r.iter().map(str::to_string).collect(),
            Err(_) => {
                report.rejected.push(RejectedRow {
                    line,
                    reasons: vec!["Ligne illisible.".into()],
                });
                continue;
            }
        };
        if report.preview.len() < 5 {
            report.preview.push(row.clone());
        }
        report.rows += 1;
        if report.rows > 25_000 {
            return Err(AppError::field("file", "too_long", "25 000 lignes au plus."));
        }
        if incomplete {
            report.rejected.push(RejectedRow {
                line,
                reasons: vec![format!("mapping : {NEEDS_NAME_AND_EMAIL}")],
            });
            continue;
        }
        let c = candidate(&row, &mapping);
        let mut reasons = Vec::new();
        let mut errors = Vec::new();
        check_email(&mut errors, &c.email);
        if let Err(AppError::Validation { fields }) = check_profile(&c.profile, &domains) {
            errors.extend(fields);
        }
        for e in errors {
            reasons.push(format!("{} : {}", e.field, e.message));
        }
        if reasons.is_empty() && !existing.insert(c.email.clone()) {
            reasons.push(
                "compte_email : un compte existe déjà avec cette adresse (ou plus haut dans le fichier)."
                    .into(),
            );
        }
        if reasons.is_empty() {
            accepted.push(c);
        } else {
            report.rejected.push(RejectedRow { line, reasons });
        }
    }
    report.valid = accepted.len() as u64;
    if commit && !accepted.is_empty() {
        let rows: Vec<serde_json::Value> = accepted
            .iter()
            .map(|c| {
                let p = &c.profile;
                let opt = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_string());
                let mut row = serde_json::json!({
                    "email": c.email,
                    "display_name": p.display_name.trim(),
                    "pronouns": opt(&p.pronouns),
                    "region": opt(&p.region),
                    "country": opt(&p.country),
                    "local_group": opt(&p.local_group),
                    "member_since": opt(&p.member_since).map(|d| format!("{d}T00:00:00Z")),
                    "domains": p.domains,
                    "skills": p.skills,
                    "profession": opt(&p.profession),
                    "hours": p.hours_per_month,
                    "open": p.open_to_missions,
                    "languages": p.languages,
                    "contact_email": opt(&p.contact_email),
                    "chat": opt(&p.chat),
                    "phone": opt(&p.phone),
                    "links": p.links,
                    "bio": opt(&p.bio),
                    "search_text": crate::directory::services::members::search_text(&p.display_name, &p.skills, &p.profession, &p.bio),
                });
                // A JSON null would be stored as NULL; an absent key reads as NONE.
                if let Some(fields) = row.as_object_mut() {
                    fields.retain(|_, v| !v.is_null());
                }
                row
            })
            .collect();
        // One transaction: a failing row (a race on an address) cancels them all.
        db.query(
            "BEGIN;
             FOR $r IN $rows {
                CREATE user CONTENT {
                    email: $r.email, display_name: $r.display_name, roles: ['member'], password_hash: '!',
                    pronouns: $r.pronouns, region: $r.region, country: $r.country, local_group: $r.local_group,
                    member_since: IF $r.member_since = NONE { NONE } ELSE { <datetime>$r.member_since },
                    domains: $r.domains, skills: $r.skills, profession: $r.profession,
                    hours_per_month: $r.hours, open_to_missions: $r.open, languages: $r.languages,
                    contact_email: $r.contact_email, chat: $r.chat, phone: $r.phone, links: $r.links,
                    bio: $r.bio, search_text: $r.search_text
                };
             };
             COMMIT;",
        )
        .bind(("rows", rows))
        .await?
        .check()?;
        report.imported = report.valid;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_other_tools_are_recognised() {
        let headers: Vec<String> = ["Full name", "E-mail", "Title", "Région", "Notes"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            guess_mapping(&headers),
            ["nom", "compte_email", "profession", "region", ""]
        );
    }
}
