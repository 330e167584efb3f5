//! `surreal start …`: the community SurrealDB server with only the storage
//! engines the portal's tests and small deployments need.
fn main() -> std::process::ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
