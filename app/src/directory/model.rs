//! Profiles and the directory: what crosses the wire.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod import;
pub use import::{ExistingMembers, ImportField, ImportReport, Rejection, IMPORT_MAX_BYTES};

/// One member in the directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberCard {
    pub id: String,
    pub display_name: String,
    pub region: Option<String>,
    pub local_group: Option<String>,
    pub profession: Option<String>,
    pub domains: Vec<String>,
    pub skills: Vec<String>,
    pub member_since_year: Option<i32>,
}

impl MemberCard {
    /// Initials shown in place of a photo.
    pub fn initials(&self) -> String {
        self.display_name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(2)
            .collect::<String>()
            .to_uppercase()
    }
}

/// The French regions, plus abroad.
pub const REGIONS: [&str; 19] = [
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Corse",
    "Grand Est",
    "Guadeloupe",
    "Guyane",
    "Hauts-de-France",
    "Île-de-France",
    "La Réunion",
    "Martinique",
    "Mayotte",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
    "Étranger",
];

/// Who may see one field of a profile.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Every signed-in member.
    #[default]
    Members,
    /// The board only.
    Board,
    /// Nobody but the member.
    Private,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Visibility::Members, Visibility::Board, Visibility::Private];

    pub fn code(self) -> &'static str {
        match self {
            Visibility::Members => "members",
            Visibility::Board => "board",
            Visibility::Private => "private",
        }
    }

    pub fn from_code(code: &str) -> Option<Visibility> {
        Visibility::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// Who is looking at the directory: what they may see follows from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Audience {
    Members,
    Board,
}

impl Audience {
    pub fn sees(self, visibility: Visibility) -> bool {
        match visibility {
            Visibility::Members => true,
            Visibility::Board => self == Audience::Board,
            Visibility::Private => false,
        }
    }
}

/// The profile fields whose visibility a member chooses (the name is always shown).
pub const PROFILE_FIELDS: [&str; 15] = [
    "photo",
    "pronouns",
    "region",
    "local_group",
    "member_since",
    "domains",
    "skills",
    "profession",
    "availability",
    "languages",
    "email",
    "chat",
    "phone",
    "links",
    "bio",
];

/// Where a member's photo is served; `version` changes with each new photo,
/// so that browsers may keep a photo for a while and still see a new one.
pub fn photo_url(id: &str, version: i64) -> String {
    format!("/api/photos/{id}?v={version}")
}

/// Languages a member can list.
pub const LANGUAGES: [&str; 10] = ["fr", "en", "es", "de", "it", "pt", "nl", "ar", "zh", "br"];

/// Seniority ranges (years in the association) offered as filters.
pub const SENIORITY_RANGES: [&str; 4] = ["lt1", "y1_3", "y3_5", "y5_plus"];
/// Availability ranges (hours per month) offered as filters.
pub const HOURS_RANGES: [&str; 4] = ["h_lt5", "h5_10", "h10_20", "h20_plus"];
/// Sort orders of the directory.
pub const DIRECTORY_SORTS: [&str; 3] = ["name", "seniority", "recent"];

/// The range code of `years` of seniority.
pub fn seniority_range(years: u32) -> &'static str {
    match years {
        0 => "lt1",
        1..=2 => "y1_3",
        3..=4 => "y3_5",
        _ => "y5_plus",
    }
}

/// The range code of `hours` per month.
pub fn hours_range(hours: u32) -> &'static str {
    match hours {
        0..=4 => "h_lt5",
        5..=9 => "h5_10",
        10..=19 => "h10_20",
        _ => "h20_plus",
    }
}

/// A member's own profile, everything included, as the edit page shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    pub display_name: String,
    /// The photo's address, when there is one (changed by its own endpoint, not by saving).
    #[serde(default)]
    pub photo: Option<String>,
    /// The account's sign-in address (a separate contact address may be given).
    pub account_email: String,
    pub pronouns: String,
    pub region: String,
    /// When the region is abroad.
    pub country: String,
    pub local_group: String,
    /// `YYYY-MM-DD`, or empty.
    pub member_since: String,
    pub domains: Vec<String>,
    pub skills: Vec<String>,
    pub profession: String,
    pub hours_per_month: Option<u32>,
    pub open_to_missions: bool,
    pub languages: Vec<String>,
    pub contact_email: String,
    pub chat: String,
    pub phone: String,
    pub links: Vec<String>,
    /// Markdown (a small safe subset is rendered).
    pub bio: String,
    /// Shown in the directory at all.
    pub in_directory: bool,
    /// Field name → who sees it; a field not named is shown to members.
    pub visibility: BTreeMap<String, Visibility>,
    /// The member asked for their data to be erased (an administrator confirms).
    pub deletion_requested: bool,
}

/// How complete a profile is: the home page's nudge.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    pub percent: u32,
    /// `Profile::missing`'s field names.
    pub missing: Vec<String>,
}

impl Profile {
    pub fn visibility_of(&self, field: &str) -> Visibility {
        self.visibility.get(field).copied().unwrap_or_default()
    }

    /// The fields worth filling that are still empty (for the completeness meter).
    pub fn missing(&self) -> Vec<&'static str> {
        let checks: [(&'static str, bool); 10] = [
            ("region", !self.region.is_empty()),
            ("local_group", !self.local_group.is_empty()),
            ("member_since", !self.member_since.is_empty()),
            ("domains", !self.domains.is_empty()),
            ("skills", !self.skills.is_empty()),
            ("profession", !self.profession.is_empty()),
            ("availability", self.hours_per_month.is_some()),
            ("languages", !self.languages.is_empty()),
            (
                "email",
                !self.contact_email.is_empty() || !self.chat.is_empty() || !self.phone.is_empty(),
            ),
            ("bio", !self.bio.trim().is_empty()),
        ];
        checks
            .into_iter()
            .filter(|(_, done)| !done)
            .map(|(f, _)| f)
            .collect()
    }

    /// Percentage of the profile filled (the name counts as filled).
    pub fn completeness(&self) -> u32 {
        let total = 11;
        let filled = total - self.missing().len() as u32;
        filled * 100 / total
    }
}

/// One member as a viewer sees them in the directory: hidden or empty
/// values are `None` or empty lists.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryCard {
    pub id: String,
    pub display_name: String,
    /// The photo's address, when there is one the viewer may see.
    pub photo: Option<String>,
    pub pronouns: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub local_group: Option<String>,
    pub member_since: Option<String>,
    pub seniority_years: Option<u32>,
    pub domains: Vec<String>,
    pub skills: Vec<String>,
    pub profession: Option<String>,
    pub hours_per_month: Option<u32>,
    pub open_to_missions: Option<bool>,
    pub languages: Vec<String>,
}

#[cfg(feature = "ssr")]
impl DirectoryCard {
    /// The values of `facet` (one of `FACETS`) this card holds, as the facet names them.
    pub fn facet_values(&self, facet: &str) -> Vec<String> {
        match facet {
            "region" => self.region.iter().cloned().collect(),
            "local_group" => self.local_group.iter().cloned().collect(),
            "domain" => self.domains.clone(),
            "skill" => self.skills.clone(),
            "language" => self.languages.clone(),
            "seniority" => self
                .seniority_years
                .map(|y| seniority_range(y).to_string())
                .into_iter()
                .collect(),
            "hours" => self
                .hours_per_month
                .map(|h| hours_range(h).to_string())
                .into_iter()
                .collect(),
            "open" => (self.open_to_missions == Some(true))
                .then(|| "yes".to_string())
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Initials shown in place of a photo.
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase()
}

/// A member's page: the card, their contact channels and bio as the viewer
/// may see them, and the missions they take part in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberPage {
    pub card: DirectoryCard,
    pub email: Option<String>,
    pub chat: Option<String>,
    pub phone: Option<String>,
    pub links: Vec<String>,
    pub bio: Option<String>,
    /// (mission id, title)
    pub missions: Vec<(String, String)>,
    /// The viewer is looking at their own page.
    pub is_self: bool,
}

/// A directory search: every filter holds the values selected (several
/// values of one filter widen, several filters narrow).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub region: Vec<String>,
    #[serde(default)]
    pub local_group: Vec<String>,
    #[serde(default)]
    pub domain: Vec<String>,
    #[serde(default)]
    pub skill: Vec<String>,
    #[serde(default)]
    pub seniority: Vec<String>,
    #[serde(default)]
    pub hours: Vec<String>,
    /// Only members open to missions.
    #[serde(default)]
    pub open: bool,
    #[serde(default)]
    pub language: Vec<String>,
    /// `name` (default), `seniority` or `recent`.
    #[serde(default)]
    pub sort: String,
    /// 1-based.
    #[serde(default)]
    pub page: u64,
}

/// The facet names, in the order the page shows them.
pub const FACETS: [&str; 8] = [
    "region",
    "local_group",
    "domain",
    "skill",
    "seniority",
    "hours",
    "open",
    "language",
];

impl DirectoryQuery {
    /// The values selected for `facet` (`open` selects the value `yes`).
    pub fn selected(&self, facet: &str) -> Vec<String> {
        match facet {
            "region" => self.region.clone(),
            "local_group" => self.local_group.clone(),
            "domain" => self.domain.clone(),
            "skill" => self.skill.clone(),
            "seniority" => self.seniority.clone(),
            "hours" => self.hours.clone(),
            "open" if self.open => vec!["yes".into()],
            "language" => self.language.clone(),
            _ => Vec::new(),
        }
    }

    pub fn selected_mut(&mut self, facet: &str) -> Option<&mut Vec<String>> {
        match facet {
            "region" => Some(&mut self.region),
            "local_group" => Some(&mut self.local_group),
            "domain" => Some(&mut self.domain),
            "skill" => Some(&mut self.skill),
            "seniority" => Some(&mut self.seniority),
            "hours" => Some(&mut self.hours),
            "language" => Some(&mut self.language),
            _ => None,
        }
    }

    /// Any filter or text at all.
    pub fn is_filtered(&self) -> bool {
        !self.text.trim().is_empty() || FACETS.iter().any(|f| !self.selected(f).is_empty())
    }

    /// How many facet values are ticked (the phone's "Filtres (n)" button).
    pub fn facet_count(&self) -> usize {
        FACETS.iter().map(|f| self.selected(f).len()).sum()
    }

    /// Reads the parameters of an `/annuaire` address (decoded `name=value`
    /// pairs, a name repeated for each value of a filter). The page and the
    /// download routes both read the search from there, so they agree.
    pub fn from_params<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> DirectoryQuery {
        let mut q = DirectoryQuery {
            page: 1,
            ..DirectoryQuery::default()
        };
        for (name, value) in params {
            match name {
                "q" => q.text = value.to_string(),
                "open" => q.open = value == "1",
                "tri" => q.sort = value.to_string(),
                "page" => q.page = value.parse().unwrap_or(1),
                _ if value.is_empty() => {}
                _ => {
                    if let Some(list) = q.selected_mut(name) {
                        list.push(value.to_string());
                    }
                }
            }
        }
        q
    }

    /// The search as the parameters `from_params` reads, percent-encoded
    /// (defaults left out): `q=…&region=…&open=1`.
    pub fn to_params(&self) -> Vec<String> {
        use crate::platform::url::encode;
        let mut params = Vec::new();
        if !self.text.is_empty() {
            params.push(format!("q={}", encode(&self.text)));
        }
        // Every facet but `open` is a list; `open` is a yes/no.
        for name in FACETS.into_iter().filter(|f| *f != "open") {
            for v in self.selected(name) {
                params.push(format!("{name}={}", encode(&v)));
            }
        }
        if self.open {
            params.push("open=1".into());
        }
        if !self.sort.is_empty() && self.sort != "name" {
            params.push(format!("tri={}", encode(&self.sort)));
        }
        if self.page > 1 {
            params.push(format!("page={}", self.page));
        }
        params
    }
}

/// The directory's downloads: a closed set, named in their address
/// (`/api/directory/export/excel`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// CSV as French Excel opens it: UTF-8 with BOM, `;`, CRLF.
    Excel,
    /// CSV with the columns Outlook's contact import maps by itself.
    Outlook,
    /// vCard 3.0, one file for the selection.
    Vcard,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Excel, ExportFormat::Outlook, ExportFormat::Vcard];

    pub fn code(self) -> &'static str {
        match self {
            ExportFormat::Excel => "excel",
            ExportFormat::Outlook => "outlook",
            ExportFormat::Vcard => "vcard",
        }
    }

    pub fn from_code(code: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Excel | ExportFormat::Outlook => "csv",
            ExportFormat::Vcard => "vcf",
        }
    }

    /// The download of `query`'s whole selection (every page, so no
    /// `page`), its words for people (notes) in `lang`.
    pub fn url(self, query: &DirectoryQuery, lang: crate::platform::i18n::Lang) -> String {
        let mut params = DirectoryQuery {
            page: 1,
            ..query.clone()
        }
        .to_params();
        params.push(format!("lang={}", lang.code()));
        format!("/api/directory/export/{}?{}", self.code(), params.join("&"))
    }
}

/// One value of a facet with how many members of the current selection have it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
    pub selected: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facet {
    pub name: String,
    pub values: Vec<FacetValue>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DirectoryResult {
    pub items: Vec<DirectoryCard>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
    pub facets: Vec<Facet>,
    /// The administrators reserve the whole directory's export to the board
    /// and themselves, and the caller is neither: only a filtered selection
    /// can be exported.
    #[serde(default)]
    pub export_reserved: bool,
}

impl DirectoryResult {
    pub fn page_count(&self) -> u64 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

/// A member who asked for their data to be erased, as the administrators see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeletionRequest {
    pub id: String,
    pub display_name: String,
    pub email: String,
    pub requested_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_two_words() {
        let m = MemberCard {
            id: "x".into(),
            display_name: "élise du Pont".into(),
            region: None,
            local_group: None,
            profession: None,
            domains: vec![],
            skills: vec![],
            member_since_year: None,
        };
        assert_eq!(m.initials(), "ÉD");
    }

    #[test]
    fn ranges_cover_every_value() {
        assert_eq!(seniority_range(0), "lt1");
        assert_eq!(seniority_range(2), "y1_3");
        assert_eq!(seniority_range(7), "y5_plus");
        assert_eq!(hours_range(4), "h_lt5");
        assert_eq!(hours_range(200), "h20_plus");
    }

    #[test]
    fn an_empty_profile_is_barely_complete() {
        let p = Profile {
            display_name: "A".into(),
            ..Profile::default()
        };
        assert_eq!(p.completeness(), 9);
        assert_eq!(p.missing().len(), 10);
        assert_eq!(p.visibility_of("phone"), Visibility::Members);
    }
}
