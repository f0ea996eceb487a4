//! The results framework: indicators (staff or the owner member define them), actuals (the
//! owner member reports them, staff approve or reject), and the evaluation that closes a
//! completed project (staff).

use api_types::Role;
use api_types::projects::{
    ActualResponse, ActualStatus, CreateActual, CreateEvaluation, CreateIndicator, DecideActual, EvaluationResponse,
    IndicatorResponse, ProjectStatus,
};
use platform::{ApiError, Caller, User};
use sea_orm::{DatabaseConnection, DbErr};
use uuid::Uuid;

use crate::domain::results::{
    Evaluation, Indicator, NOTE_MAX, check_actuals_open, check_indicators_open, parse_period, target_met,
};
use crate::domain::workflow::{Actor, Request};
use crate::domain::{Refusal, codes, text};
use crate::error::Result;
use crate::store::projects::{self as projects, Model};
use crate::store::{self, results};

fn is_owner(user: &User, row: &Model) -> bool {
    user.role == Role::Member && user.member_id == Some(row.member_id)
}

pub async fn add_indicator(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: CreateIndicator,
) -> Result<IndicatorResponse> {
    let user = caller.require(&[Role::Member, Role::Staff])?;
    let indicator = Indicator::parse(&input.name, &input.unit, input.baseline, input.target)?;
    let txn = store::write_txn(db).await?;
    let row = super::visible(&txn, caller, id).await?;
    if user.role != Role::Staff && !is_owner(user, &row) {
        return Err(ApiError::forbidden("Only staff or the proposing member define a project's indicators.").into());
    }
    check_indicators_open(row.status()?)?;
    let saved = results::insert_indicator(&txn, row.id, &indicator, user.id).await?;
    txn.commit().await?;
    Ok(indicator_response(saved, Vec::new())?)
}

pub async fn indicators(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<Vec<IndicatorResponse>> {
    let row = super::visible(db, caller, id).await?;
    let actuals = results::actuals_of(db, Some(row.id)).await?;
    let mut out = Vec::new();
    for indicator in results::indicators_of(db, Some(row.id)).await? {
        let mine = actuals.iter().filter(|a| a.indicator_id == indicator.id).cloned().collect();
        out.push(indicator_response(indicator, mine)?);
    }
    Ok(out)
}

pub async fn report_actual(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    indicator_id: Uuid,
    input: CreateActual,
) -> Result<ActualResponse> {
    let user = caller.require(&[Role::Member])?;
    let period = parse_period(&input.period);
    let note = text::optional(input.note.as_deref(), NOTE_MAX).map_err(|p| Refusal::invalid("note", p));
    let (period, note) = match (period, note) {
        (Ok(p), Ok(n)) => (p, n),
        (Err(Refusal::Invalid(mut a)), Err(Refusal::Invalid(b))) => {
            a.extend(b);
            return Err(Refusal::Invalid(a).into());
        }
        (Err(e), _) | (_, Err(e)) => return Err(e.into()),
    };
    if input.value < 0 {
        return Err(ApiError::invalid("value", "must not be negative").into());
    }
    let txn = store::write_txn(db).await?;
    let row = super::visible(&txn, caller, id).await?;
    if !is_owner(user, &row) {
        return Err(ApiError::forbidden("Only the proposing member reports a project's results.").into());
    }
    check_actuals_open(row.status()?)?;
    let indicator = results::find_indicator(&txn, indicator_id)
        .await?
        .filter(|i| i.project_id == row.id)
        .ok_or_else(|| ApiError::not_found("indicator"))?;
    if results::actual_exists(&txn, indicator.id, &period).await? {
        return Err(Refusal::conflict(
            codes::ACTUAL_EXISTS,
            format!("An actual for {period} was reported already; one value per period."),
        )
        .into());
    }
    let saved = results::insert_actual(&txn, &indicator, period, input.value, note, user.id).await?;
    txn.commit().await?;
    Ok(actual_response(saved)?)
}

pub async fn decide_actual(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    actual_id: Uuid,
    input: DecideActual,
) -> Result<ActualResponse> {
    let user = caller.require(&[Role::Staff])?;
    let reason =
        text::optional(input.reason.as_deref(), text::REASON_MAX).map_err(|p| Refusal::invalid("reason", p))?;
    if !input.approve && reason.is_none() {
        return Err(ApiError::invalid("reason", "a reason is required to reject an actual").into());
    }
    let txn = store::write_txn(db).await?;
    let actual = results::find_actual(&txn, actual_id)
        .await?
        .filter(|a| a.project_id == id)
        .ok_or_else(|| ApiError::not_found("actual"))?;
    if actual.status != ActualStatus::Pending.as_str() {
        return Err(
            Refusal::conflict(codes::ACTUAL_DECIDED, format!("This actual was {} already.", actual.status)).into()
        );
    }
    let status = if input.approve { ActualStatus::Approved } else { ActualStatus::Rejected };
    let saved = results::decide_actual(&txn, actual, status, user.id, reason).await?;
    txn.commit().await?;
    Ok(actual_response(saved)?)
}

/// Staff record the evaluation of a completed project, which moves it to `evaluated`.
pub async fn evaluate(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    input: CreateEvaluation,
) -> Result<EvaluationResponse> {
    let user = caller.require(&[Role::Staff])?;
    let evaluation = Evaluation::parse(input.rating, &input.narrative)?;
    let txn = store::write_txn(db).await?;
    let row = projects::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("project"))?;
    let request = Request {
        to: ProjectStatus::Evaluated,
        reason: None,
        actor: Actor::Person(user.into()),
        with_evaluation: true,
    };
    let row = super::transition::apply(&txn, row, &request, user.role.as_str()).await?;
    let saved = results::insert_evaluation(&txn, row.id, &evaluation, user.id).await?;
    txn.commit().await?;
    Ok(evaluation_response(saved)?)
}

pub async fn evaluation(db: &DatabaseConnection, caller: &Caller, id: Uuid) -> Result<EvaluationResponse> {
    let row = super::visible(db, caller, id).await?;
    let saved = results::evaluation(db, row.id).await?.ok_or_else(|| ApiError::not_found("evaluation"))?;
    Ok(evaluation_response(saved)?)
}

fn indicator_response(
    i: results::indicators::Model,
    actuals: Vec<results::actuals::Model>,
) -> Result<IndicatorResponse, DbErr> {
    let actuals = actuals.into_iter().map(actual_response).collect::<Result<Vec<_>, _>>()?;
    // Periods sort as text (2026 < 2026-01 < 2026-Q1 are all "in 2026"); the latest approved
    // one is where the indicator stands.
    let current = actuals.iter().filter(|a| a.status == ActualStatus::Approved).map(|a| a.value).next_back();
    Ok(IndicatorResponse {
        id: i.id,
        project_id: i.project_id,
        target_met: current.is_some_and(|c| target_met(i.baseline, i.target, c)),
        name: i.name,
        unit: i.unit,
        baseline: i.baseline,
        target: i.target,
        actuals,
        current,
        created_at: i.created_at,
    })
}

fn actual_response(a: results::actuals::Model) -> Result<ActualResponse, DbErr> {
    Ok(ActualResponse {
        status: ActualStatus::parse(&a.status).ok_or_else(|| DbErr::Custom(format!("actual status {:?}", a.status)))?,
        id: a.id,
        indicator_id: a.indicator_id,
        period: a.period,
        value: a.value,
        note: a.note,
        reported_by: a.reported_by,
        reported_at: a.reported_at,
        decided_by: a.decided_by,
        decided_at: a.decided_at,
        decision_reason: a.decision_reason,
    })
}

fn evaluation_response(e: results::evaluations::Model) -> Result<EvaluationResponse, DbErr> {
    Ok(EvaluationResponse {
        project_id: e.project_id,
        rating: u8::try_from(e.rating).map_err(|_| DbErr::Custom(format!("rating {}", e.rating)))?,
        narrative: e.narrative,
        evaluated_by: e.evaluated_by,
        evaluated_at: e.evaluated_at,
    })
}
