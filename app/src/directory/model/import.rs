//! The import of member lists: what crosses the wire.

use serde::{Deserialize, Serialize};

/// A field a column of an imported file can fill (the wire names are the
/// portal's own export columns, so that an export comes back as it left).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImportField {
    #[serde(rename = "compte_email")]
    AccountEmail,
    #[serde(rename = "nom")]
    FullName,
    #[serde(rename = "prenom")]
    FirstName,
    #[serde(rename = "nom_de_famille")]
    LastName,
    #[serde(rename = "pronoms")]
    Pronouns,
    #[serde(rename = "region")]
    Region,
    #[serde(rename = "pays")]
    Country,
    #[serde(rename = "groupe_local")]
    LocalGroup,
    #[serde(rename = "membre_depuis")]
    MemberSince,
    #[serde(rename = "domaines")]
    Domains,
    #[serde(rename = "competences")]
    Skills,
    #[serde(rename = "profession")]
    Profession,
    #[serde(rename = "heures_par_mois")]
    HoursPerMonth,
    #[serde(rename = "ouvert_aux_missions")]
    OpenToMissions,
    #[serde(rename = "langues")]
    Languages,
    #[serde(rename = "email")]
    ContactEmail,
    #[serde(rename = "messagerie")]
    Chat,
    #[serde(rename = "telephone")]
    Phone,
    #[serde(rename = "liens")]
    Links,
    #[serde(rename = "bio")]
    Bio,
}

impl ImportField {
    pub const ALL: [ImportField; 20] = [
        Self::AccountEmail,
        Self::FullName,
        Self::FirstName,
        Self::LastName,
        Self::Pronouns,
        Self::Region,
        Self::Country,
        Self::LocalGroup,
        Self::MemberSince,
        Self::Domains,
        Self::Skills,
        Self::Profession,
        Self::HoursPerMonth,
        Self::OpenToMissions,
        Self::Languages,
        Self::ContactEmail,
        Self::Chat,
        Self::Phone,
        Self::Links,
        Self::Bio,
    ];

    /// The wire name (the value of the mapping's select).
    pub fn code(self) -> &'static str {
        match self {
            Self::AccountEmail => "compte_email",
            Self::FullName => "nom",
            Self::FirstName => "prenom",
            Self::LastName => "nom_de_famille",
            Self::Pronouns => "pronoms",
            Self::Region => "region",
            Self::Country => "pays",
            Self::LocalGroup => "groupe_local",
            Self::MemberSince => "membre_depuis",
            Self::Domains => "domaines",
            Self::Skills => "competences",
            Self::Profession => "profession",
            Self::HoursPerMonth => "heures_par_mois",
            Self::OpenToMissions => "ouvert_aux_missions",
            Self::Languages => "langues",
            Self::ContactEmail => "email",
            Self::Chat => "messagerie",
            Self::Phone => "telephone",
            Self::Links => "liens",
            Self::Bio => "bio",
        }
    }

    /// The profile field it fills (the key of the field labels).
    pub fn profile_field(self) -> &'static str {
        match self {
            Self::AccountEmail => "account_email",
            Self::FullName | Self::FirstName | Self::LastName => "display_name",
            Self::Pronouns => "pronouns",
            Self::Region => "region",
            Self::Country => "country",
            Self::LocalGroup => "local_group",
            Self::MemberSince => "member_since",
            Self::Domains => "domains",
            Self::Skills => "skills",
            Self::Profession => "profession",
            Self::HoursPerMonth => "hours",
            Self::OpenToMissions => "open_to_missions",
            Self::Languages => "languages",
            Self::ContactEmail => "email",
            Self::Chat => "chat",
            Self::Phone => "phone",
            Self::Links => "links",
            Self::Bio => "bio",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// What to do with a row whose address already has an account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExistingMembers {
    /// Fill in what the member's profile lacks; never overwrite what is there.
    #[default]
    Complete,
    /// Leave those members as they are.
    Skip,
}

/// Rows rejected for one reason, by their line in the file (the header is line 1).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    pub reason: String,
    pub lines: Vec<u64>,
}

/// What an import found (and did).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub headers: Vec<String>,
    /// The field each column fills (`None`: ignored).
    pub mapping: Vec<Option<ImportField>>,
    /// The first rows as read, for the preview.
    pub preview: Vec<Vec<String>>,
    pub rows: u64,
    /// Rows that can be imported: new members, and members already there.
    pub valid: u64,
    /// Of the valid rows, those whose address already has an account.
    pub existing: u64,
    /// Rejected rows, grouped by reason (a row may have several).
    pub rejected: Vec<Rejection>,
    pub rejected_rows: u64,
    /// Members created (0 for a preview).
    pub imported: u64,
    /// Members already there whose empty fields were filled in.
    pub completed: u64,
}

impl ImportReport {
    /// Rejects the row at `line` for `reason`, with the other rows rejected for it.
    pub fn reject(&mut self, line: u64, reason: &str) {
        match self.rejected.iter_mut().find(|r| r.reason == reason) {
            Some(group) => group.lines.push(line),
            None => self.rejected.push(Rejection {
                reason: reason.to_string(),
                lines: vec![line],
            }),
        }
    }

    /// Adds the counts of a report on a later part of the same file, whose
    /// lines start `offset` lines further down.
    pub fn absorb(&mut self, part: ImportReport, offset: u64) {
        self.rows += part.rows;
        self.valid += part.valid;
        self.existing += part.existing;
        self.rejected_rows += part.rejected_rows;
        self.imported += part.imported;
        self.completed += part.completed;
        for group in part.rejected {
            for line in group.lines {
                self.reject(line + offset, &group.reason);
            }
        }
    }
}

/// The largest CSV file an import takes (about 60,000 members).
pub const IMPORT_MAX_BYTES: u64 = 8 * 1024 * 1024;
