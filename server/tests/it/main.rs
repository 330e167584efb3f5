//! The integration tests, in one binary: each test file used to be a binary
//! of its own that linked the whole app again. Every test starts its own
//! portal on its own database, so the modules run side by side.

mod common;

mod accounts;
mod api;
mod cli;
mod cluster;
mod crash;
mod database;
mod directory;
mod exports;
mod imports;
mod languages;
mod mission_people;
mod missions;
mod needs;
mod notifications;
mod outbox;
mod security;
mod support;
mod trust;
