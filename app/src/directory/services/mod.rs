//! The directory on the server: members as read for the directory, the
//! in-memory index and its freshness, search and facets, exports, profiles,
//! photos, the import.

pub mod columns;
pub mod export;
pub mod import;
pub mod index;
pub mod members;
pub mod person;
pub mod photos;
pub mod profiles;
pub mod search;

pub use export::{Export, CSV_COLUMNS, OUTLOOK_COLUMNS};
pub use index::{load_person, snapshot, Snapshot};
pub use person::{parse_date, today, Person, PERSON_FIELDS, PER_PAGE};
pub use search::{audience_of, check_query, member_page, search, search_in};
