//! CSV import of members and participations (`POST /import?kind=…`): every row is checked
//! first, against the registry and the rest of the file, inside the transaction that will
//! write; any problem rejects the whole file with every problem and its line, and nothing is
//! written. A clean file is applied in that one transaction, and re-importing it changes
//! nothing (see `domain::import` for the rules).

use std::collections::{BTreeSet, HashMap, HashSet};

use api_types::membership::{ImportKind, ImportProblem, ImportReport};
use platform::{ApiError, Caller};
use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr};
use uuid::Uuid;

use super::create_member::unique_country;
use super::update_member::{apply, member_state};
use super::{access, events, today};
use crate::domain::import::{
    self, ExistingMember, MEMBER_OPTIONAL, MEMBER_REQUIRED, MemberAction, MemberRef, PARTICIPATION_OPTIONAL,
    PARTICIPATION_REQUIRED, ParticipationAction, Sheet,
};
use crate::store::{self, member_categories::NewEntry, members::NewMemberRow};

/// Why an import did not happen.
#[derive(Debug)]
pub enum ImportFailure {
    /// Rows (or the header) are wrong: every problem, by line. Nothing was written.
    Rows(Vec<ImportProblem>),
    Api(ApiError),
}

impl From<ApiError> for ImportFailure {
    fn from(e: ApiError) -> Self {
        ImportFailure::Api(e)
    }
}

impl From<DbErr> for ImportFailure {
    fn from(e: DbErr) -> Self {
        ImportFailure::Api(e.into())
    }
}

pub async fn import(
    db: &DatabaseConnection,
    caller: &Caller,
    kind: ImportKind,
    text: &str,
) -> Result<ImportReport, ImportFailure> {
    let user = access::editor(caller)?;
    let (required, optional): (&[&str], &[&str]) = match kind {
        ImportKind::Members => (&MEMBER_REQUIRED, &MEMBER_OPTIONAL),
        ImportKind::Participations => (&PARTICIPATION_REQUIRED, &PARTICIPATION_OPTIONAL),
    };
    let (sheet, problems) = Sheet::read(text, required, optional).map_err(ImportFailure::Rows)?;
    let txn = store::write_txn(db).await?;
    let mut report = ImportReport { kind, rows: sheet.rows.len() as u64, created: 0, updated: 0, unchanged: 0 };
    match kind {
        ImportKind::Members => import_members(&txn, user.id, &sheet, problems, &mut report).await?,
        ImportKind::Participations => import_participations(&txn, user.id, &sheet, problems, &mut report).await?,
    }
    txn.commit().await?;
    Ok(report)
}

/// Problems in the order of the file.
fn rejected(mut problems: Vec<ImportProblem>) -> ImportFailure {
    problems.sort_by_key(|p| p.line);
    ImportFailure::Rows(problems)
}

async fn import_members(
    txn: &DatabaseTransaction,
    by: Uuid,
    sheet: &Sheet,
    mut problems: Vec<ImportProblem>,
    report: &mut ImportReport,
) -> Result<(), ImportFailure> {
    let today = today();
    let rows = import::member_rows(sheet, today, &mut problems);
    let models = store::members::all(txn).await?;
    let histories = store::member_categories::all_by_member(txn).await?;
    let existing = models
        .iter()
        .map(|m| {
            let history = histories.get(&m.id).map_or(&[][..], Vec::as_slice);
            Ok(ExistingMember { id: m.id, state: member_state(m, history)?, contact: m.contact() })
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    let countries: HashSet<String> = store::countries::codes(txn).await?.into_iter().collect();
    let actions = import::plan_members(rows, &existing, &countries, today, &mut problems);
    if !problems.is_empty() {
        return Err(rejected(problems));
    }
    let mut by_id: HashMap<Uuid, store::members::Model> = models.into_iter().map(|m| (m.id, m)).collect();
    // Updates first: a file may withdraw a country's member and register its successor, and the
    // successor can only be stored once the country has no other current member.
    let (creates, others): (Vec<_>, Vec<_>) =
        actions.into_iter().partition(|a| matches!(a, MemberAction::Create { .. }));
    for action in others.into_iter().chain(creates) {
        match action {
            MemberAction::Create { line, member, status, left_on } => {
                let row = store::members::insert(
                    txn,
                    &NewMemberRow {
                        id: Uuid::now_v7(),
                        country: member.country.as_str(),
                        name: &member.name,
                        acronym: &member.acronym,
                        category: member.category,
                        status,
                        joined_on: member.joined_on,
                        left_on,
                        devco: member.devco,
                        demo: false,
                        contact: &member.contact,
                    },
                )
                .await
                .map_err(|e| unique_country(e, member.country.as_str()))?;
                store::member_categories::insert(
                    txn,
                    &NewEntry {
                        member_id: row.id,
                        category: member.category,
                        valid_from: member.joined_on,
                        changed_by: Some(by),
                        reason: &format!("category on joining (CSV import, line {line})"),
                        upgrade_request_id: None,
                    },
                )
                .await?;
                events::member_created(txn, &row).await?;
                report.created += 1;
            }
            MemberAction::Update { id, update, contact, .. } => {
                let current = by_id.remove(&id).ok_or_else(|| DbErr::RecordNotFound(format!("member {id}")))?;
                let country = current.country.clone();
                apply(txn, current, &update, &country, Some(by), Some(&contact))
                    .await
                    .map_err(|e| unique_country(e, &country))?;
                report.updated += 1;
            }
            MemberAction::Unchanged { .. } => report.unchanged += 1,
        }
    }
    Ok(())
}

async fn import_participations(
    txn: &DatabaseTransaction,
    by: Uuid,
    sheet: &Sheet,
    mut problems: Vec<ImportProblem>,
    report: &mut ImportReport,
) -> Result<(), ImportFailure> {
    let rows = import::participation_rows(sheet, today(), &mut problems);
    let members = store::members::all(txn)
        .await?
        .into_iter()
        .map(|m| {
            Ok(MemberRef {
                current: crate::domain::member::is_current(m.status()?),
                id: m.id,
                country: m.country,
                acronym: m.acronym,
            })
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    // In a fixed order, so that two imports never wait on each other's locks crosswise.
    let committees: BTreeSet<String> = rows.iter().map(|r| r.participation.committee.as_str().to_owned()).collect();
    for committee in &committees {
        store::participations::lock_committee(txn, committee).await?;
    }
    let committees: Vec<String> = committees.into_iter().collect();
    let existing = store::participations::in_committees(txn, &committees).await?;
    let actions = import::plan_participations(rows, &members, &existing, &mut problems);
    if !problems.is_empty() {
        return Err(rejected(problems));
    }
    let mut created = Vec::new();
    for action in actions {
        match action {
            ParticipationAction::Create { member_id, participation, .. } => created.push((member_id, participation)),
            ParticipationAction::Update { id, until, .. } => {
                store::participations::set_until(txn, id, until, by).await?;
                report.updated += 1;
            }
            ParticipationAction::Unchanged { .. } => report.unchanged += 1,
        }
    }
    for (member_id, participation) in &created {
        store::participations::insert(txn, *member_id, participation, false, Some(by)).await?;
    }
    report.created += created.len() as u64;
    Ok(())
}
