//! The donor statement: every contribution of a donor with its receipt, its allocations per
//! project, disbursements and balances, all from the ledger; as JSON, CSV or a printable page.

use std::collections::BTreeMap;
use std::fmt::Write;

use api_types::funding::{DonorResponse, DonorStatement, StatementContribution, StatementProject};
use platform::{ApiError, Caller};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use uuid::Uuid;

use crate::ops::access;
use crate::ops::figures::{Figures, chf, per_allocation, per_contribution};
use crate::store::donors;
use crate::store::money::{self, Scope, contributions};

pub async fn statement(db: &DatabaseConnection, caller: &Caller, donor_id: Uuid) -> Result<DonorStatement, ApiError> {
    let (user, limit) = access::reader(caller)?;
    access::may_see(limit, donor_id, "donor")?;
    let snapshot = platform::db::read_snapshot(db).await?;
    let donor = donors::find(&snapshot, donor_id).await?.ok_or_else(|| ApiError::not_found("donor"))?;
    let head = money::head(&snapshot).await?;
    let rows = contributions::Entity::find()
        .filter(contributions::Column::DonorId.eq(donor_id))
        .order_by_asc(contributions::Column::CreatedAt)
        .all(&snapshot)
        .await?;
    let sums = money::sums(&snapshot, Scope::Donor(donor_id), None).await?;
    snapshot.commit().await?;
    let per_c = per_contribution(&sums);
    let per_a = per_allocation(&sums);
    let mut totals = Figures::default();
    let mut out = Vec::new();
    for r in rows {
        let f = per_c.get(&r.id).copied().unwrap_or_default();
        totals.merge(&f);
        let mut projects: BTreeMap<Uuid, StatementProject> = BTreeMap::new();
        for ((c, p), a) in &per_a {
            if *c == r.id {
                projects.insert(
                    *p,
                    StatementProject {
                        project_id: *p,
                        allocated: chf(a.allocated),
                        released: chf(a.released),
                        disbursed: chf(a.disbursed),
                        unspent: chf(a.unspent),
                    },
                );
            }
        }
        let c = super::contributions::response(r, &f)?;
        out.push(StatementContribution {
            contribution_id: c.id,
            status: c.status,
            pledged: c.pledged,
            earmark: c.earmark,
            received: c.received,
            fx_rate: c.fx_rate,
            value_date: c.value_date,
            balances: c.balances,
            projects: projects.into_values().collect(),
        });
    }
    Ok(DonorStatement {
        donor: access::redact(user, DonorResponse::try_from(donor)?),
        generated_at: chrono::Utc::now(),
        ledger_seq: head.seq,
        contributions: out,
        totals: totals.balances(),
        reconciles: totals.reconciles(),
    })
}

/// One CSV row: a contribution's line, or one of its projects.
#[derive(Serialize)]
struct CsvRow<'a> {
    contribution_id: Uuid,
    status: &'a str,
    pledged: String,
    pledged_currency: &'a str,
    received: String,
    fx_rate: &'a str,
    value_date: String,
    project_id: String,
    allocated_chf: String,
    disbursed_chf: String,
    unspent_chf: String,
    open_chf: String,
}

pub fn to_csv(s: &DonorStatement) -> Result<Vec<u8>, ApiError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let internal = |e: csv::Error| ApiError::Internal(anyhow::Error::new(e));
    for c in &s.contributions {
        let base = |project: String, allocated: String, disbursed: String, unspent: String, open: String| CsvRow {
            contribution_id: c.contribution_id,
            status: match c.status {
                api_types::funding::ContributionStatus::Pledged => "pledged",
                api_types::funding::ContributionStatus::Received => "received",
                api_types::funding::ContributionStatus::Cancelled => "cancelled",
            },
            pledged: c.pledged.amount(),
            pledged_currency: c.pledged.currency.code(),
            received: c.received.map(|m| m.amount()).unwrap_or_default(),
            fx_rate: c.fx_rate.as_deref().unwrap_or(""),
            value_date: c.value_date.map(|d| d.to_string()).unwrap_or_default(),
            project_id: project,
            allocated_chf: allocated,
            disbursed_chf: disbursed,
            unspent_chf: unspent,
            open_chf: open,
        };
        let b = &c.balances;
        w.serialize(base(
            String::new(),
            b.allocated.amount(),
            b.disbursed.amount(),
            b.unspent.amount(),
            b.open.amount(),
        ))
        .map_err(internal)?;
        for p in &c.projects {
            w.serialize(base(
                p.project_id.to_string(),
                p.allocated.amount(),
                p.disbursed.amount(),
                p.unspent.amount(),
                String::new(),
            ))
            .map_err(internal)?;
        }
    }
    w.into_inner().map_err(|e| ApiError::Internal(anyhow::anyhow!("writing CSV: {e}")))
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A self-contained page that prints on A4.
pub fn to_html(s: &DonorStatement) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Statement — {name}</title>\
         <style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;width:100%}}\
         td,th{{border:1px solid #999;padding:4px 6px;text-align:right}}td:first-child,th:first-child{{text-align:left}}\
         @media print{{body{{margin:0}}}}</style></head><body><h1>Donor statement</h1>\
         <p><strong>{name}</strong><br>Generated {at} · ledger entry {seq} · all balances in CHF</p>",
        name = esc(&s.donor.name),
        at = s.generated_at.format("%Y-%m-%d %H:%M UTC"),
        seq = s.ledger_seq
    );
    h.push_str(
        "<table><thead><tr><th>Contribution / project</th><th>Pledged</th><th>Received</th><th>Allocated</th>\
         <th>Disbursed</th><th>Unspent</th><th>Open</th></tr></thead><tbody>",
    );
    for c in &s.contributions {
        let b = &c.balances;
        let _ = write!(
            h,
            "<tr><td>{id} ({status:?})</td><td>{p}</td><td>{r}</td><td>{a}</td><td>{d}</td><td>{u}</td><td>{o}</td></tr>",
            id = c.contribution_id,
            status = c.status,
            p = esc(&c.pledged.to_string()),
            r = esc(&c.received.map(|m| m.to_string()).unwrap_or_default()),
            a = b.allocated.amount(),
            d = b.disbursed.amount(),
            u = b.unspent.amount(),
            o = b.open.amount()
        );
        for p in &c.projects {
            let _ = write!(
                h,
                "<tr><td>&nbsp;&nbsp;→ project {id}</td><td></td><td></td><td>{a}</td><td>{d}</td><td>{u}</td><td></td></tr>",
                id = p.project_id,
                a = p.allocated.amount(),
                d = p.disbursed.amount(),
                u = p.unspent.amount()
            );
        }
    }
    let t = &s.totals;
    let _ = write!(
        h,
        "</tbody><tfoot><tr><th>Total</th><th></th><th>{r}</th><th>{a}</th><th>{d}</th><th>{u}</th><th>{o}</th></tr>\
         </tfoot></table><p>Reconciles with the ledger: {ok}</p></body></html>",
        r = t.received.amount(),
        a = t.allocated.amount(),
        d = t.disbursed.amount(),
        u = t.unspent.amount(),
        o = t.open.amount(),
        ok = if s.reconciles { "yes" } else { "NO" }
    );
    h
}
