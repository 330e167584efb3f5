//! The administrators' view of the accounts: the filtered, paged list and
//! the roll-out's activation by region and local group.

use serde::Deserialize;

use crate::accounts::model::{AccountQuery, AccountState, Activation, ActivationReport, Role, UserSummary};
use crate::platform::db::{count, rows, Db};
use crate::platform::error::AppError;
use crate::platform::page::Page;

pub const USERS_PER_PAGE: u64 = 50;

#[derive(Deserialize)]
struct UserSummaryRow {
    id: String,
    email: String,
    display_name: String,
    roles: Vec<String>,
    active: bool,
    totp_enabled: Option<bool>,
    state: AccountState,
    region: Option<String>,
    local_group: Option<String>,
}

/// An account's state, from its own fields (no join, so that 22,000
/// accounts are filtered in one pass): never signed in, invited (a link
/// to choose a password is out), active, deactivated.
const STATE: &str = "(IF active = false THEN 'deactivated'
     ELSE IF last_sign_in_at != NONE THEN 'active'
     ELSE IF link_expires_at > time::now() THEN 'invited'
     ELSE 'never_signed_in' END)";

/// The administrators' filters on `user`; the absent ones match everything.
pub(crate) fn account_filter() -> String {
    format!(
        "($text = NONE OR string::contains(email, $text)
            OR string::contains(string::lowercase(display_name), $text))
        AND ($role = NONE OR roles CONTAINS $role)
        AND ($region = NONE OR string::lowercase(region ?? '') = $region)
        AND ($group = NONE OR string::lowercase(local_group ?? '') = $group)
        AND ($state = NONE OR {STATE} = $state)"
    )
}

/// Binds the values `account_filter` reads.
pub(crate) fn bind_filters<'r>(
    q: surrealdb::method::Query<'r, surrealdb::engine::any::Any>,
    query: &AccountQuery,
) -> surrealdb::method::Query<'r, surrealdb::engine::any::Any> {
    let lower = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase)
    };
    q.bind(("text", lower(&query.text)))
        .bind(("role", query.role.map(Role::code)))
        .bind(("region", lower(&query.region)))
        .bind(("group", lower(&query.local_group)))
        .bind(("state", query.state.map(AccountState::code)))
}

/// Every account (imported ones included) matching `query`, by address,
/// one page at a time. Every value is bound; the filters that are absent
/// match everything.
pub async fn list_users(
    db: &Db,
    query: &AccountQuery,
    page: Option<u64>,
) -> Result<Page<UserSummary>, AppError> {
    let page = page.unwrap_or(1).max(1);
    let filter = account_filter();
    let mut resp = bind_filters(
        db.query(format!(
            "SELECT record::id(id) AS id, email, display_name, roles, active, totp_enabled, region, local_group,
                 {STATE} AS state
             FROM user WHERE {filter} ORDER BY email LIMIT $limit START $start;
             SELECT count() AS n FROM user WHERE {filter} GROUP ALL;"
        )),
        query,
    )
    .bind(("limit", USERS_PER_PAGE as i64))
    .bind(("start", ((page - 1) * USERS_PER_PAGE) as i64))
    .await?
    .check()?;
    let items = rows::<UserSummaryRow>(&mut resp, 0)?
        .into_iter()
        .map(|r| UserSummary {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            roles: r.roles.iter().filter_map(|c| Role::from_code(c)).collect(),
            active: r.active,
            totp_enabled: r.totp_enabled.unwrap_or(false),
            state: r.state,
            region: r.region,
            local_group: r.local_group,
        })
        .collect();
    Ok(Page {
        items,
        total: count(&mut resp, 1)?,
        page,
        per_page: USERS_PER_PAGE,
    })
}

/// Per region and local group, the accounts that can sign in and those that
/// did at least once (the imported members who chose their password).
pub async fn activation(db: &Db) -> Result<ActivationReport, AppError> {
    #[derive(Deserialize)]
    struct Row {
        region: Option<String>,
        local_group: Option<String>,
        accounts: u64,
        activated: u64,
    }
    let mut resp = db
        .query(
            "SELECT region, local_group, count() AS accounts, count(last_sign_in_at != NONE) AS activated
             FROM user WHERE active = true GROUP BY region, local_group",
        )
        .await?
        .check()?;
    let mut groups = rows::<Row>(&mut resp, 0)?;
    // Named regions and groups first, alphabetically; the unnamed after them.
    let key = |v: &Option<String>| (v.is_none(), v.clone());
    groups.sort_by_key(|r| (key(&r.region), key(&r.local_group)));
    Ok(ActivationReport::from_groups(groups.into_iter().map(|r| {
        let counts = Activation {
            accounts: r.accounts,
            activated: r.activated,
        };
        (r.region, r.local_group, counts)
    })))
}
