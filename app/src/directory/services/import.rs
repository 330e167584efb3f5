//! Importing members from the lists the association keeps: CSV files saved
//! by French Excel or LibreOffice (`;` or `,` or tabs, Windows-1252,
//! ISO-8859-15 or UTF-8 with or without BOM), Slack or Outlook exports, or
//! the portal's own export. Headers are recognised in French and English;
//! every row is checked; rejected rows are grouped by reason. New addresses
//! become members, known ones are completed (or skipped), all in one
//! transaction: everything, or nothing.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde_json::{json, Value};

use crate::accounts::services::accounts::{check_email, normalize_email};
use crate::directory::model::{
    ExistingMembers, ImportField, ImportReport, Profile, IMPORT_MAX_BYTES, LANGUAGES, REGIONS,
};
use crate::directory::services::columns::{
    canonical, fold, guess_mapping, parse_list_date, separator, split,
};
use crate::directory::services::members::search_text;
use crate::directory::services::profiles::{check_profile, domains};
use crate::platform::db::{rows, Db};
use crate::platform::error::AppError;
use crate::platform::said::said;

/// Rows a file may hold.
const MAX_ROWS: u64 = 25_000;

/// What a row says, read through the mapping.
struct Candidate {
    email: String,
    profile: Profile,
    /// Reasons found while reading (a date that does not exist…).
    problems: Vec<String>,
}

fn candidate(row: &[String], mapping: &[Option<ImportField>], domains: &[String]) -> Candidate {
    use ImportField::*;
    let mut p = Profile {
        in_directory: true,
        ..Profile::default()
    };
    let (mut email, mut first, mut last) = (String::new(), String::new(), String::new());
    let mut problems = Vec::new();
    for (value, field) in row.iter().zip(mapping) {
        let Some(field) = field else { continue };
        let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if v.is_empty() {
            continue;
        }
        match field {
            AccountEmail => email = normalize_email(&v),
            FullName => p.display_name = v,
            FirstName => first = v,
            LastName => last = v,
            Pronouns => p.pronouns = v,
            Region => p.region = canonical(&v, &REGIONS),
            Country => p.country = v,
            LocalGroup => p.local_group = v,
            MemberSince => match parse_list_date(&v) {
                Some(d) => p.member_since = d.format("%Y-%m-%d").to_string(),
                None => problems.push(said(
                    "date d'adhésion impossible (attendue : JJ/MM/AAAA)",
                    "impossible membership date (expected: DD/MM/YYYY)",
                )),
            },
            Domains => p.domains = split(&v).iter().map(|d| canonical(d, domains)).collect(),
            Skills => p.skills = split(&v),
            Profession => p.profession = v,
            HoursPerMonth => match v.parse() {
                Ok(h) => p.hours_per_month = Some(h),
                Err(_) => problems.push(said(
                    "heures par mois : un nombre entier est attendu",
                    "hours per month: a whole number is expected",
                )),
            },
            OpenToMissions => {
                p.open_to_missions = matches!(fold(&v).as_str(), "oui" | "yes" | "true" | "1" | "x")
            }
            Languages => p.languages = split(&v).iter().map(|l| canonical(l, &LANGUAGES)).collect(),
            ContactEmail => p.contact_email = v,
            Chat => p.chat = v,
            Phone => p.phone = v,
            Links => p.links = v.split_whitespace().map(str::to_string).collect(),
            Bio => p.bio = value.trim().to_string(),
        }
    }
    if p.display_name.is_empty() {
        p.display_name = format!("{first} {last}").trim().to_string();
    }
    Candidate {
        email,
        profile: p,
        problems,
    }
}

/// The column a profile check names, as the file's reader calls it.
fn column_label(field: &str) -> String {
    let (fr, en) = match field {
        "display_name" => ("nom", "name"),
        "pronouns" => ("pronoms", "pronouns"),
        "region" => ("région", "region"),
        "country" => ("pays", "country"),
        "local_group" => ("groupe local", "local group"),
        "member_since" => ("date d'adhésion", "membership date"),
        "domains" => ("domaines", "domains"),
        "skills" => ("compétences", "skills"),
        "availability" => ("heures par mois", "hours per month"),
        "languages" => ("langues", "languages"),
        "email" => ("e-mail de contact", "contact e-mail"),
        "chat" => ("messagerie", "chat"),
        "phone" => ("téléphone", "phone"),
        "links" => ("liens", "links"),
        other => (other, other),
    };
    said(fr, en)
}

/// Why the row cannot be imported (nothing when it can), in words that are
/// the same for every row with that fault, so that rows group by reason.
fn reasons(c: &Candidate, domains: &[String]) -> Vec<String> {
    let mut out: Vec<String> = c.problems.clone();
    let mut errors = Vec::new();
    check_email(&mut errors, &c.email);
    if c.email.is_empty() {
        out.push(said("sans adresse e-mail", "no e-mail address"));
    } else if !errors.is_empty() {
        out.push(said("adresse e-mail invalide", "invalid e-mail address"));
    }
    if c.profile.display_name.is_empty() {
        out.push(said("sans nom", "no name"));
    }
    if let Err(AppError::Validation { fields }) = check_profile(&c.profile, domains) {
        for e in fields {
            let reason = said(
                format!("{} : {}", column_label(&e.field), e.message),
                format!("{}: {}", column_label(&e.field), e.message),
            );
            // An empty name is already "sans nom".
            let told = e.field == "display_name" && c.profile.display_name.is_empty();
            if !told && !out.contains(&reason) {
                out.push(reason);
            }
        }
    }
    out
}

/// What the profile of a member already there lacks and the row has.
#[derive(Deserialize)]
struct Stored {
    key: String,
    email: String,
    display_name: String,
    pronouns: Option<String>,
    region: Option<String>,
    country: Option<String>,
    local_group: Option<String>,
    has_since: bool,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    skills: Vec<String>,
    profession: Option<String>,
    hours_per_month: Option<u32>,
    #[serde(default)]
    languages: Vec<String>,
    contact_email: Option<String>,
    chat: Option<String>,
    phone: Option<String>,
    #[serde(default)]
    links: Vec<String>,
    bio: Option<String>,
}

/// The values to write: a new member's whole row, or for a member already
/// there the empty fields the row fills and the entries its lists add
/// (`None` when it adds nothing). Written with `??` and `array::union`, so
/// that a member saving their profile meanwhile keeps what they wrote.
fn completion(stored: &Stored, p: &Profile) -> Option<Value> {
    let mut fill = serde_json::Map::new();
    let mut scalar = |key: &str, have: &Option<String>, new: &str| {
        if have.is_none() && !new.is_empty() {
            fill.insert(key.into(), json!(new));
        }
    };
    scalar("pronouns", &stored.pronouns, &p.pronouns);
    scalar("region", &stored.region, &p.region);
    scalar("country", &stored.country, &p.country);
    scalar("local_group", &stored.local_group, &p.local_group);
    scalar("profession", &stored.profession, &p.profession);
    scalar("contact_email", &stored.contact_email, &p.contact_email);
    scalar("chat", &stored.chat, &p.chat);
    scalar("phone", &stored.phone, &p.phone);
    scalar("bio", &stored.bio, &p.bio);
    if !stored.has_since && !p.member_since.is_empty() {
        fill.insert("member_since".into(), json!(p.member_since));
    }
    if let (None, Some(h)) = (stored.hours_per_month, p.hours_per_month) {
        fill.insert("hours".into(), json!(h));
    }
    let added = |have: &[String], new: &[String]| -> Vec<String> {
        new.iter()
            .filter(|n| !have.iter().any(|h| h.eq_ignore_ascii_case(n)))
            .cloned()
            .collect()
    };
    let mut lists = |key: &str, have: &[String], new: &[String]| {
        let more = added(have, new);
        if !more.is_empty() {
            fill.insert(key.into(), json!(more));
        }
    };
    lists("domains", &stored.domains, &p.domains);
    lists("skills", &stored.skills, &p.skills);
    lists("languages", &stored.languages, &p.languages);
    lists("links", &stored.links, &p.links);
    if fill.is_empty() {
        return None;
    }
    let skills: Vec<String> = stored
        .skills
        .iter()
        .chain(&added(&stored.skills, &p.skills))
        .cloned()
        .collect();
    let profession = stored.profession.as_deref().unwrap_or(&p.profession);
    let bio = stored.bio.as_deref().unwrap_or(&p.bio);
    fill.insert("key".into(), json!(stored.key));
    fill.insert(
        "search_text".into(),
        json!(search_text(&stored.display_name, &skills, profession, bio)),
    );
    Some(Value::Object(fill))
}

/// A new member's row.
fn creation(email: &str, p: &Profile) -> Value {
    let opt = |v: &str| (!v.is_empty()).then(|| v.to_string());
    let mut row = json!({
        "email": email,
        "display_name": p.display_name,
        "pronouns": opt(&p.pronouns),
        "region": opt(&p.region),
        "country": opt(&p.country),
        "local_group": opt(&p.local_group),
        "member_since": opt(&p.member_since),
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
        "search_text": search_text(&p.display_name, &p.skills, &p.profession, &p.bio),
    });
    // A JSON null would be stored as NULL; an absent key reads as NONE.
    if let Some(fields) = row.as_object_mut() {
        fields.retain(|_, v| !v.is_null());
    }
    row
}

/// How an import runs.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The columns' fields; guessed from the headers when absent.
    pub mapping: Option<Vec<Option<ImportField>>>,
    pub existing: ExistingMembers,
    /// Write (otherwise only check and report).
    pub commit: bool,
}

fn file_error(code: &str, message: &str) -> AppError {
    AppError::field("file", code, message)
}

/// Reads, maps and checks every row of `text` (decoded already); with
/// `commit`, writes the valid rows in one transaction (a failure leaves
/// nothing behind).
pub async fn import(db: &Db, text: &str, options: ImportOptions) -> Result<ImportReport, AppError> {
    if text.len() as u64 > IMPORT_MAX_BYTES {
        return Err(file_error(
            "too_big",
            &said(
                "Ce fichier dépasse 8 Mio : découpez-le en plusieurs fichiers.",
                "This file is over 8 MiB: split it into several files.",
            ),
        ));
    }
    let text = text.trim_start_matches('\u{feff}');
    let header_line = text.lines().next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(separator(header_line))
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| {
            file_error(
                "invalid",
                &said(
                    "Ce fichier n'est pas un CSV lisible.",
                    "This file is not a readable CSV.",
                ),
            )
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let guessed = options.mapping.is_none();
    let mapping = options.mapping.unwrap_or_else(|| guess_mapping(&headers));
    if mapping.len() != headers.len() {
        return Err(AppError::field(
            "mapping",
            "invalid",
            &said("Une colonne par en-tête.", "One column per header."),
        ));
    }
    let has = |f: ImportField| mapping.contains(&Some(f));
    let incomplete = !has(ImportField::AccountEmail)
        || !(has(ImportField::FullName) || has(ImportField::FirstName) || has(ImportField::LastName));
    let needs_name_and_email = said(
        "les colonnes du nom et de l'e-mail sont nécessaires",
        "the name and e-mail columns are required",
    );
    // A guess that misses them still previews the file, so that the columns
    // can be mapped by hand; every row is then rejected for that reason.
    if incomplete && (options.commit || !guessed) {
        return Err(AppError::field(
            "mapping",
            "required",
            &said(
                "Les colonnes du nom et de l'e-mail sont nécessaires.",
                "The name and e-mail columns are required.",
            ),
        ));
    }
    let domains = domains(db).await?;
    let mut report = ImportReport {
        headers,
        mapping: mapping.clone(),
        ..ImportReport::default()
    };
    let mut seen = HashSet::new();
    let mut accepted: Vec<Candidate> = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n as u64 + 2;
        let row: Vec<String> = match record {
            Ok(r) => r.iter().map(str::to_string).collect(),
            Err(_) => {
                report.rows += 1;
                report.rejected_rows += 1;
                report.reject(line, &said("ligne illisible", "unreadable line"));
                continue;
            }
        };
        // Excel keeps rows of empty cells below a list.
        if row.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        report.rows += 1;
        if report.rows > MAX_ROWS {
            return Err(file_error(
                "too_long",
                &said("25 000 lignes au plus.", "25,000 lines at most."),
            ));
        }
        if report.preview.len() < 5 {
            report.preview.push(row.clone());
        }
        let mut why = if incomplete {
            vec![needs_name_and_email.clone()]
        } else {
            let c = candidate(&row, &mapping, &domains);
            let mut why = reasons(&c, &domains);
            if why.is_empty() && !seen.insert(c.email.clone()) {
                why.push(said(
                    "adresse déjà présente plus haut dans le fichier",
                    "address already given higher up in the file",
                ));
            }
            if why.is_empty() {
                accepted.push(c);
            }
            why
        };
        if !why.is_empty() {
            report.rejected_rows += 1;
            for reason in why.drain(..) {
                report.reject(line, &reason);
            }
        }
    }
    report.valid = accepted.len() as u64;

    let emails: Vec<String> = accepted.iter().map(|c| c.email.clone()).collect();
    let mut resp = db
        .query(
            "SELECT record::id(id) AS key, email, display_name, pronouns, region, country, local_group,
                    member_since != NONE AS has_since, domains, skills, profession, hours_per_month,
                    languages, contact_email, chat, phone, links, bio
             FROM user WHERE email IN $emails",
        )
        .bind(("emails", emails))
        .await?
        .check()?;
    let stored: HashMap<String, Stored> = rows::<Stored>(&mut resp, 0)?
        .into_iter()
        .map(|s| (s.email.clone(), s))
        .collect();
    let (mut creations, mut completions) = (Vec::new(), Vec::new());
    for c in &accepted {
        match stored.get(&c.email) {
            None => creations.push(creation(&c.email, &c.profile)),
            Some(s) => {
                report.existing += 1;
                if options.existing == ExistingMembers::Complete {
                    completions.extend(completion(s, &c.profile));
                }
            }
        }
    }
    if options.commit && !(creations.is_empty() && completions.is_empty()) {
        let (imported, completed) = (creations.len() as u64, completions.len() as u64);
        // One transaction: a failing row (a race on an address) cancels them all.
        db.query(
            "BEGIN;
             FOR $r IN $creations {
                CREATE user CONTENT {
                    email: $r.email, display_name: $r.display_name, roles: ['member'], password_hash: '!',
                    pronouns: $r.pronouns, region: $r.region, country: $r.country, local_group: $r.local_group,
                    member_since: IF $r.member_since = NONE { NONE } ELSE { <datetime>($r.member_since + 'T00:00:00Z') },
                    domains: $r.domains, skills: $r.skills, profession: $r.profession,
                    hours_per_month: $r.hours, open_to_missions: $r.open, languages: $r.languages,
                    contact_email: $r.contact_email, chat: $r.chat, phone: $r.phone, links: $r.links,
                    bio: $r.bio, search_text: $r.search_text
                };
             };
             FOR $r IN $completions {
                UPDATE type::record('user', $r.key) SET
                    pronouns = pronouns ?? $r.pronouns, region = region ?? $r.region,
                    country = country ?? $r.country, local_group = local_group ?? $r.local_group,
                    member_since = member_since ?? (IF $r.member_since = NONE { NONE } ELSE { <datetime>($r.member_since + 'T00:00:00Z') }),
                    profession = profession ?? $r.profession, hours_per_month = hours_per_month ?? $r.hours,
                    contact_email = contact_email ?? $r.contact_email, chat = chat ?? $r.chat,
                    phone = phone ?? $r.phone, bio = bio ?? $r.bio,
                    domains = array::union(domains, $r.domains ?? []), skills = array::union(skills, $r.skills ?? []),
                    languages = array::union(languages, $r.languages ?? []), links = array::union(links, $r.links ?? []),
                    search_text = $r.search_text;
             };
             COMMIT;",
        )
        .bind(("creations", creations))
        .bind(("completions", completions))
        .await?
        .check()?;
        report.imported = imported;
        report.completed = completed;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::super::columns::tests::strings;
    use super::*;

    #[test]
    fn first_and_last_names_make_the_display_name() {
        use ImportField::*;
        let c = candidate(
            &strings(&[
                "Léa",
                "Martin",
                " LEA@Example.org ",
                "ile de france",
                "fr, Anglais",
            ]),
            &[
                Some(FirstName),
                Some(LastName),
                Some(AccountEmail),
                Some(Region),
                Some(Languages),
            ],
            &[],
        );
        assert_eq!(c.profile.display_name, "Léa Martin");
        assert_eq!(c.email, "lea@example.org");
        assert_eq!(c.profile.region, "Île-de-France");
        assert_eq!(c.profile.languages, ["fr", "Anglais"]);
    }
}
