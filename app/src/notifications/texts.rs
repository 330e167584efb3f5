//! Texts of the notification centre, French first.
//! The texts are in `texts.toml`; here, their arguments and
//! the texts that need code.

use crate::notifications::model::{Delivery, NotificationKind};
use crate::platform::i18n::texts;

texts! {
    pub struct NotificationTexts from "src/notifications/texts.toml" {
        unread(n: u64),
        kind: fn(NotificationKind) -> &'static str = (
            |k| match k {
                NotificationKind::Review => "Fiches et solutions à examiner par le CA",
                NotificationKind::Missions => "Missions : candidatures et réponses",
                NotificationKind::Decisions => "Décisions et commentaires du CA sur vos propositions",
                NotificationKind::Needs => "Besoins que vous avez exprimés ou soutenus",
                NotificationKind::Support => "Vos demandes de support",
                NotificationKind::SupportTeam => "Demandes de support confiées, relancées ou en retard",
                NotificationKind::ForYou => "Chaque lundi, les nouvelles missions qui vous correspondent",
            },
            |k| match k {
                NotificationKind::Review => "Cards and solutions for the board to review",
                NotificationKind::Missions => "Missions: applications and answers",
                NotificationKind::Decisions => "Board decisions and comments on your proposals",
                NotificationKind::Needs => "Needs you raised or support",
                NotificationKind::Support => "Your support requests",
                NotificationKind::SupportTeam => "Support requests handed to you, answered or late",
                NotificationKind::ForYou => "Each Monday, the new missions that fit you",
            },
        ),
        delivery: fn(Delivery) -> &'static str = (
            |d| match d {
                Delivery::Portal => "Ici seulement",
                Delivery::Mail => "Courriel tout de suite",
                Delivery::Digest => "Résumé du matin",
            },
            |d| match d {
                Delivery::Portal => "Here only",
                Delivery::Mail => "E-mail at once",
                Delivery::Digest => "Morning summary",
            },
        ),
    }
}
