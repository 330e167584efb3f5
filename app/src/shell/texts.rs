//! Texts of the shell: header, home and not-found pages.

use crate::platform::i18n::texts;

texts! {
    pub struct ShellTexts {
        lang_switch: &'static str = ("English", "Français"),
        lang_switch_label: &'static str = (
            "Switch the interface to English",
            "Passer l'interface en français",
        ),
        app_name: &'static str = ("Portail des Shifters", "Shifters Portal"),
        skip_to_content: &'static str = ("Aller au contenu", "Skip to content"),
        nav_label: &'static str = ("Navigation principale", "Main navigation"),
        nav_home: &'static str = ("Accueil", "Home"),
        nav_directory: &'static str = ("Annuaire", "Directory"),
        nav_needs: &'static str = ("Besoins", "Needs"),
        nav_missions: &'static str = ("Missions", "Missions"),
        sign_out: &'static str = ("Se déconnecter", "Sign out"),
        footer: &'static str = (
            "The Shifters — l'intranet des bénévoles du Shift Project",
            "The Shifters — the intranet of the Shift Project's volunteers",
        ),
        retry: &'static str = ("Réessayer", "Try again"),
        home_greeting: fn(&str) -> String = (
            |name| format!("Bonjour {name}"),
            |name| format!("Hello {name}"),
        ),
        home_intro: &'static str = (
            "Retrouvez les Shifters, les besoins informatiques de l'association, les missions ouvertes et l'équipe support.",
            "Find fellow Shifters, the association's IT needs, open missions and the support team.",
        ),
        home_directory: &'static str = (
            "Trouver un Shifter par région, compétence ou domaine.",
            "Find a Shifter by region, skill or field.",
        ),
        home_needs: &'static str = (
            "Les besoins informatiques recensés et leur décision.",
            "The IT needs on record and their decisions.",
        ),
        home_missions: &'static str = (
            "Les fiches missions proposées, validées par le CA, ouvertes aux bénévoles.",
            "Mission cards proposed, approved by the board, open to volunteers.",
        ),
        home_support: &'static str = (
            "Demander l'aide de l'équipe informatique & web.",
            "Ask the IT & web team for help.",
        ),
        your_roles: &'static str = ("Vos rôles", "Your roles"),
        menu: &'static str = ("Menu", "Menu"),
        complete_profile: &'static str = ("Compléter mon profil", "Complete my profile"),
        not_found_title: &'static str = ("Page introuvable", "Page not found"),
        not_found_text: &'static str = (
            "Cette adresse ne correspond à aucune page du portail.",
            "This address matches no page of the portal.",
        ),
        back_home: &'static str = ("Retour à l'accueil", "Back to home"),
        reserved_title: &'static str = ("Page réservée", "Restricted page"),
        reserved_to: fn(&str) -> String = (
            |who| format!("Cette page est réservée à : {who}. Si vous pensez devoir y accéder, demandez-le à un administrateur."),
            |who| format!("This page is for: {who}. If you think you should reach it, ask an administrator."),
        ),
    }
}
