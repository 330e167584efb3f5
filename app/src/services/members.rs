//! The member directory.

use serde::Deserialize;

use super::{count, rows, year_of, Db};
use crate::error::AppError;
use crate::models::{MemberCard, Page};

pub const PER_PAGE: u64 = 24;

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MemberQuery {
    /// Free text over name, skills, profession and bio (French-aware).
    pub text: Option<String>,
    pub region: Option<String>,
    /// 1-based.
    pub page: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct MemberRow {
    id: String,
    display_name: String,
    region: Option<String>,
    local_group: Option<String>,
    profession: Option<String>,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    skills: Vec<String>,
    member_since: Option<String>,
}

impl From<MemberRow> for MemberCard {
    fn from(row: MemberRow) -> Self {
        MemberCard {
            id: row.id,
            display_name: row.display_name,
            region: row.region,
            local_group: row.local_group,
            profession: row.profession,
            domains: row.domains,
            skills: row.skills,
            member_since_year: year_of(row.member_since.as_deref()),
        }
    }
}

/// One page of the directory, filtered and counted on the database.
pub async fn search(db: &Db, query: &MemberQuery) -> Result<Page<MemberCard>, AppError> {
    let text = query.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let region = query.region.as_deref().filter(|r| !r.is_empty());
    if text.is_some_and(|t| t.chars().count() > 200) {
        return Err(AppError::field("text", "too_long", "200 caractères au plus."));
    }
    let page = query.page.unwrap_or(1).max(1);

    // Only fixed fragments are assembled here; every value is bound.
    let mut filter = String::from("active = true AND in_directory = true");
    if region.is_some() {
        filter.push_str(" AND region = $region");
    }
    if text.is_some() {
        filter.push_str(" AND search_text @@ $text");
    }
    // Name the index each query walks: without text, the name index (a page
    // costs the same at 22,000 members as at 20); with text, the full-text
    // index. Left alone, the planner prefers the (useless) `active` index.
    let source = if text.is_some() {
        "user WITH INDEX user_search"
    } else {
        "user WITH INDEX user_sort_name"
    };
    let count_sql = match (region.is_some(), text.is_some()) {
        // Unfiltered, count the few hidden members rather than every shown one.
        (false, false) => "RETURN [{ n: ((SELECT count() AS n FROM user GROUP ALL)[0].n ?? 0)
            - ((SELECT count() AS n FROM user WHERE active = false OR in_directory = false GROUP ALL)[0].n ?? 0) }];"
            .to_string(),
        (true, false) => format!("SELECT count() AS n FROM user WITH INDEX user_region WHERE {filter} GROUP ALL;"),
        (_, true) => format!("SELECT count() AS n FROM user WITH INDEX user_search WHERE {filter} GROUP ALL;"),
    };
    let sql = format!(
        "SELECT record::id(id) AS id, display_name, region, local_group, profession, domains, skills, member_since
             FROM {source} WHERE {filter} ORDER BY sort_name ASC LIMIT $limit START $start;
         {count_sql}"
    );
    let mut resp = db
        .query(sql)
        .bind(("region", region.map(str::to_string)))
        .bind(("text", text.map(str::to_string)))
        .bind(("limit", PER_PAGE as i64))
        .bind(("start", ((page - 1) * PER_PAGE) as i64))
        .await?
        .check()?;
    let items = rows::<MemberRow>(&mut resp, 0)?
        .into_iter()
        .map(MemberCard::from)
        .collect();
    let total = count(&mut resp, 1)?;
    Ok(Page {
        items,
        total,
        page,
        per_page: PER_PAGE,
    })
}

/// What the full-text index reads: name, skills, profession and bio.
pub fn search_text(display_name: &str, skills: &[String], profession: &str, bio: &str) -> String {
    format!("{display_name} {} {profession} {bio}", skills.join(" "))
}
