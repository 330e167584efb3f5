//! Browser entry point (`csr`; built and split by scripts/wasm-split.sh).
fn main() {
    app::platform::crash::show_notice_on_panic();
    leptos::mount::mount_to_body(app::App);
}
