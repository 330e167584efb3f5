//! Texts of the directory and profile pages (issue 4), French and English.
//! The texts are in `texts.toml`; here, their arguments and
//! the texts that need code.

use crate::directory::model::{ExportFormat, ImportField};
use crate::platform::i18n::texts;

texts! {
    pub struct DirTexts from "src/directory/texts.toml" {
        results(n: u64),
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
        years(n: u32),
        hours(h: u32),
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
        completeness(p: u32),
        filters_count(n: usize),
        import_read_as(encoding: &str),
        import_column(h: &str),
        import_checked(done: u64, total: u64),
        import_counts(valid: u64, existing: u64, rejected: u64),
        import_group(n: usize, reason: &str),
        import_go(n: u64),
        import_confirm_text(n: u64),
        import_done(n: u64, completed: u64),
    }
}

impl DirTexts {
    /// The label of a profile field ("—" for an unknown one).
    pub fn field(&self, field: &str) -> &'static str {
        (self.field_label)(field).unwrap_or("—")
    }

    /// The label of a facet's coded value; regions, groups, domains and
    /// skills are shown as they are.
    pub fn value(&self, facet: &str, value: &str) -> String {
        (self.value_label)(facet, value).map_or_else(|| value.to_string(), str::to_string)
    }

    /// What an import column fills.
    pub fn import_target(&self, field: ImportField) -> &'static str {
        self.field(match field {
            ImportField::FullName => "full_name",
            ImportField::FirstName => "first_name",
            ImportField::LastName => "last_name",
            other => other.profile_field(),
        })
    }
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
            assert_ne!(FR.field(f), "—", "{f}");
            assert_ne!(EN.field(f), "—", "{f}");
        }
        for (facet, codes) in [
            ("seniority", &SENIORITY_RANGES[..]),
            ("hours", &HOURS_RANGES[..]),
            ("language", &LANGUAGES[..]),
            ("sort", &DIRECTORY_SORTS[..]),
            ("visibility", &["members", "board", "private"][..]),
        ] {
            for c in codes {
                assert_ne!(FR.value(facet, c), *c, "{facet} {c}");
                assert_ne!(EN.value(facet, c), *c, "{facet} {c}");
            }
        }
        assert_eq!(
            (FR.since)("2020-01-01", Some(1)),
            "Membre depuis le 2020-01-01 (1 an)"
        );
        let counted: Vec<_> = [0, 1, 2].map(|n| (EN.import_group)(n, "no name")).into();
        assert_eq!(
            counted,
            ["0 rows — no name:", "1 row — no name:", "2 rows — no name:"]
        );
        assert_eq!(FR.value("open", "anything"), "Ouvert·e aux missions");
        assert_eq!(EN.value("region", "Étranger"), "Abroad");
        assert_eq!(FR.value("region", "Bretagne"), "Bretagne");
        assert_eq!(EN.import_target(ImportField::FirstName), "First name");
    }
}
