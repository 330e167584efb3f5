//! Texts of the notification centre, French first.

use crate::notifications::model::{Delivery, NotificationKind};
use crate::platform::i18n::texts;

texts! {
    pub struct NotificationTexts {
        title: &'static str = ("Notifications", "Notifications"),
        unread: fn(u64) -> String = (
            |n| match n {
                0 => "Tout est lu.".to_string(),
                1 => "1 notification non lue.".to_string(),
                n => format!("{n} notifications non lues."),
            },
            |n| match n {
                0 => "All read.".to_string(),
                1 => "1 unread notification.".to_string(),
                n => format!("{n} unread notifications."),
            },
        ),
        none: &'static str = (
            "Rien pour l'instant : le portail vous préviendra ici de ce qui vous concerne (candidatures, décisions du CA, besoins suivis, demandes de support).",
            "Nothing yet: the portal will tell you here what concerns you (applications, board decisions, needs you follow, support requests).",
        ),
        mark_all: &'static str = ("Tout marquer comme lu", "Mark all as read"),
        new_badge: &'static str = ("nouveau", "new"),
        prefs_title: &'static str = ("Comment être prévenu", "How to be told"),
        prefs_intro: &'static str = (
            "Pour chaque sujet, choisissez : seulement ici, un courriel tout de suite, ou un résumé par courriel chaque matin.",
            "For each subject, choose: only here, an e-mail at once, or an e-mail summary each morning.",
        ),
        prefs_save: &'static str = ("Enregistrer mes choix", "Save my choices"),
        prefs_saved: &'static str = ("Vos choix sont enregistrés.", "Your choices are saved."),
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
        /// "Here only" for the weekly selection: not sent at all.
        for_you_off: &'static str = ("Non merci", "No, thanks"),
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
