//! Downloads of a directory selection: CSV for French Excel, CSV for
//! Outlook's contact import, vCard 3.0. A download holds the snapshot and
//! the places of the members it selected, and writes its file a chunk of
//! rows at a time as the connection takes them: memory does not grow with
//! the size of the directory.

use std::ops::Range;
use std::sync::Arc;

use super::index::{snapshot, Snapshot};
use super::person::{today, Person};
use super::search::{audience_of, check_query, select};
use crate::accounts::model::{CurrentUser, Role};
use crate::directory::model::{Audience, DirectoryQuery, ExportFormat, MemberPage};
use crate::platform::audit::{self, Actor};
use crate::platform::db::Db;
use crate::platform::error::AppError;
use crate::platform::i18n::Lang;
use crate::platform::said::{request_lang, said};

/// The columns of the Excel export (and of the import).
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

/// The columns of the Outlook export: Outlook's own names, which its import
/// maps without asking, in the order of Outlook's own CSV export.
pub const OUTLOOK_COLUMNS: [&str; 12] = [
    "First Name",
    "Last Name",
    "Company",
    "Department",
    "Job Title",
    "Home State",
    "Home Country/Region",
    "Mobile Phone",
    "Categories",
    "E-mail Address",
    "Notes",
    "Web Page",
];

/// The association, as the company of every contact.
const ORGANISATION: &str = "The Shifters";

/// Members written per chunk of a download: few enough to keep memory
/// flat, enough that the stream is not one write per member.
pub const CHUNK_ROWS: usize = 250;

/// Longest content line of a vCard, in octets (RFC 2425 §5.8.1).
const VCARD_LINE: usize = 75;

/// A member's whole-directory export, when the administrators reserve it.
pub const EXPORT_RESERVED: &str = "L'export de tout l'annuaire est réservé au conseil \
     d'administration et aux administrateurs : filtrez d'abord la recherche (un mot, une région, \
     un domaine…), puis exportez cette sélection.";
const EXPORT_RESERVED_EN: &str = "Exporting the whole directory is reserved to the board and \
     the administrators: first narrow the search (a word, a region, a domain…), then export that \
     selection.";

/// One download: what it reads, never the file it writes.
pub struct Export {
    snap: Arc<Snapshot>,
    audience: Audience,
    /// Places of the selected members in the audience's view, in the order asked.
    hits: Vec<u32>,
    format: ExportFormat,
    /// The Excel file of an administrator gives a member without a contact
    /// address their sign-in address, so that it can come back through the import.
    sign_in_fallback: bool,
    /// The caller's language, for the notes: the file is written after the
    /// request's handler has returned.
    lang: Lang,
}

/// Whether the whole directory's export is reserved and `user` is neither
/// board nor administrator.
pub async fn reserved_for(db: &Db, user: &CurrentUser) -> Result<bool, AppError> {
    let privileged = user.has(Role::Board) || user.has(Role::Admin);
    Ok(!privileged && crate::platform::settings::get(db).await?.reserve_directory_export)
}

/// Opens `user`'s download of `query`'s selection: the query checked, the
/// whole directory refused when it is reserved and `user` is neither board
/// nor administrator, and the export written to the audit log (from `ip`)
/// with its filter and its size, before a byte of it is sent.
pub async fn open(
    db: &Db,
    user: &CurrentUser,
    ip: &str,
    query: &DirectoryQuery,
    format: ExportFormat,
) -> Result<Export, AppError> {
    check_query(query)?;
    if !query.is_filtered() && reserved_for(db, user).await? {
        return Err(AppError::Refused {
            message: said(EXPORT_RESERVED, EXPORT_RESERVED_EN),
        });
    }
    let audience = audience_of(user);
    let snap = snapshot(db).await?;
    let hits = select(&snap, audience, query).hits;
    let export = Export {
        snap,
        audience,
        hits,
        format,
        sign_in_fallback: format == ExportFormat::Excel && user.has(Role::Admin),
        lang: request_lang(),
    };
    let filter = DirectoryQuery {
        page: 1,
        ..query.clone()
    }
    .to_params()
    .join("&");
    let detail = format!("{} membres ; filtre : {filter}", export.rows());
    let actor = Actor::user(user, ip);
    audit::record(db, &actor, "directory_exported", format.code(), &detail).await?;
    Ok(export)
}

impl Export {
    /// How many members the file holds.
    pub fn rows(&self) -> usize {
        self.hits.len()
    }

    pub fn content_type(&self) -> &'static str {
        match self.format {
            ExportFormat::Excel | ExportFormat::Outlook => "text/csv; charset=utf-8",
            ExportFormat::Vcard => "text/vcard; charset=utf-8",
        }
    }

    /// `annuaire-shifters-2026-03-14.csv`, dated in the server's time zone.
    pub fn file_name(&self) -> String {
        let day = chrono::Local::now().format("%Y-%m-%d");
        format!("annuaire-shifters-{day}.{}", self.format.extension())
    }

    /// The file, chunk by chunk: the header first (CSV), then `CHUNK_ROWS`
    /// members per chunk, each written only when the stream asks for it.
    pub fn chunks(self) -> impl Iterator<Item = Result<Vec<u8>, AppError>> + Send + 'static {
        let head = self.head();
        let starts = (0..self.hits.len()).step_by(CHUNK_ROWS);
        head.into_iter().chain(starts.map(move |start| {
            let end = (start + CHUNK_ROWS).min(self.hits.len());
            self.write(start..end)
        }))
    }

    /// Spreadsheets need a BOM to read UTF-8 (French Excel reads its own code page otherwise).
    fn head(&self) -> Option<Result<Vec<u8>, AppError>> {
        let (delimiter, columns) = match self.format {
            ExportFormat::Excel => (b';', &CSV_COLUMNS[..]),
            ExportFormat::Outlook => (b',', &OUTLOOK_COLUMNS[..]),
            ExportFormat::Vcard => return None,
        };
        let head = csv_rows(delimiter, [columns.iter().map(|c| c.to_string()).collect()]);
        Some(head.map(|rows| [BOM.as_bytes(), &rows].concat()))
    }

    fn write(&self, range: Range<usize>) -> Result<Vec<u8>, AppError> {
        let view = self.snap.view(self.audience);
        let persons = self.hits[range]
            .iter()
            .map(|&i| view.entries[i as usize].person.as_ref());
        match self.format {
            ExportFormat::Excel => csv_rows(
                b';',
                persons.map(|p| excel_values(p, self.audience, self.sign_in_fallback).to_vec()),
            ),
            ExportFormat::Outlook => csv_rows(
                b',',
                persons.map(|p| outlook_values(&p.page(self.audience, self.snap.day), self.lang).to_vec()),
            ),
            ExportFormat::Vcard => {
                let mut out = Vec::new();
                for p in persons {
                    write_vcard(&mut out, &p.page(self.audience, self.snap.day), self.lang);
                }
                Ok(out)
            }
        }
    }
}

const BOM: &str = "\u{feff}";

/// Rows as spreadsheets read them: `delimiter`, CRLF, quotes only where
/// needed, every cell defused.
fn csv_rows(delimiter: u8, rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>, AppError> {
    let fail = |err: csv::Error| {
        tracing::error!(error = %err, "csv export");
        AppError::Internal
    };
    let mut out = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        out.write_record(row.into_iter().map(defuse)).map_err(fail)?;
    }
    out.into_inner().map_err(|_| AppError::Internal)
}

/// What `audience` may see of `p`, one value per Excel column.
pub(super) fn excel_values(p: &Person, audience: Audience, sign_in_fallback: bool) -> [String; 17] {
    let mut page = p.page(audience, today());
    if sign_in_fallback && page.email.is_none() {
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

/// One Outlook contact, in `OUTLOOK_COLUMNS` order.
fn outlook_values(page: &MemberPage, lang: Lang) -> [String; 12] {
    let c = &page.card;
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let (first, last) = name_parts(&c.display_name);
    [
        first.to_string(),
        last.to_string(),
        ORGANISATION.to_string(),
        s(&c.local_group),
        s(&c.profession),
        s(&c.region),
        s(&c.country),
        s(&page.phone),
        // Outlook separates categories with `;`.
        c.domains.join(";"),
        s(&page.email),
        notes(page, lang),
        // Outlook has one web page per contact.
        page.links.first().cloned().unwrap_or_default(),
    ]
}

/// First word the first name, the rest the last name ("Jean de La Fontaine"
/// is Jean, de La Fontaine): a display name says no more.
fn name_parts(display_name: &str) -> (&str, &str) {
    let name = display_name.trim();
    name.split_once(' ')
        .map(|(first, last)| (first, last.trim()))
        .unwrap_or((name, ""))
}

/// The skills and the presentation, for an address book's notes.
fn notes(page: &MemberPage, lang: Lang) -> String {
    let mut lines = Vec::new();
    if !page.card.skills.is_empty() {
        let skills = page.card.skills.join(", ");
        lines.push(match lang {
            Lang::Fr => format!("Compétences : {skills}"),
            Lang::En => format!("Skills: {skills}"),
        });
    }
    lines.extend(page.bio.clone());
    lines.join("\n")
}

/// A spreadsheet must not run a cell as a formula.
pub(super) fn defuse(value: String) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value
    }
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

/// Writes a content line folded at `VCARD_LINE` octets: CRLF and a space
/// before each continuation, never inside a UTF-8 character.
fn push_folded(out: &mut Vec<u8>, line: &str) {
    let mut rest = line;
    // The continuation's leading space counts in its line.
    let mut room = VCARD_LINE;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.extend_from_slice(&rest.as_bytes()[..cut]);
        out.extend_from_slice(b"\r\n ");
        rest = &rest[cut..];
        room = VCARD_LINE - 1;
    }
    out.extend_from_slice(rest.as_bytes());
    out.extend_from_slice(b"\r\n");
}

/// One member's card (Outlook and address books read vCard 3.0).
fn write_vcard(out: &mut Vec<u8>, page: &MemberPage, lang: Lang) {
    let c = &page.card;
    let mut line = |l: &str| push_folded(out, l);
    line("BEGIN:VCARD");
    line("VERSION:3.0");
    line(&format!("FN:{}", vcard_escape(&c.display_name)));
    let (first, last) = name_parts(&c.display_name);
    line(&format!("N:{};{};;;", vcard_escape(last), vcard_escape(first)));
    match &c.local_group {
        Some(group) => line(&format!("ORG:{ORGANISATION};{}", vcard_escape(group))),
        None => line(&format!("ORG:{ORGANISATION}")),
    }
    if let Some(t) = &c.profession {
        line(&format!("TITLE:{}", vcard_escape(t)));
    }
    if let Some(e) = &page.email {
        line(&format!("EMAIL;TYPE=INTERNET:{}", vcard_escape(e)));
    }
    if let Some(t) = &page.phone {
        line(&format!("TEL;TYPE=CELL:{}", vcard_escape(t)));
    }
    for url in &page.links {
        line(&format!("URL:{}", vcard_escape(url)));
    }
    if c.region.is_some() || c.local_group.is_some() || c.country.is_some() {
        let s = |v: &Option<String>| vcard_escape(v.as_deref().unwrap_or(""));
        line(&format!(
            "ADR;TYPE=HOME:;;;{};{};;{}",
            s(&c.local_group),
            s(&c.region),
            s(&c.country)
        ));
    }
    if !c.domains.is_empty() {
        let cats: Vec<String> = c.domains.iter().map(|d| vcard_escape(d)).collect();
        line(&format!("CATEGORIES:{}", cats.join(",")));
    }
    let notes = notes(page, lang);
    if !notes.is_empty() {
        line(&format!("NOTE:{}", vcard_escape(&notes)));
    }
    line(&format!("UID:urn:shifters:{}", c.id));
    line("END:VCARD");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str) -> MemberPage {
        let person = Person {
            id: "m1".into(),
            display_name: name.into(),
            email: "connexion@example.org".into(),
            region: Some("Auvergne-Rhône-Alpes".into()),
            local_group: Some("Shifters Lyon".into()),
            domains: vec!["Énergie".into(), "Mobilité, transports".into()],
            skills: vec!["Analyse de cycle de vie".into(), "Écoconception".into()],
            profession: Some("Ingénieure".into()),
            contact_email: Some("=contact@example.org".into()),
            phone: Some("+33 6 12 34 56 78".into()),
            links: vec!["https://example.org/a".into(), "https://example.org/b".into()],
            bio: Some("Ingénieure énergéticienne à Lyon. ".repeat(8).trim().to_string()),
            ..Person::default()
        };
        person.page(Audience::Members, today())
    }

    /// The vCard's lines, unfolded.
    fn unfold(text: &str) -> Vec<String> {
        text.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_display_name_splits_on_its_first_word() {
        assert_eq!(name_parts("Élodie Martin"), ("Élodie", "Martin"));
        assert_eq!(name_parts(" Jean de La Fontaine "), ("Jean", "de La Fontaine"));
        assert_eq!(name_parts("Prince"), ("Prince", ""));
    }

    #[test]
    fn vcard_lines_fold_at_75_octets_between_characters() {
        let mut out = Vec::new();
        let long = format!("NOTE:{}", "é".repeat(100));
        push_folded(&mut out, &long);
        let text = String::from_utf8(out).expect("folded on character boundaries");
        assert!(text.split("\r\n").all(|l| l.len() <= VCARD_LINE), "{text}");
        assert_eq!(unfold(&text)[0], long);
        let mut short = Vec::new();
        push_folded(&mut short, "VERSION:3.0");
        assert_eq!(short, b"VERSION:3.0\r\n");
    }

    #[test]
    fn a_vcard_has_names_categories_and_notes_whole_once_unfolded() {
        let p = page("Élodie Martin-Durand");
        let mut out = Vec::new();
        write_vcard(&mut out, &p, Lang::Fr);
        let text = String::from_utf8(out).unwrap();
        assert!(text.split("\r\n").all(|l| l.len() <= VCARD_LINE));
        let lines = unfold(&text);
        assert!(lines.contains(&"FN:Élodie Martin-Durand".to_string()));
        assert!(lines.contains(&"N:Martin-Durand;Élodie;;;".to_string()));
        assert!(lines.contains(&"CATEGORIES:Énergie,Mobilité\\, transports".to_string()));
        let note = lines.iter().find(|l| l.starts_with("NOTE:")).unwrap();
        assert!(note.len() > 2 * VCARD_LINE, "a long line, folded: {note}");
        assert!(note.starts_with("NOTE:Compétences : Analyse de cycle de vie\\, Écoconception\\nIngénieure"));
    }

    #[test]
    fn outlook_columns_are_filled_in_order_and_defused() {
        let p = page("Élodie Martin");
        let values = outlook_values(&p, Lang::Fr);
        let by_column = |name: &str| {
            let at = OUTLOOK_COLUMNS.iter().position(|c| *c == name).unwrap();
            values[at].clone()
        };
        assert_eq!(by_column("First Name"), "Élodie");
        assert_eq!(by_column("Last Name"), "Martin");
        assert_eq!(by_column("Company"), ORGANISATION);
        assert_eq!(by_column("Department"), "Shifters Lyon");
        assert_eq!(by_column("Categories"), "Énergie;Mobilité, transports");
        assert_eq!(by_column("Web Page"), "https://example.org/a");
        let csv = String::from_utf8(csv_rows(b',', [values.to_vec()]).unwrap()).unwrap();
        assert!(csv.contains(",'=contact@example.org,"), "defused: {csv}");
        assert!(csv.contains(",'+33 6 12 34 56 78,"), "{csv}");
        assert!(csv.ends_with("\r\n"));
    }

    #[test]
    fn excel_rows_use_semicolons_and_crlf() {
        let rows = csv_rows(
            b';',
            [vec!["a;b".into(), "c".into()], vec!["d".into(), "é".into()]],
        )
        .unwrap();
        assert_eq!(String::from_utf8(rows).unwrap(), "\"a;b\";c\r\nd;é\r\n");
    }
}
