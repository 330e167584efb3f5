//! Labels of the stored codes (roles, statuses, priorities, categories…),
//! French and English side by side. An unknown code shows a dash (a test
//! checks that every stored code has a label).

use super::i18n::{texts, Lang, Localized};

texts! {
    struct Labels from "src/platform/labels.toml"
}

/// The label of a stored code in `lang`.
pub fn label(lang: Lang, code: &str) -> &'static str {
    (Labels::of(lang).label)(code).unwrap_or("—")
}

pub fn label_fr(code: &str) -> &'static str {
    label(Lang::Fr, code)
}

pub fn label_en(code: &str) -> &'static str {
    label(Lang::En, code)
}

/// Every stored code that the interface shows through a label.
pub const ALL_CODES: &[&str] = &[
    "member",
    "pilot",
    "referent",
    "board",
    "admin",
    "must",
    "should",
    "could",
    "wont",
    "new",
    "in_analysis",
    "solution_proposed",
    "submitted",
    "accepted",
    "rejected",
    "to_rework",
    "deploying",
    "deployed",
    "draft",
    "changes_requested",
    "approved",
    "active",
    "completed",
    "archived",
    "mission_shifter",
    "pilotage_shifters",
    "working_group",
    "mission",
    "other",
    "internal_communication",
    "collaboration",
    "forms",
    "website",
    "data",
    "security",
    "hosting",
    "firefighter",
    "communication_web",
    "it_tools",
    "data_portal",
    "advice",
    "low",
    "normal",
    "high",
    "critical",
    "taken",
    "in_progress",
    "waiting",
    "resolved",
    "closed",
    // support
    "age_day",
    "age_week",
    "age_month",
    "age_older",
    "webhook",
    "email",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_label_in_both_languages() {
        for code in ALL_CODES
            .iter()
            .chain(crate::accounts::model::AUDIT_ACTIONS.iter())
            // needs
            .chain(crate::needs::model::ComponentStatus::CODES)
            .chain(crate::needs::model::FlagProblem::CODES)
            .chain(crate::needs::model::NeedStatus::CODES)
            .chain(crate::needs::model::NeedPriority::CODES)
            .chain(crate::needs::model::NeedOrigin::CODES)
            .chain(crate::needs::model::SolutionStatus::CODES)
            .chain(crate::platform::codes::Urgency::CODES)
            .chain(crate::needs::model::NEEDS_AUDIT_ACTIONS.iter())
            .chain(crate::missions::model::MISSION_CODES.iter())
            .chain(crate::missions::model::ApplicationStatus::CODES)
            .chain(crate::missions::model::MissionDecision::CODES)
            .chain(crate::missions::model::MissionEventKind::CODES)
        {
            assert_ne!(label_fr(code), "—", "no French label for {code}");
            assert_ne!(label_en(code), "—", "no English label for {code}");
        }
    }
}
