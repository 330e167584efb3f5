//! Browser entry point (built by Trunk with the `csr` feature).
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
