//! Browser entry point of the staff bundle (built by Trunk from staff.html).
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::shell::StaffApp);
}
