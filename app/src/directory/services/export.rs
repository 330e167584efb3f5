//! Exports of a selection: CSV (defused against formula injection) and vCard.

use super::person::{today, Person};
use crate::directory::model::Audience;
use crate::platform::error::AppError;

// ----- Exports ----------------------------------------------------------------

/// The columns of the CSV export (and of the import).
pub const CSV_COLUMNS: [&str; 17] = [
    "nom",
    "pronoms",
    "region",
    "pays",
    "groupe_local",
    "membre_depuis",
    "domaines",
    "competences",
    "profession",
    "heures_par_mois",
    "ouvert_aux_missions",
    "langues",
    "email",
    "messagerie",
    "telephone",
    "liens",
    "bio",
];

/// What `audience` may see of `p`, one value per CSV column. For the
/// administrators (`accounts`), a member without a contact address gets
/// their sign-in address, so that the file can come back through the import.
pub(super) fn export_values(p: &Person, audience: Audience, accounts: bool) -> [String; 17] {
    let mut page = p.page(audience, today());
    if accounts && page.email.is_none() {
        page.email = Some(p.email.clone());
    }
    let c = &page.card;
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        c.display_name.clone(),
        s(&c.pronouns),
        s(&c.region),
        s(&c.country),
        s(&c.local_group),
        s(&c.member_since),
        c.domains.join("; "),
        c.skills.join("; "),
        s(&c.profession),
        c.hours_per_month.map(|h| h.to_string()).unwrap_or_default(),
        match c.open_to_missions {
            Some(true) => "oui".into(),
            Some(false) => "non".into(),
            None => String::new(),
        },
        c.languages.join("; "),
        s(&page.email),
        s(&page.chat),
        s(&page.phone),
        page.links.join(" "),
        s(&page.bio),
    ]
}

/// A spreadsheet must not run a cell as a formula.
pub(super) fn defuse(value: String) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value
    }
}

pub fn to_csv(persons: &[&Person], audience: Audience, accounts: bool) -> Result<String, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |err: csv::Error| {
        tracing::error!(error = %err, "csv export");
        AppError::Internal
    };
    out.write_record(CSV_COLUMNS).map_err(fail)?;
    for p in persons {
        out.write_record(export_values(p, audience, accounts).map(defuse))
            .map_err(fail)?;
    }
    let bytes = out.into_inner().map_err(|_| AppError::Internal)?;
    String::from_utf8(bytes).map_err(|_| AppError::Internal)
}

/// vCard 3.0 text escaping.
pub(super) fn vcard_escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
        .replace('\r', "")
}

/// One vCard per member (Outlook and address books read vCard 3.0).
pub fn to_vcard(persons: &[&Person], audience: Audience) -> String {
    let mut out = String::new();
    for p in persons {
        let page = p.page(audience, today());
        let c = &page.card;
        let mut line = |l: String| {
            out.push_str(&l);
            out.push_str("\r\n");
        };
        line("BEGIN:VCARD".into());
        line("VERSION:3.0".into());
        line(format!("FN:{}", vcard_escape(&c.display_name)));
        let (first, last) = c.display_name.split_once(' ').unwrap_or((&c.display_name, ""));
        line(format!("N:{};{};;;", vcard_escape(last), vcard_escape(first)));
        line("ORG:The Shifters".into());
        if let Some(t) = &c.profession {
            line(format!("TITLE:{}", vcard_escape(t)));
        }
        if let Some(e) = &page.email {
            line(format!("EMAIL;TYPE=INTERNET:{}", vcard_escape(e)));
        }
        if let Some(t) = &page.phone {
            line(format!("TEL;TYPE=CELL:{}", vcard_escape(t)));
        }
        for url in &page.links {
            line(format!("URL:{}", vcard_escape(url)));
        }
        if c.region.is_some() || c.local_group.is_some() {
            let s = |v: &Option<String>| vcard_escape(v.as_deref().unwrap_or(""));
            line(format!(
                "ADR;TYPE=HOME:;;;{};{};;{}",
                s(&c.local_group),
                s(&c.region),
                s(&c.country)
            ));
        }
        if !c.domains.is_empty() {
            let cats: Vec<String> = c.domains.iter().map(|d| vcard_escape(d)).collect();
            line(format!("CATEGORIES:{}", cats.join(",")));
        }
        if !c.skills.is_empty() {
            line(format!("NOTE:{}", vcard_escape(&c.skills.join(", "))));
        }
        line(format!("UID:urn:shifters:{}", c.id));
        line("END:VCARD".into());
    }
    out
}
