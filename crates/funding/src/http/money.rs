//! Routes of the money side: contributions, FX rates, plans, allocations, disbursements,
//! releases, the ledger, statements and KPIs.

use api_types::funding::{
    AllocationResponse, ContributionResponse, CreateContribution, CreateDisbursement, DisbursementResponse,
    DonorStatement, FundingKpis, FxRateResponse, LedgerVerification, ListAllocations, ListContributions,
    ListDisbursements, ListFxRates, PlanResponse, ProposePlan, RecordReceipt, ReleaseResponse, SetFxRate,
    StatementFormat, StatementQuery,
};
use api_types::{ErrorBody, Page, PageQuery};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use platform::idempotency::IdempotencyKey;
use platform::list::Window;
use platform::{ApiError, AppJson, AppPath, AppQuery, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::AppState;
use crate::ops;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_contributions, create_contribution))
        .routes(routes!(get_contribution))
        .routes(routes!(record_receipt))
        .routes(routes!(cancel_contribution))
        .routes(routes!(list_fx_rates, set_fx_rate))
        .routes(routes!(propose_plan))
        .routes(routes!(get_plan))
        .routes(routes!(commit_plan))
        .routes(routes!(list_allocations))
        .routes(routes!(list_disbursements, create_disbursement))
        .routes(routes!(release_project))
        .routes(routes!(verify_ledger))
        .routes(routes!(donor_statement))
        .routes(routes!(kpis))
}

/// The caller's signed identity, forwarded on calls to other services.
fn identity(headers: &HeaderMap) -> String {
    headers.get(platform::identity::IDENTITY_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

/// Contributions: staff, committee and admins see all; a donor account its own.
#[utoipa::path(get, path = "/contributions", tag = "contributions", params(ListContributions, PageQuery), responses(
    (status = 200, body = Page<ContributionResponse>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn list_contributions(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListContributions>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::contributions::list(&state.db, &caller, &query, &window).await?;
    window.respond(items, total, "contributions")
}

/// Pledge a contribution with an earmark (a donor for itself, staff for a donor). Regions are
/// checked with membership, a project with projects (503 when they cannot be asked).
#[utoipa::path(post, path = "/contributions", tag = "contributions", params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe: the same key and body answer the first response")),
    request_body = CreateContribution, responses(
    (status = 201, body = ContributionResponse), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    (status = 503, body = ErrorBody)))]
async fn create_contribution(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    key: Option<IdempotencyKey>,
    AppJson(input): AppJson<CreateContribution>,
) -> Result<(StatusCode, AppJson<ContributionResponse>), ApiError> {
    let c = ops::contributions::create(&state.db, &state.upstreams, &caller, &identity(&headers), key.as_ref(), input)
        .await?;
    Ok((StatusCode::CREATED, AppJson(c)))
}

/// One contribution with its balances.
#[utoipa::path(get, path = "/contributions/{id}", tag = "contributions", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ContributionResponse), (status = 404, body = ErrorBody)))]
async fn get_contribution(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<ContributionResponse>, ApiError> {
    Ok(AppJson(ops::contributions::get(&state.db, &caller, id).await?))
}

/// Staff record the receipt: converted to CHF at the rate of the value date (422 without one).
#[utoipa::path(post, path = "/contributions/{id}/receipt", tag = "contributions", params(("id" = Uuid, Path),
    ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe: the same key and body answer the first response")),
    request_body = RecordReceipt, responses((status = 200, body = ContributionResponse), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn record_receipt(
    State(state): State<AppState>,
    caller: Caller,
    key: Option<IdempotencyKey>,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<RecordReceipt>,
) -> Result<AppJson<ContributionResponse>, ApiError> {
    Ok(AppJson(ops::contributions::receive(&state.db, &caller, key.as_ref(), id, input).await?))
}

/// Cancel a pledge (its donor or staff), or refund a received contribution nothing was
/// allocated from (staff); 409 once anything was allocated.
#[utoipa::path(post, path = "/contributions/{id}/cancel", tag = "contributions", params(("id" = Uuid, Path),
    ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe: the same key and body answer the first response")), responses(
    (status = 200, body = ContributionResponse), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn cancel_contribution(
    State(state): State<AppState>,
    caller: Caller,
    key: Option<IdempotencyKey>,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<ContributionResponse>, ApiError> {
    Ok(AppJson(ops::contributions::cancel(&state.db, &caller, key.as_ref(), id).await?))
}

/// FX rates, newest first per currency.
#[utoipa::path(get, path = "/fx-rates", tag = "fx", params(ListFxRates, PageQuery), responses(
    (status = 200, body = Page<FxRateResponse>), (status = 403, body = ErrorBody)))]
async fn list_fx_rates(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListFxRates>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::fx::list_rates(&state.db, &caller, &query, &window).await?;
    window.respond(items, total, "fx-rates")
}

/// Admins set CHF per unit of a currency from a date on (replacing that day's rate).
#[utoipa::path(post, path = "/fx-rates", tag = "fx", request_body = SetFxRate, responses(
    (status = 201, body = FxRateResponse), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn set_fx_rate(
    State(state): State<AppState>,
    caller: Caller,
    AppJson(input): AppJson<SetFxRate>,
) -> Result<(StatusCode, AppJson<FxRateResponse>), ApiError> {
    Ok((StatusCode::CREATED, AppJson(ops::fx::set_rate(&state.db, &caller, input).await?)))
}

/// Staff propose an allocation plan over the fundable projects (503 when projects is down).
#[utoipa::path(post, path = "/allocation-plans", tag = "allocations", request_body = ProposePlan, responses(
    (status = 201, body = PlanResponse), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    (status = 503, body = ErrorBody)))]
async fn propose_plan(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    AppJson(input): AppJson<ProposePlan>,
) -> Result<(StatusCode, AppJson<PlanResponse>), ApiError> {
    let plan = ops::plans::propose(&state.db, &state.upstreams, &caller, &identity(&headers), input).await?;
    Ok((StatusCode::CREATED, AppJson(plan)))
}

/// A plan, proposed or committed.
#[utoipa::path(get, path = "/allocation-plans/{id}", tag = "allocations", params(("id" = Uuid, Path)), responses(
    (status = 200, body = PlanResponse), (status = 404, body = ErrorBody)))]
async fn get_plan(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<PlanResponse>, ApiError> {
    Ok(AppJson(ops::plans::get(&state.db, &caller, id).await?))
}

/// Commit a plan: all its allocations or none; 409 `plan_stale` when balances moved since.
#[utoipa::path(post, path = "/allocation-plans/{id}/commit", tag = "allocations", params(("id" = Uuid, Path),
    ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe: the same key and body answer the first response")),
    responses((status = 200, body = PlanResponse), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn commit_plan(
    State(state): State<AppState>,
    caller: Caller,
    key: Option<IdempotencyKey>,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<PlanResponse>, ApiError> {
    Ok(AppJson(ops::plans::commit(&state.db, &caller, key.as_ref(), id).await?))
}

/// Money per contribution and project: allocated, disbursed, unspent (CHF).
#[utoipa::path(get, path = "/allocations", tag = "allocations", params(ListAllocations, PageQuery), responses(
    (status = 200, body = Page<AllocationResponse>), (status = 403, body = ErrorBody)))]
async fn list_allocations(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListAllocations>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::allocations::list(&state.db, &caller, &query, &window).await?;
    window.respond(items, total, "allocations")
}

/// Disbursements, newest first.
#[utoipa::path(get, path = "/disbursements", tag = "allocations", params(ListDisbursements, PageQuery), responses(
    (status = 200, body = Page<DisbursementResponse>), (status = 403, body = ErrorBody)))]
async fn list_disbursements(
    State(state): State<AppState>,
    caller: Caller,
    AppQuery(query): AppQuery<ListDisbursements>,
    AppQuery(page): AppQuery<PageQuery>,
) -> Result<Response, ApiError> {
    let window = Window::new(query.format, page)?;
    let (items, total) = ops::disbursements::list(&state.db, &caller, &query, &window).await?;
    window.respond(items, total, "disbursements")
}

/// Staff record a disbursement out of a project's allocations (409 beyond what is allocated).
#[utoipa::path(post, path = "/disbursements", tag = "allocations", params(("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe: the same key and body answer the first response")),
    request_body = CreateDisbursement, responses(
    (status = 201, body = DisbursementResponse), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
    (status = 422, body = ErrorBody)))]
async fn create_disbursement(
    State(state): State<AppState>,
    caller: Caller,
    key: Option<IdempotencyKey>,
    AppJson(input): AppJson<CreateDisbursement>,
) -> Result<(StatusCode, AppJson<DisbursementResponse>), ApiError> {
    Ok((StatusCode::CREATED, AppJson(ops::disbursements::disburse(&state.db, &caller, key.as_ref(), input).await?)))
}

/// Staff release a completed or cancelled project's unspent allocations to their contributions.
#[utoipa::path(post, path = "/projects/{id}/release", tag = "allocations", params(("id" = Uuid, Path),
    ("Idempotency-Key" = Option<String>, Header, description = "Repeat-safe: the same key and body answer the first response")), responses(
    (status = 200, body = ReleaseResponse), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
    (status = 503, body = ErrorBody)))]
async fn release_project(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    key: Option<IdempotencyKey>,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<ReleaseResponse>, ApiError> {
    let id_header = identity(&headers);
    Ok(AppJson(ops::disbursements::release(&state.db, &state.upstreams, &caller, &id_header, key.as_ref(), id).await?))
}

/// Recompute the ledger's hash chain; names the first broken entry.
#[utoipa::path(get, path = "/ledger/verify", tag = "ledger", responses(
    (status = 200, body = LedgerVerification), (status = 403, body = ErrorBody)))]
async fn verify_ledger(State(state): State<AppState>, caller: Caller) -> Result<AppJson<LedgerVerification>, ApiError> {
    Ok(AppJson(ops::ledger::verify(&state.db, &caller).await?))
}

/// A donor's statement as JSON, CSV or a printable HTML page (a donor account: its own only).
#[utoipa::path(get, path = "/donors/{id}/statement", tag = "donors", params(("id" = Uuid, Path), StatementQuery),
    responses((status = 200, body = DonorStatement), (status = 404, body = ErrorBody)))]
async fn donor_statement(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppQuery(query): AppQuery<StatementQuery>,
) -> Result<Response, ApiError> {
    let s = ops::statement::statement(&state.db, &caller, id).await?;
    Ok(match query.format {
        StatementFormat::Json => axum::Json(s).into_response(),
        StatementFormat::Csv => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"statement-{id}.csv\"")),
            ],
            ops::statement::to_csv(&s)?,
        )
            .into_response(),
        StatementFormat::Html => axum::response::Html(ops::statement::to_html(&s)).into_response(),
    })
}

/// Funding KPIs in CHF, including `funding_by_region_rolling_3y`.
#[utoipa::path(get, path = "/kpis", tag = "kpis", responses((status = 200, body = FundingKpis), (status = 401, body = ErrorBody)))]
async fn kpis(State(state): State<AppState>, caller: Caller) -> Result<AppJson<FundingKpis>, ApiError> {
    Ok(AppJson(ops::kpis::kpis(&state.db, &caller).await?))
}
