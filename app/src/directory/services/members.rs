//! The member directory.

use crate::directory::model::MemberCard;
use crate::directory::model::{Audience, DirectoryCard, DirectoryQuery};
use crate::directory::services as directory;
use crate::platform::db::{year_of, Db};
use crate::platform::error::AppError;
use crate::platform::page::Page;
use crate::platform::said::said;

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MemberQuery {
    /// Free text over name, skills, profession and bio (French-aware).
    pub text: Option<String>,
    pub region: Option<String>,
    /// 1-based.
    pub page: Option<u64>,
}

impl From<DirectoryCard> for MemberCard {
    fn from(card: DirectoryCard) -> Self {
        MemberCard {
            member_since_year: year_of(card.member_since.as_deref()),
            id: card.id,
            display_name: card.display_name,
            region: card.region,
            local_group: card.local_group,
            profession: card.profession,
            domains: card.domains,
            skills: card.skills,
        }
    }
}

/// One page of the directory as members see it (the in-memory index of
/// `services::directory`, with every member's visibility choices applied).
pub async fn search(db: &Db, query: &MemberQuery) -> Result<Page<MemberCard>, AppError> {
    let text = query.text.as_deref().map(str::trim).unwrap_or_default();
    if text.chars().count() > 200 {
        return Err(AppError::field(
            "text",
            "too_long",
            &said("200 caractères au plus.", "200 characters at most."),
        ));
    }
    let found = directory::search(
        db,
        Audience::Members,
        &DirectoryQuery {
            text: text.to_string(),
            region: query.region.iter().filter(|r| !r.is_empty()).cloned().collect(),
            page: query.page.unwrap_or(1).max(1),
            ..DirectoryQuery::default()
        },
    )
    .await?;
    Ok(Page {
        items: found.items.into_iter().map(MemberCard::from).collect(),
        total: found.total,
        page: found.page,
        per_page: found.per_page,
    })
}

/// What the full-text index reads: name, skills, profession and bio.
pub fn search_text(display_name: &str, skills: &[String], profession: &str, bio: &str) -> String {
    format!("{display_name} {} {profession} {bio}", skills.join(" "))
}
