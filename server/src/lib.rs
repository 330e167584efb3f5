//! The Shifters Portal server: database access, migrations, demo data,
//! backups and the HTTP service. `main.rs` is only the command line.

pub mod backup;
pub mod bench;
pub mod db;
pub mod exports;
pub mod http;
pub mod listen;
pub mod live;
pub mod mail;
pub mod migrate;
pub mod photos;
pub mod respond;
pub mod secret_key;
pub mod seed;
