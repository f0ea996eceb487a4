//! Tables of the money side: contributions, FX rates, the ledger, plans, disbursements,
//! project facts, and the sums that derive balances from ledger lines.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

use crate::domain::ledger::{Account, EntryContent, Line, MovementKind, StoredEntry, ledger_time};

macro_rules! entity {
    ($module:ident, $table:literal, { $($(#[$meta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        pub mod $module {
            use sea_orm::entity::prelude::*;

            #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
            #[sea_orm(table_name = $table)]
            pub struct Model {
                $($(#[$meta])* pub $field: $ty,)*
            }

            #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
            pub enum Relation {}

            impl ActiveModelBehavior for ActiveModel {}
        }
    };
}

entity!(contributions, "contributions", {
    #[sea_orm(primary_key, auto_increment = false)] id: Uuid,
    donor_id: Uuid,
    status: String,
    currency: String,
    pledged_minor: i64,
    earmark_kind: String,
    earmark: String,
    received_minor: Option<i64>,
    fx_rate: Option<String>,
    value_date: Option<chrono::NaiveDate>,
    received_chf: Option<i64>,
    demo: bool,
    created_by: Uuid,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
});

entity!(fx_rates, "fx_rates", {
    #[sea_orm(primary_key, auto_increment = false)] currency: String,
    #[sea_orm(primary_key, auto_increment = false)] valid_from: chrono::NaiveDate,
    rate: String,
    created_by: Uuid,
    created_at: chrono::DateTime<chrono::Utc>,
});

entity!(ledger_entries, "ledger_entries", {
    #[sea_orm(primary_key, auto_increment = false)] seq: i64,
    kind: String,
    reference: Uuid,
    occurred_at: chrono::DateTime<chrono::Utc>,
    prev_hash: String,
    hash: String,
});

entity!(ledger_lines, "ledger_lines", {
    #[sea_orm(primary_key, auto_increment = false)] seq: i64,
    #[sea_orm(primary_key, auto_increment = false)] line_no: i32,
    account: String,
    contribution_id: Uuid,
    project_id: Option<Uuid>,
    amount: i64,
});

entity!(ledger_head, "ledger_head", {
    #[sea_orm(primary_key, auto_increment = false)] id: i32,
    seq: i64,
    hash: String,
});

entity!(project_facts, "project_facts", {
    #[sea_orm(primary_key, auto_increment = false)] project_id: Uuid,
    title: String,
    theme: String,
    regions: String,
    budget_chf: i64,
    updated_at: chrono::DateTime<chrono::Utc>,
});

entity!(allocation_plans, "allocation_plans", {
    #[sea_orm(primary_key, auto_increment = false)] id: Uuid,
    status: String,
    ledger_seq: i64,
    fingerprint: String,
    body: String,
    projects: String,
    created_by: Uuid,
    created_at: chrono::DateTime<chrono::Utc>,
    committed_by: Option<Uuid>,
    committed_at: Option<chrono::DateTime<chrono::Utc>>,
});

entity!(disbursements, "disbursements", {
    #[sea_orm(primary_key, auto_increment = false)] id: Uuid,
    project_id: Uuid,
    amount_minor: i64,
    note: Option<String>,
    slices: String,
    ledger_seq: i64,
    recorded_by: Uuid,
    recorded_at: chrono::DateTime<chrono::Utc>,
});

/// A statement written with `?` placeholders, numbered `$n` for PostgreSQL.
pub fn sql<C: ConnectionTrait>(conn: &C, text: &str, values: Vec<Value>) -> Statement {
    let backend = conn.get_database_backend();
    let text = if backend == DbBackend::Postgres {
        let mut out = String::with_capacity(text.len() + 8);
        let mut n = 0;
        for ch in text.chars() {
            if ch == '?' {
                n += 1;
                out.push_str(&format!("${n}"));
            } else {
                out.push(ch);
            }
        }
        out
    } else {
        text.to_owned()
    };
    Statement::from_sql_and_values(backend, text, values)
}

/// The last entry of the ledger, locked for the rest of the transaction: every money-moving
/// use case takes it before it reads a balance, so movements happen one after another. On
/// SQLite the write transaction (`BEGIN IMMEDIATE`) already holds the only write lock.
#[derive(Debug, Clone)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
}

pub async fn lock_head<C: ConnectionTrait>(conn: &C) -> Result<Head, DbErr> {
    let lock = if conn.get_database_backend() == DbBackend::Postgres { " FOR UPDATE" } else { "" };
    let row = conn
        .query_one_raw(sql(conn, &format!("SELECT seq, hash FROM ledger_head WHERE id = 1{lock}"), vec![]))
        .await?
        .ok_or_else(|| DbErr::Custom("the ledger head row is missing".into()))?;
    Ok(Head { seq: row.try_get("", "seq")?, hash: row.try_get("", "hash")? })
}

/// The head without locking (for reads).
pub async fn head<C: ConnectionTrait>(conn: &C) -> Result<Head, DbErr> {
    let row = conn
        .query_one_raw(sql(conn, "SELECT seq, hash FROM ledger_head WHERE id = 1", vec![]))
        .await?
        .ok_or_else(|| DbErr::Custom("the ledger head row is missing".into()))?;
    Ok(Head { seq: row.try_get("", "seq")?, hash: row.try_get("", "hash")? })
}

/// Appends entries after the locked `head` and moves the head. The caller has checked the
/// movements against balances read under the same lock.
pub async fn append<C: ConnectionTrait>(
    conn: &C,
    head: &mut Head,
    entries: Vec<(MovementKind, Uuid, Vec<Line>)>,
) -> Result<(), DbErr> {
    use sea_orm::ActiveValue::Set;
    use sea_orm::EntityTrait;
    if entries.is_empty() {
        return Ok(());
    }
    let now = ledger_time(chrono::Utc::now());
    let mut entry_rows = Vec::with_capacity(entries.len());
    let mut line_rows = Vec::new();
    for (kind, reference, lines) in entries {
        let content = EntryContent { seq: head.seq + 1, kind, occurred_at: now, reference, lines };
        let hash = content.hash(&head.hash);
        entry_rows.push(ledger_entries::ActiveModel {
            seq: Set(content.seq),
            kind: Set(kind.as_str().to_owned()),
            reference: Set(reference),
            occurred_at: Set(now),
            prev_hash: Set(head.hash.clone()),
            hash: Set(hash.clone()),
        });
        for (i, l) in content.lines.iter().enumerate() {
            line_rows.push(ledger_lines::ActiveModel {
                seq: Set(content.seq),
                line_no: Set(i32::try_from(i).unwrap_or(i32::MAX)),
                account: Set(l.account.as_str().to_owned()),
                contribution_id: Set(l.contribution),
                project_id: Set(l.project),
                amount: Set(l.amount),
            });
        }
        head.seq = content.seq;
        head.hash = hash;
    }
    // Batches keep each statement under the databases' bound-parameter limits.
    for chunk in entry_rows.chunks(2000) {
        ledger_entries::Entity::insert_many(chunk.to_vec()).exec(conn).await?;
    }
    for chunk in line_rows.chunks(2000) {
        ledger_lines::Entity::insert_many(chunk.to_vec()).exec(conn).await?;
    }
    conn.execute_raw(sql(
        conn,
        "UPDATE ledger_head SET seq = ?, hash = ? WHERE id = 1",
        vec![head.seq.into(), head.hash.clone().into()],
    ))
    .await?;
    Ok(())
}

/// Entries from `after` on, in order, with their lines (a page of the chain for verification).
pub async fn entries_page<C: ConnectionTrait>(conn: &C, after: i64, limit: u64) -> Result<Vec<StoredEntry>, DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let entries = ledger_entries::Entity::find()
        .filter(ledger_entries::Column::Seq.gt(after))
        .order_by_asc(ledger_entries::Column::Seq)
        .limit(limit)
        .all(conn)
        .await?;
    let Some(last) = entries.last().map(|e| e.seq) else { return Ok(Vec::new()) };
    let lines = ledger_lines::Entity::find()
        .filter(ledger_lines::Column::Seq.gt(after))
        .filter(ledger_lines::Column::Seq.lte(last))
        .order_by_asc(ledger_lines::Column::Seq)
        .order_by_asc(ledger_lines::Column::LineNo)
        .all(conn)
        .await?;
    let mut by_seq: HashMap<i64, Vec<Line>> = HashMap::new();
    for l in lines {
        let account = Account::parse(&l.account).ok_or_else(|| DbErr::Custom(format!("account {:?}", l.account)))?;
        by_seq.entry(l.seq).or_default().push(Line {
            account,
            contribution: l.contribution_id,
            project: l.project_id,
            amount: l.amount,
        });
    }
    entries
        .into_iter()
        .map(|e| {
            // An unknown kind is reported by the verifier as altered content, not as an error.
            let kind = MovementKind::parse(&e.kind).unwrap_or(MovementKind::Refund);
            let tampered_kind = MovementKind::parse(&e.kind).is_none();
            Ok(StoredEntry {
                content: EntryContent {
                    seq: e.seq,
                    kind,
                    occurred_at: e.occurred_at,
                    reference: e.reference,
                    lines: by_seq.remove(&e.seq).unwrap_or_default(),
                },
                prev_hash: e.prev_hash,
                hash: if tampered_kind { String::new() } else { e.hash },
            })
        })
        .collect()
}

/// Which lines a sum covers.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    All,
    Donor(Uuid),
    Contribution(Uuid),
    Project(Uuid),
}

/// One group of summed lines.
#[derive(Debug, Clone, FromQueryResult)]
pub struct SumRow {
    pub contribution_id: Uuid,
    pub project_id: Option<Uuid>,
    pub account: String,
    pub kind: String,
    pub year: i32,
    pub total: i64,
}

/// Lines summed by contribution, project, account, movement kind and year of the movement;
/// every balance and figure of the service is derived from these rows. `since` keeps only
/// movements at or after a time.
pub async fn sums<C: ConnectionTrait>(
    conn: &C,
    scope: Scope,
    since: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Vec<SumRow>, DbErr> {
    let year = if conn.get_database_backend() == DbBackend::Postgres {
        "CAST(EXTRACT(YEAR FROM e.occurred_at) AS INTEGER)"
    } else {
        "CAST(substr(e.occurred_at, 1, 4) AS INTEGER)"
    };
    let mut values: Vec<Value> = Vec::new();
    let mut filter = String::from("1 = 1");
    match scope {
        Scope::All => {}
        Scope::Donor(d) => {
            filter.push_str(" AND l.contribution_id IN (SELECT id FROM contributions WHERE donor_id = ?)");
            values.push(d.into());
        }
        Scope::Contribution(c) => {
            filter.push_str(" AND l.contribution_id = ?");
            values.push(c.into());
        }
        Scope::Project(p) => {
            filter.push_str(" AND l.project_id = ?");
            values.push(p.into());
        }
    }
    if let Some(t) = since {
        filter.push_str(" AND e.occurred_at >= ?");
        values.push(t.into());
    }
    let text = format!(
        "SELECT l.contribution_id AS contribution_id, l.project_id AS project_id, l.account AS account, \
         e.kind AS kind, {year} AS year, CAST(SUM(l.amount) AS BIGINT) AS total \
         FROM ledger_lines l JOIN ledger_entries e ON e.seq = l.seq WHERE {filter} \
         GROUP BY l.contribution_id, l.project_id, l.account, e.kind, {year}"
    );
    SumRow::find_by_statement(sql(conn, &text, values)).all(conn).await
}

/// When each (contribution, project) pair was first allocated: the time of its earliest
/// `allocation` entry. Ledger sequence numbers grow with time, so the smallest one is the first.
pub async fn first_allocations<C: ConnectionTrait>(
    conn: &C,
) -> Result<HashMap<(Uuid, Uuid), chrono::DateTime<chrono::Utc>>, DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    #[derive(FromQueryResult)]
    struct Row {
        contribution_id: Uuid,
        project_id: Uuid,
        seq: i64,
    }
    let rows = Row::find_by_statement(sql(
        conn,
        "SELECT l.contribution_id AS contribution_id, l.project_id AS project_id, MIN(l.seq) AS seq \
         FROM ledger_lines l JOIN ledger_entries e ON e.seq = l.seq \
         WHERE l.account = 'committed' AND e.kind = 'allocation' GROUP BY l.contribution_id, l.project_id",
        vec![],
    ))
    .all(conn)
    .await?;
    let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
    let mut at: HashMap<i64, chrono::DateTime<chrono::Utc>> = HashMap::new();
    // Bounded batches keep the statement under every backend's parameter limit.
    for chunk in seqs.chunks(500) {
        let entries = ledger_entries::Entity::find()
            .filter(ledger_entries::Column::Seq.is_in(chunk.iter().copied()))
            .all(conn)
            .await?;
        at.extend(entries.into_iter().map(|e| (e.seq, e.occurred_at)));
    }
    Ok(rows.into_iter().filter_map(|r| at.get(&r.seq).map(|t| ((r.contribution_id, r.project_id), *t))).collect())
}

/// Open balance of every contribution that has one (what the planner may spend).
pub async fn open_balances<C: ConnectionTrait>(conn: &C) -> Result<Vec<(Uuid, i64)>, DbErr> {
    #[derive(FromQueryResult)]
    struct Row {
        contribution_id: Uuid,
        open: i64,
    }
    let rows = Row::find_by_statement(sql(
        conn,
        "SELECT contribution_id, CAST(-SUM(amount) AS BIGINT) AS open FROM ledger_lines \
         WHERE account = 'open' GROUP BY contribution_id",
        vec![],
    ))
    .all(conn)
    .await?;
    Ok(rows.into_iter().filter(|r| r.open > 0).map(|r| (r.contribution_id, r.open)).collect())
}

/// Per (contribution, project): allocated net of releases, and still committed (unspent).
pub async fn commitments<C: ConnectionTrait>(
    conn: &C,
    project: Option<Uuid>,
) -> Result<Vec<(Uuid, Uuid, i64, i64)>, DbErr> {
    #[derive(FromQueryResult)]
    struct Row {
        contribution_id: Uuid,
        project_id: Uuid,
        allocated: i64,
        unspent: i64,
    }
    let (filter, values): (&str, Vec<Value>) = match project {
        Some(p) => (" AND l.project_id = ?", vec![p.into()]),
        None => ("", vec![]),
    };
    let text = format!(
        "SELECT l.contribution_id AS contribution_id, l.project_id AS project_id, \
         CAST(-SUM(CASE WHEN e.kind IN ('allocation', 'release') THEN l.amount ELSE 0 END) AS BIGINT) AS allocated, \
         CAST(-SUM(l.amount) AS BIGINT) AS unspent \
         FROM ledger_lines l JOIN ledger_entries e ON e.seq = l.seq \
         WHERE l.account = 'committed'{filter} GROUP BY l.contribution_id, l.project_id"
    );
    let rows = Row::find_by_statement(sql(conn, &text, values)).all(conn).await?;
    Ok(rows.into_iter().map(|r| (r.contribution_id, r.project_id, r.allocated, r.unspent)).collect())
}
