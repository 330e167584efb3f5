//! Texts of the missions area (cards, review, applications), French first.
//! The texts are in `texts.toml`; here, their arguments and
//! the texts that need code.

use crate::platform::i18n::texts;

texts! {
    pub struct MissionTexts from "src/missions/texts.toml" {
        places_left(n: u32),
        waiting(d: i64),
        remove_pilot(n: &str),
    }
}

impl MissionTexts {
    /// The label of a card's field ("—" for an unknown one).
    pub fn field_name(&self, field: &str) -> &'static str {
        (self.field_label)(field).unwrap_or("—")
    }
}
