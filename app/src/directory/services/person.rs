//! A member as the directory reads them, and the dates the directory
//! reckons with (arrival, seniority).

use chrono::{Datelike, NaiveDate, Utc};
use serde::Deserialize;

use crate::directory::model::{photo_url, Audience, DirectoryCard, MemberPage, Profile, Visibility};
use crate::platform::text::term_set;

pub const PER_PAGE: u64 = 24;
/// Facets with open-ended values (free text) show their most frequent values only.
pub(super) const MAX_OPEN_VALUES: usize = 50;
/// Past this many changed members (an import, a mass change), the index is
/// built again whole (about a second at 22,000 members) rather than patched.
pub(super) const MAX_INCREMENTAL: usize = 1000;

/// Every column the index needs, read the same way for a full load and for one member.
pub const PERSON_FIELDS: &str = "record::id(id) AS id, display_name, sort_name, email, active, in_directory,
    pronouns, region, country, local_group, member_since, domains, skills, profession,
    hours_per_month, open_to_missions, languages, contact_email, chat, phone, links, bio,
    board_only, private_fields, deletion_requested_at != NONE AS deletion_requested, photo_version";

/// One member, everything the portal holds for the directory (server side only).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Person {
    pub id: String,
    pub display_name: String,
    pub sort_name: String,
    pub email: String,
    pub active: bool,
    pub in_directory: bool,
    pub pronouns: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub local_group: Option<String>,
    pub member_since: Option<String>,
    pub domains: Vec<String>,
    pub skills: Vec<String>,
    pub profession: Option<String>,
    pub hours_per_month: Option<u32>,
    pub open_to_missions: bool,
    pub languages: Vec<String>,
    pub contact_email: Option<String>,
    pub chat: Option<String>,
    pub phone: Option<String>,
    pub links: Vec<String>,
    pub bio: Option<String>,
    pub board_only: Vec<String>,
    pub private_fields: Vec<String>,
    pub deletion_requested: bool,
    /// Set while the member has a photo (the bytes live in the `photo` table).
    pub photo_version: Option<i64>,
}

impl Person {
    pub fn visibility(&self, field: &str) -> Visibility {
        if self.private_fields.iter().any(|f| f == field) {
            Visibility::Private
        } else if self.board_only.iter().any(|f| f == field) {
            Visibility::Board
        } else {
            Visibility::Members
        }
    }

    pub(super) fn photo_url(&self) -> Option<String> {
        self.photo_version.map(|v| photo_url(&self.id, v))
    }

    /// Whether `audience` may see this member's photo (the member always sees their own).
    pub fn photo_shown_to(&self, audience: Audience) -> bool {
        self.shown() && self.photo_version.is_some() && audience.sees(self.visibility("photo"))
    }

    pub(super) fn shown(&self) -> bool {
        self.active && self.in_directory
    }

    /// `YYYY-MM-DD` of the stored datetime.
    pub(super) fn since_date(&self) -> Option<String> {
        self.member_since
            .as_deref()
            .and_then(|d| d.get(0..10))
            .map(str::to_string)
    }

    /// The member's own view: everything, for the edit page.
    pub fn profile(&self) -> Profile {
        let mut visibility = std::collections::BTreeMap::new();
        for f in &self.board_only {
            visibility.insert(f.clone(), Visibility::Board);
        }
        for f in &self.private_fields {
            visibility.insert(f.clone(), Visibility::Private);
        }
        Profile {
            id: self.id.clone(),
            display_name: self.display_name.clone(),
            photo: self.photo_url(),
            account_email: self.email.clone(),
            pronouns: self.pronouns.clone().unwrap_or_default(),
            region: self.region.clone().unwrap_or_default(),
            country: self.country.clone().unwrap_or_default(),
            local_group: self.local_group.clone().unwrap_or_default(),
            member_since: self.since_date().unwrap_or_default(),
            domains: self.domains.clone(),
            skills: self.skills.clone(),
            profession: self.profession.clone().unwrap_or_default(),
            hours_per_month: self.hours_per_month,
            open_to_missions: self.open_to_missions,
            languages: self.languages.clone(),
            contact_email: self.contact_email.clone().unwrap_or_default(),
            chat: self.chat.clone().unwrap_or_default(),
            phone: self.phone.clone().unwrap_or_default(),
            links: self.links.clone(),
            bio: self.bio.clone().unwrap_or_default(),
            in_directory: self.in_directory,
            visibility,
            deletion_requested: self.deletion_requested,
        }
    }

    /// The card as `audience` may see it: hidden values are left out.
    pub fn card(&self, audience: Audience, today: i32) -> DirectoryCard {
        let sees = |field: &str| audience.sees(self.visibility(field));
        let opt = |field: &str, v: &Option<String>| v.clone().filter(|s| !s.is_empty() && sees(field));
        let list = |field: &str, v: &Vec<String>| if sees(field) { v.clone() } else { Vec::new() };
        let since = self.since_date().filter(|_| sees("member_since"));
        DirectoryCard {
            id: self.id.clone(),
            display_name: self.display_name.clone(),
            photo: self.photo_url().filter(|_| sees("photo")),
            pronouns: opt("pronouns", &self.pronouns),
            region: opt("region", &self.region),
            country: opt("region", &self.country),
            local_group: opt("local_group", &self.local_group),
            seniority_years: since.as_deref().and_then(|d| years_since(d, today)),
            member_since: since,
            domains: list("domains", &self.domains),
            skills: list("skills", &self.skills),
            profession: opt("profession", &self.profession),
            hours_per_month: self.hours_per_month.filter(|_| sees("availability")),
            open_to_missions: Some(self.open_to_missions).filter(|_| sees("availability")),
            languages: list("languages", &self.languages),
        }
    }

    /// Contact channels and bio as `audience` may see them.
    pub fn page(&self, audience: Audience, today: i32) -> MemberPage {
        let sees = |field: &str| audience.sees(self.visibility(field));
        let opt = |field: &str, v: &Option<String>| v.clone().filter(|s| !s.is_empty() && sees(field));
        MemberPage {
            card: self.card(audience, today),
            // The contact address only: the sign-in address is shown once the
            // member chooses to give it as their contact (the profile form offers it).
            email: opt("email", &self.contact_email),
            chat: opt("chat", &self.chat),
            phone: opt("phone", &self.phone),
            links: if sees("links") {
                self.links.clone()
            } else {
                Vec::new()
            },
            bio: opt("bio", &self.bio),
            missions: Vec::new(),
            is_self: false,
        }
    }

    /// The words the full-text search reads, as `audience` may see them:
    /// name, skills, profession and bio.
    pub(super) fn words(&self, audience: Audience) -> Vec<String> {
        let sees = |field: &str| audience.sees(self.visibility(field));
        let mut text = self.display_name.clone();
        if sees("skills") {
            for s in &self.skills {
                text.push(' ');
                text.push_str(s);
            }
        }
        for (field, value) in [("profession", &self.profession), ("bio", &self.bio)] {
            if let Some(v) = value.as_ref().filter(|_| sees(field)) {
                text.push(' ');
                text.push_str(v);
            }
        }
        term_set(&text).into_vec()
    }
}

// ----- Dates ------------------------------------------------------------------

/// The day the directory counts from (dates are kept as days since it).
const EPOCH: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");

/// `YYYY-MM-DD` as a real calendar day between 1900 and 2200.
fn parse_day(date: &str) -> Option<NaiveDate> {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    (date.len() == 10 && (1900..=2200).contains(&day.year())).then_some(day)
}

/// Days since 1970-01-01 of `YYYY-MM-DD` (1900 to 2200, a real calendar day).
pub fn parse_date(date: &str) -> Option<i32> {
    i32::try_from((parse_day(date)? - EPOCH).num_days()).ok()
}

pub fn today() -> i32 {
    (Utc::now().date_naive() - EPOCH).num_days() as i32
}

/// Whole years from `date` to `today` (0 for a date after it).
pub(super) fn years_since(date: &str, today: i32) -> Option<u32> {
    let from = parse_day(date)?;
    let to = EPOCH + chrono::Days::new(u64::try_from(today).ok()?);
    Some(to.years_since(from).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2023-13-01"), None);
        assert_eq!(parse_date("hier"), None);
        assert_eq!(
            years_since("2020-01-01", parse_date("2026-01-02").unwrap()),
            Some(6)
        );
    }
}
