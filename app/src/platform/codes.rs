//! Closed sets of stored codes (statuses, kinds, priorities, urgencies,
//! channels) as enums. Each variant's serde name is its code (the snake_case
//! of its name), so the wire and the database keep the strings they always
//! had; the interface shows a code through its label (`platform::labels`).

/// Declares a closed set: `pub enum Status { New, InAnalysis }` gives the
/// enum (serde names = codes, `new` and `in_analysis`), `ALL`, `CODES`,
/// `code()` and `from_code()` (see the macro's documentation).
pub(crate) use app_macros::code_enum;

code_enum! {
    /// How urgent something is, as the member who raises it says (support
    /// requests and needs share the scale).
    pub enum Urgency { Low, Normal, High, Critical }
}

#[cfg(test)]
mod tests {
    use crate::needs::model::NeedStatus;

    #[test]
    fn codes_are_the_snake_case_of_the_variants() {
        assert_eq!(NeedStatus::InAnalysis.code(), "in_analysis");
        assert_eq!(NeedStatus::from_code("to_rework"), Some(NeedStatus::ToRework));
        assert_eq!(
            serde_json::to_string(&NeedStatus::SolutionProposed).unwrap(),
            "\"solution_proposed\""
        );
        assert_eq!(NeedStatus::CODES[0], "new");
    }
}
