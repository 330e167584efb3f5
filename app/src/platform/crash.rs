//! When the app stops (an area's code could not be fetched because the
//! connection dropped, or a bug), the page says so and offers a reload
//! instead of freezing without a word. Plain DOM: the app itself is gone.

/// The notice, in both languages (the chosen one lives in the stopped app).
/// `href=""` reloads the current address (`rel="external"`: the stopped
/// router must leave the click to the browser); saved work is on the server,
/// and mission drafts are also kept in the browser.
const NOTICE: &str = r#"<div class="alert error crash-notice" role="alert">
<p>Le portail s'est interrompu : une partie de la page n'a pas pu être chargée (la connexion a peut-être été coupée). Ce qui était enregistré n'est pas perdu. <a href="" rel="external">Recharger la page</a></p>
<p lang="en">The portal stopped: part of the page could not be loaded (the connection may have dropped). Nothing saved is lost. <a href="" rel="external">Reload the page</a></p>
</div>"#;

/// Installs the panic hook: the message to the console, the notice on the page.
pub fn show_notice_on_panic() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        // Once: the stopped app can panic again on later events.
        if let (Ok(None), Ok(Some(body))) = (
            document.query_selector(".crash-notice"),
            document.query_selector("body"),
        ) {
            let _ = body.insert_adjacent_html("afterbegin", NOTICE);
        }
    }));
}
