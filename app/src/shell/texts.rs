//! Texts of the shell: header, home and not-found pages.
//! The texts are in `texts.toml`; here, their arguments and
//! the texts that need code.

use crate::platform::i18n::texts;

texts! {
    pub struct ShellTexts from "src/shell/texts.toml" {
        home_greeting(name: &str),
        reserved_to(who: &str),
    }
}
