//! Labels of the stored codes (roles, statuses, priorities, categories…),
//! French and English side by side. An unknown code shows a dash (a test
//! checks that every stored code has a label).

use super::i18n::Lang;

/// (code, French, English).
const LABELS: &[(&str, &str, &str)] = &[
    ("member", "Membre", "Member"),
    ("pilot", "Pilote", "Pilot"),
    ("referent", "Référent support", "Support referent"),
    ("board", "CA", "Board"),
    ("admin", "Administrateur", "Administrator"),
    ("must", "Indispensable", "Must"),
    ("should", "Important", "Should"),
    ("could", "Souhaitable", "Could"),
    ("wont", "Pas maintenant", "Won't"),
    ("new", "Nouveau", "New"),
    ("in_analysis", "En analyse", "In analysis"),
    ("solution_proposed", "Solution proposée", "Solution proposed"),
    ("submitted", "Soumis au CA", "Submitted to the board"),
    ("accepted", "Accepté", "Accepted"),
    ("rejected", "Refusé", "Rejected"),
    ("to_rework", "À retravailler", "To rework"),
    ("deploying", "En déploiement", "Being deployed"),
    ("deployed", "Déployé", "Deployed"),
    ("draft", "Brouillon", "Draft"),
    (
        "changes_requested",
        "Modifications demandées",
        "Changes requested",
    ),
    ("approved", "Validée", "Approved"),
    ("active", "En cours", "Active"),
    ("completed", "Terminée", "Completed"),
    ("archived", "Archivée", "Archived"),
    ("mission_shifter", "Mission Shifter", "Mission Shifter"),
    ("pilotage_shifters", "Pilotage Shifters", "Pilotage Shifters"),
    ("working_group", "Groupe de travail", "Working group"),
    ("mission", "Mission", "Mission"),
    ("other", "Autre", "Other"),
    (
        "internal_communication",
        "Communication interne",
        "Internal communication",
    ),
    (
        "collaboration",
        "Collaboration et fichiers",
        "Collaboration and files",
    ),
    ("forms", "Formulaires et sondages", "Forms and surveys"),
    (
        "website",
        "Site web et réseaux sociaux",
        "Website and social media",
    ),
    ("data", "Données", "Data"),
    ("security", "Sécurité", "Security"),
    ("hosting", "Hébergement", "Hosting"),
    ("firefighter", "Urgence « pompiers »", "\"Firefighter\" emergency"),
    ("communication_web", "Communication & web", "Communication & web"),
    ("it_tools", "Outils informatiques", "IT tools"),
    ("data_portal", "Data-portal", "Data portal"),
    ("advice", "Conseil", "Advice"),
    ("low", "Faible", "Low"),
    ("normal", "Normale", "Normal"),
    ("high", "Haute", "High"),
    ("critical", "Critique", "Critical"),
    ("taken", "Prise en charge", "Taken"),
    ("in_progress", "En cours", "In progress"),
    ("waiting", "En attente de vous", "Waiting for you"),
    ("resolved", "Résolue", "Resolved"),
    ("closed", "Close", "Closed"),
    ("login", "Connexion", "Sign-in"),
    ("login_failed", "Échec de connexion", "Failed sign-in"),
    ("logout", "Déconnexion", "Sign-out"),
    ("invitation", "Invitation", "Invitation"),
    (
        "invitation_accepted",
        "Invitation acceptée",
        "Invitation accepted",
    ),
    ("roles_changed", "Rôles modifiés", "Roles changed"),
    ("deactivated", "Compte désactivé", "Account deactivated"),
    ("reactivated", "Compte réactivé", "Account reactivated"),
    ("password_changed", "Mot de passe changé", "Password changed"),
    ("reset_link", "Lien de réinitialisation", "Reset link"),
    ("invitations_sent", "Invitations groupées", "Bulk invitations"),
    ("message_sent_again", "Message renvoyé", "Message sent again"),
    (
        "totp_enabled",
        "Double authentification activée",
        "Two-factor turned on",
    ),
    (
        "totp_disabled",
        "Double authentification désactivée",
        "Two-factor turned off",
    ),
    ("settings_changed", "Réglages modifiés", "Settings changed"),
    ("adopted", "Adopté", "Adopted"),
    ("trial", "À l'essai", "On trial"),
    ("retired", "Retiré", "Retired"),
    ("refused", "Refusé", "Refused"),
    ("unknown_tool", "Absent du catalogue", "Not in the catalogue"),
    (
        "need_status_changed",
        "Statut d'un besoin changé",
        "Need status changed",
    ),
    ("need_merged", "Besoins fusionnés", "Needs merged"),
    (
        "solution_submitted",
        "Solution soumise au CA",
        "Solution submitted to the board",
    ),
    (
        "solution_decided",
        "Décision du CA sur une solution",
        "Board decision on a solution",
    ),
    ("component_saved", "Composant enregistré", "Component saved"),
    ("category_saved", "Catégorie enregistrée", "Category saved"),
    ("copilot", "Co-pilote", "Co-pilot"),
    ("contributor", "Contributeur·rice", "Contributor"),
    ("light", "Léger (< 2 h/sem)", "Light (< 2 h/week)"),
    ("regular", "Régulier (2 à 5 h/sem)", "Regular (2 to 5 h/week)"),
    ("strong", "Soutenu (> 5 h/sem)", "Sustained (> 5 h/week)"),
    ("pending", "En attente", "Pending"),
    ("declined", "Déclinée", "Declined"),
    ("created", "Fiche créée", "Card created"),
    ("comment", "Commentaire", "Comment"),
    ("progress", "Point d'avancement", "Progress update"),
    ("referent_named", "Référent CA nommé", "Board referent named"),
    ("referent_removed", "Référent CA retiré", "Board referent removed"),
    ("member_joined", "Arrivée dans l'équipe", "Joined the team"),
    (
        "pilot_named",
        "Pilote nommé par le CA",
        "Pilot named by the board",
    ),
    (
        "pilot_removed",
        "Pilote retiré par le CA",
        "Pilot removed by the board",
    ),
    ("removed", "Retiré·e", "Removed"),
    (
        "mission_decision",
        "Décision sur une mission",
        "Decision on a mission",
    ),
    (
        "mission_referent",
        "Référent CA d'une mission",
        "Board referent of a mission",
    ),
    ("mission_team", "Équipe d'une mission", "Team of a mission"),
    (
        "support_assigned",
        "Demande de support attribuée",
        "Support request assigned",
    ),
    (
        "support_status_changed",
        "Statut de demande de support modifié",
        "Support request status changed",
    ),
    (
        "support_settings_changed",
        "Réglages du support modifiés",
        "Support settings changed",
    ),
    ("age_day", "Moins d'un jour", "Under a day"),
    ("age_week", "1 à 7 jours", "1 to 7 days"),
    ("age_month", "1 à 4 semaines", "1 to 4 weeks"),
    ("age_older", "Plus d'un mois", "Over a month"),
    ("webhook", "Webhook", "Webhook"),
    ("email", "E-mail", "E-mail"),
    ("directory_left", "A quitté l'annuaire", "Left the directory"),
    ("directory_joined", "A rejoint l'annuaire", "Joined the directory"),
    ("deletion_requested", "Effacement demandé", "Erasure requested"),
    ("member_erased", "Membre effacé", "Member erased"),
    ("domain_added", "Domaine ajouté", "Domain added"),
    ("domain_removed", "Domaine retiré", "Domain removed"),
    ("members_imported", "Membres importés", "Members imported"),
    ("directory_exported", "Annuaire exporté", "Directory exported"),
];

/// The label of a stored code in `lang`.
pub fn label(lang: Lang, code: &str) -> &'static str {
    LABELS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or("—", |(_, fr, en)| match lang {
            Lang::Fr => fr,
            Lang::En => en,
        })
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
