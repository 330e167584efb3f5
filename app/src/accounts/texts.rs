//! Texts of accounts: sign-in, one-time links, one's account, administration.

use crate::platform::i18n::texts;

texts! {
    pub struct AccountTexts {
        login_title: &'static str = ("Connexion", "Sign in"),
        login_intro: &'static str = (
            "L'intranet est réservé aux membres des Shifters. Connectez-vous avec l'adresse e-mail de votre invitation.",
            "This intranet is for members of The Shifters. Sign in with the e-mail address of your invitation.",
        ),
        sign_in: &'static str = ("Se connecter", "Sign in"),
        signing_in: &'static str = ("Connexion…", "Signing in…"),
        nav_account: &'static str = ("Mon compte", "My account"),
        totp_code: &'static str = ("Code à 6 chiffres", "6-digit code"),
        admin_users: &'static str = ("Comptes", "Accounts"),
        admin_audit: &'static str = ("Journal d'audit", "Audit log"),
        admin_settings: &'static str = ("Réglages", "Settings"),
        invite_title: &'static str = ("Inviter une personne", "Invite someone"),
        invite_submit: &'static str = ("Créer l'invitation", "Create the invitation"),
        link_to_send: &'static str = (
            "Lien à transmettre (usage unique, expire le {}) :",
            "Link to send (single use, expires {}):",
        ),
        link_mailed: &'static str = (
            "Le lien a aussi été envoyé par e-mail.",
            "The link was also sent by e-mail.",
        ),
        search_accounts: &'static str = ("Rechercher un compte", "Search an account"),
        any_state: &'static str = ("Tous les états", "Any state"),
        any_role: &'static str = ("Tous les rôles", "Any role"),
        filter_role: &'static str = ("Rôle", "Role"),
        filter_local_group: &'static str = ("Groupe local", "Local group"),
        accounts_found: fn(u64) -> String = (
            |n| format!("{n} compte(s)"),
            |n| format!("{n} account(s)"),
        ),
        bulk_title: &'static str = ("Inviter ces comptes", "Invite these accounts"),
        bulk_intro: &'static str = (
            "Les comptes filtrés ci-dessous (ceux qui peuvent se connecter) reçoivent un e-mail avec un lien pour choisir leur mot de passe, valable 7 jours.",
            "The accounts filtered below (those that can sign in) get an e-mail with a link to choose their password, valid 7 days.",
        ),
        bulk_prepare: &'static str = ("Préparer l'envoi…", "Prepare the sending…"),
        bulk_plan: fn(u64, u64, u64) -> String = (
            |matching, recent, send| format!("{matching} compte(s) correspondent, dont {recent} invité(s) depuis moins de 7 jours. {send} invitation(s) partiront."),
            |matching, recent, send| format!("{matching} account(s) match, {recent} of them invited in the last 7 days. {send} invitation(s) will leave."),
        ),
        bulk_pace: fn(u32, u64) -> String = (
            |rate, minutes| format!("Rythme : {rate} par minute, environ {minutes} min en tout."),
            |rate, minutes| format!("Pace: {rate} a minute, about {minutes} min in all."),
        ),
        bulk_again: &'static str = (
            "Inviter aussi ceux invités depuis moins de 7 jours",
            "Also invite those invited in the last 7 days",
        ),
        bulk_send: fn(u64) -> String = (
            |n| format!("Envoyer {n} invitation(s)"),
            |n| format!("Send {n} invitation(s)"),
        ),
        bulk_progress: fn(u64, u64, u64, u64) -> String = (
            |sent, total, failed, pending| format!("{sent} envoyée(s) sur {total}, {failed} en échec, {pending} en attente."),
            |sent, total, failed, pending| format!("{sent} of {total} sent, {failed} failed, {pending} waiting."),
        ),
        bulk_done: &'static str = ("Envoi terminé.", "Sending finished."),
        bulk_failures: &'static str = ("Adresses non jointes", "Addresses not reached"),
        undelivered_title: &'static str = ("Messages non remis", "Undelivered messages"),
        undelivered_none: &'static str = ("Aucun message en échec.", "No failed message."),
        send_again: &'static str = ("Renvoyer", "Send again"),
        col_error: &'static str = ("Erreur", "Error"),
        col_target: &'static str = ("Destinataire", "Recipient"),
        state_never_signed_in: &'static str = ("Jamais connecté", "Never signed in"),
        state_invited: &'static str = ("Lien envoyé", "Link sent"),
        state_active: &'static str = ("Actif", "Active"),
        state_deactivated: &'static str = ("Désactivé", "Deactivated"),
        deactivate: &'static str = ("Désactiver", "Deactivate"),
        reactivate: &'static str = ("Réactiver", "Reactivate"),
        reset_link: &'static str = ("Lien de réinitialisation", "Reset link"),
        save_roles: &'static str = ("Enregistrer les rôles", "Save roles"),
        all_actions: &'static str = ("Toutes les actions", "All actions"),
        audit_text: &'static str = ("Compte ou cible", "Account or target"),
        audit_from: &'static str = ("Du", "From"),
        activation_link: &'static str = ("Activation des comptes", "Account activation"),
        activation_title: &'static str = (
            "Activation des comptes par région et groupe local",
            "Account activation by region and local group",
        ),
        activation_help: &'static str = (
            "Un compte est activé quand son membre s'est connecté au moins une fois (après avoir choisi son mot de passe). Les comptes désactivés ne comptent pas.",
            "An account is activated once its member has signed in at least once (after choosing a password). Deactivated accounts do not count.",
        ),
        activation_total: fn(u64, u64) -> String = (
            |done, all| format!("{done} comptes activés sur {all}"),
            |done, all| format!("{done} of {all} accounts activated"),
        ),
        activation_place: &'static str = ("Région / groupe local", "Region / local group"),
        activation_accounts: &'static str = ("Comptes", "Accounts"),
        activation_activated: &'static str = ("Activés", "Activated"),
        activation_share: &'static str = ("Part", "Share"),
        activation_no_region: &'static str = ("Sans région", "No region"),
        activation_no_group: &'static str = ("Sans groupe local", "No local group"),
        audit_to: &'static str = ("Au (inclus)", "To (included)"),
        audit_found: fn(u64) -> String = (
            |n| format!("{n} entrée(s)"),
            |n| format!("{n} entry(ies)"),
        ),
        require_totp_setting: &'static str = (
            "Exiger la double authentification pour les comptes administrateur et CA",
            "Require two-factor authentication for admin and board accounts",
        ),
        private_webhooks_setting: &'static str = (
            "Autoriser les webhooks vers le réseau interne (un relais de l'association sur son propre réseau)",
            "Allow webhooks to the internal network (a relay on the association's own network)",
        ),
        invitations_rate_setting: &'static str = (
            "Invitations groupées envoyées par minute",
            "Bulk invitations sent per minute",
        ),
        reserve_export_setting: &'static str = (
            "Réserver l'export de tout l'annuaire au CA et aux administrateurs (les membres exportent une recherche filtrée)",
            "Reserve the whole-directory export to the board and administrators (members export a filtered search)",
        ),
        invitation_title: &'static str = ("Bienvenue chez les Shifters", "Welcome to The Shifters"),
        invitation_intro: &'static str = (
            "Choisissez votre mot de passe (12 caractères au moins) pour activer votre compte.",
            "Choose your password (at least 12 characters) to activate your account.",
        ),
        new_password: &'static str = ("Nouveau mot de passe", "New password"),
        confirm_password: &'static str = ("Confirmer le mot de passe", "Confirm the password"),
        activate_account: &'static str = ("Activer mon compte", "Activate my account"),
        reset_title: &'static str = ("Choisir un nouveau mot de passe", "Choose a new password"),
        reset_intro: &'static str = (
            "Ce lien ne sert qu'une fois. Choisissez un mot de passe de 12 caractères au moins.",
            "This link works once. Choose a password of at least 12 characters.",
        ),
        reset_done: &'static str = (
            "Mot de passe changé. Vous pouvez vous connecter.",
            "Password changed. You can sign in.",
        ),
        go_sign_in: &'static str = ("Aller à la connexion", "Go to sign-in"),
        change_password_title: &'static str = ("Changer de mot de passe", "Change password"),
        current_password: &'static str = ("Mot de passe actuel", "Current password"),
        access_link: &'static str = (
            "Première connexion ou mot de passe oublié ?",
            "First sign-in or forgotten password?",
        ),
        access_title: &'static str = ("Choisir mon mot de passe", "Choose my password"),
        access_intro: &'static str = (
            "Indiquez l'adresse e-mail de votre adhésion : nous vous envoyons un lien, valable 24 heures, pour choisir votre mot de passe.",
            "Give the e-mail address of your membership: we send you a link, valid for 24 hours, to choose your password.",
        ),
        access_send: &'static str = ("Recevoir le lien", "Send me the link"),
        access_sent: &'static str = (
            "C'est noté. Si un compte existe pour cette adresse, un e-mail avec le lien vient de partir : pensez à regarder dans les indésirables. Sans e-mail d'ici quelques minutes, écrivez au support informatique de votre groupe.",
            "Done. If an account exists for this address, an e-mail with the link is on its way: check your spam folder too. No e-mail within a few minutes? Write to your group's IT support.",
        ),
        back_to_sign_in: &'static str = ("Retour à la connexion", "Back to sign-in"),
        password_changed: &'static str = ("Mot de passe changé.", "Password changed."),
        sign_out_others: &'static str = (
            "Déconnecter mes autres sessions (autres appareils et navigateurs)",
            "Sign me out everywhere else (other devices and browsers)",
        ),
        totp_title: &'static str = ("Double authentification", "Two-factor authentication"),
        totp_off_text: &'static str = (
            "Protégez votre compte : à chaque connexion, un code de votre application d'authentification vous sera demandé.",
            "Protect your account: each sign-in will ask for a code from your authenticator app.",
        ),
        totp_on_text: &'static str = (
            "La double authentification est active sur votre compte.",
            "Two-factor authentication is on for your account.",
        ),
        totp_start: &'static str = (
            "Activer la double authentification",
            "Turn on two-factor authentication",
        ),
        totp_secret_help: &'static str = (
            "Ajoutez le compte dans votre application d'authentification avec cette clé, puis saisissez le code affiché :",
            "Add the account to your authenticator app with this key, then enter the code it shows:",
        ),
        totp_confirm: &'static str = ("Confirmer", "Confirm"),
        totp_disable: &'static str = (
            "Désactiver la double authentification",
            "Turn off two-factor authentication",
        ),
        totp_open_app: &'static str = (
            "Ouvrir dans l'application d'authentification",
            "Open in the authenticator app",
        ),
    }
}
