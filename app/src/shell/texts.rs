//! Texts of the shell: header, home and not-found pages.
//! The plain ones are in `texts.toml`, those made from values here.

use crate::platform::i18n::texts;

texts! {
    pub struct ShellTexts from "src/shell/texts.toml" {
        home_greeting: fn(&str) -> String = (
            |name| format!("Bonjour {name}"),
            |name| format!("Hello {name}"),
        ),
        reserved_to: fn(&str) -> String = (
            |who| format!("Cette page est réservée à : {who}. Si vous pensez devoir y accéder, demandez-le à un administrateur."),
            |who| format!("This page is for: {who}. If you think you should reach it, ask an administrator."),
        ),
    }
}
