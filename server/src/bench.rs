//! `portal bench directory`: how long a directory search with its facet
//! counts takes on the server, over the database given (seed it first with
//! `portal seed --members 22000`). Each measure is the whole service call a
//! request makes: the version check (one read by record id), the search and
//! the facet counts, the page of cards. Run it on a release build.

use std::time::{Duration, Instant};

use app::directory::model::{Audience, DirectoryQuery};
use app::directory::services as directory;
use app::platform::db::Db;

/// Searches a member might make: text as typed, each filter, combinations,
/// sorts, deep pages, and a search that finds nobody.
fn queries(
    regions: &[String],
    domains: &[String],
    skills: &[String],
    groups: &[String],
) -> Vec<(&'static str, DirectoryQuery)> {
    let v = |list: &[String], i: usize| list.get(i).cloned().into_iter().collect::<Vec<_>>();
    let q = DirectoryQuery::default;
    vec![
        ("everyone", q()),
        (
            "text: d",
            DirectoryQuery {
                text: "d".into(),
                ..q()
            },
        ),
        (
            "text: dév",
            DirectoryQuery {
                text: "dév".into(),
                ..q()
            },
        ),
        (
            "text: developpement",
            DirectoryQuery {
                text: "developpement".into(),
                ..q()
            },
        ),
        (
            "text: gestion projet",
            DirectoryQuery {
                text: "gestion projet".into(),
                ..q()
            },
        ),
        (
            "text: nobody",
            DirectoryQuery {
                text: "astronaute".into(),
                ..q()
            },
        ),
        (
            "region",
            DirectoryQuery {
                region: v(regions, 0),
                ..q()
            },
        ),
        (
            "two regions",
            DirectoryQuery {
                region: [v(regions, 0), v(regions, 1)].concat(),
                ..q()
            },
        ),
        (
            "local group",
            DirectoryQuery {
                local_group: v(groups, 0),
                ..q()
            },
        ),
        (
            "domain",
            DirectoryQuery {
                domain: v(domains, 0),
                ..q()
            },
        ),
        (
            "skill",
            DirectoryQuery {
                skill: v(skills, 0),
                ..q()
            },
        ),
        (
            "seniority",
            DirectoryQuery {
                seniority: vec!["y3_5".into()],
                ..q()
            },
        ),
        (
            "hours",
            DirectoryQuery {
                hours: vec!["h10_20".into()],
                ..q()
            },
        ),
        ("open to missions", DirectoryQuery { open: true, ..q() }),
        (
            "language",
            DirectoryQuery {
                language: vec!["en".into()],
                ..q()
            },
        ),
        (
            "text + region + domain",
            DirectoryQuery {
                text: "data".into(),
                region: v(regions, 0),
                domain: v(domains, 1),
                ..q()
            },
        ),
        (
            "region + skill + language + open",
            DirectoryQuery {
                region: v(regions, 2),
                skill: v(skills, 1),
                language: vec!["es".into()],
                open: true,
                ..q()
            },
        ),
        (
            "every filter",
            DirectoryQuery {
                text: "ing".into(),
                region: [v(regions, 0), v(regions, 3)].concat(),
                domain: v(domains, 2),
                skill: v(skills, 2),
                seniority: vec!["y1_3".into(), "y3_5".into()],
                hours: vec!["h5_10".into(), "h10_20".into()],
                language: vec!["fr".into()],
                ..q()
            },
        ),
        (
            "sort: seniority",
            DirectoryQuery {
                sort: "seniority".into(),
                ..q()
            },
        ),
        (
            "sort: recent, page 400",
            DirectoryQuery {
                sort: "recent".into(),
                page: 400,
                ..q()
            },
        ),
        ("page 900", DirectoryQuery { page: 900, ..q() }),
    ]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// This process's resident memory in MiB (Linux), for the breakdown the
/// report gives: the store open, then the index built.
fn rss_mib() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or_else(|| "?".to_string(), |kb| (kb / 1024).to_string())
}

pub async fn directory(db: &Db, rounds: usize) -> anyhow::Result<()> {
    let before = rss_mib();
    let started = Instant::now();
    let snap = directory::snapshot(db).await?;
    let load = started.elapsed();
    let members = snap.len(Audience::Members);
    let values = |facet: &str| -> Vec<String> {
        snap.facet_values(Audience::Members, facet)
            .into_iter()
            .cloned()
            .collect()
    };
    let list = queries(
        &values("region"),
        &values("domain"),
        &values("skill"),
        &values("local_group"),
    );
    drop(snap);
    println!(
        "Directory: {members} members shown; first load of the index {} ms; resident memory {before} MiB with the store open, {} MiB with the index",
        ms(load),
        rss_mib()
    );
    println!();
    println!("| Search | Results (members' view) | p50 ms | p95 ms | p99 ms |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let mut all = Vec::new();
    for (name, query) in &list {
        let mut times = Vec::with_capacity(rounds * 2);
        let mut total = 0;
        for round in 0..rounds {
            for audience in [Audience::Members, Audience::Board] {
                let t = Instant::now();
                let found = directory::search(db, audience, query).await?;
                times.push(t.elapsed());
                if round == 0 && audience == Audience::Members {
                    total = found.total;
                }
            }
        }
        times.sort();
        println!(
            "| {name} | {total} | {} | {} | {} |",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            ms(percentile(&times, 0.99))
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "| **all {} searches** | | **{}** | **{}** | **{}** |",
        all.len(),
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.95)),
        ms(percentile(&all, 0.99))
    );

    // After a profile write, the next search reads the changed member again.
    let mut refresh = Vec::new();
    for i in 0..20 {
        db.query("UPDATE user:member_00001 SET hours_per_month = $h RETURN NONE")
            .bind(("h", 5 + i))
            .await?
            .check()?;
        let t = Instant::now();
        directory::search(db, Audience::Members, &DirectoryQuery::default()).await?;
        refresh.push(t.elapsed());
    }
    refresh.sort();
    println!();
    println!(
        "First search after a profile write (index refreshed): p50 {} ms, p95 {} ms",
        ms(percentile(&refresh, 0.5)),
        ms(percentile(&refresh, 0.95))
    );
    mixed(db).await
}

/// Writers at once, each saving one member's profile again and again.
const WRITERS: usize = 50;
const SAVES_EACH: usize = 20;
/// Members searching meanwhile, one search after another.
const READERS: usize = 4;

/// Fifty members saving their profiles while others search: the searches'
/// times during the writes, and how often a save had to be written again.
async fn mixed(db: &Db) -> anyhow::Result<()> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;

    let conflicts = Arc::new(AtomicUsize::new(0));
    let writing = Arc::new(AtomicBool::new(true));
    let started = Instant::now();
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (db, conflicts) = (db.clone(), conflicts.clone());
            tokio::spawn(async move {
                let key = format!("member_{:05}", 100 + w);
                for n in 0..SAVES_EACH {
                    // What a profile form sends: the hours and a bio with a word of its own.
                    loop {
                        let saved = db
                            .query("UPDATE type::record('user', $key) SET hours_per_month = $h, bio = $bio RETURN NONE")
                            .bind(("key", key.clone()))
                            .bind(("h", (n % 40) as i64))
                            .bind(("bio", format!("Disponible, mot{w}x{n}")))
                            .await
                            .and_then(|r| r.check());
                        match saved.map_err(app::platform::error::AppError::from) {
                            Ok(_) => break,
                            Err(app::platform::error::AppError::WriteConflict { .. }) => {
                                conflicts.fetch_add(1, Ordering::Relaxed);
                            }
                            Err(err) => anyhow::bail!("a save failed: {err:?}"),
                        }
                    }
                }
                Ok(())
            })
        })
        .collect();
    let readers: Vec<_> = (0..READERS)
        .map(|r| {
            let (db, writing) = (db.clone(), writing.clone());
            tokio::spawn(async move {
                let query = DirectoryQuery {
                    text: ["", "d", "gestion", ""][r].into(),
                    sort: ["", "", "", "recent"][r].into(),
                    ..DirectoryQuery::default()
                };
                let mut times = Vec::new();
                while writing.load(Ordering::Relaxed) {
                    let t = Instant::now();
                    directory::search(&db, Audience::Members, &query).await?;
                    times.push(t.elapsed());
                }
                anyhow::Ok(times)
            })
        })
        .collect();
    for w in writers {
        w.await??;
    }
    let took = started.elapsed();
    writing.store(false, Ordering::Relaxed);
    let mut times = Vec::new();
    for r in readers {
        times.extend(r.await??);
    }
    times.sort();
    println!();
    println!(
        "Mixed run: {WRITERS} members saving their profile {SAVES_EACH} times each ({} saves in {:.1} s, {} written again after a conflict) while {READERS} members search: {} searches, p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
        WRITERS * SAVES_EACH,
        took.as_secs_f64(),
        conflicts.load(Ordering::Relaxed),
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
    );
    println!("Resident memory after the runs: {} MiB", rss_mib());
    Ok(())
}
