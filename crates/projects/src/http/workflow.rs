//! `/projects/{id}/transitions`, `/projects/{id}/approvals` and `/projects/{id}/reviews`.

use api_types::ErrorBody;
use api_types::projects::{
    ApprovalResponse, CreateApproval, CreateReview, ProjectResponse, ProjectStatus, ReviewResponse, ReviewsResponse,
    TransitionRequest, TransitionResponse,
};
use axum::extract::State;
use axum::http::StatusCode;
use platform::{AppJson, AppPath, Caller};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::AppState;
use crate::error::Result;
use crate::ops::{self, upstream::Forwarded};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_transitions, transition))
        .routes(routes!(list_approvals, approve))
        .routes(routes!(list_reviews, review))
}

/// The audit trail: every status change with who, when and why, oldest first.
#[utoipa::path(get, path = "/projects/{id}/transitions", tag = "workflow", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Vec<TransitionResponse>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_transitions(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<Vec<TransitionResponse>>> {
    Ok(AppJson(ops::transition::trail(&state.db, &caller, id).await?))
}

/// Moves a project: members submit and resubmit their own; staff start the review, return,
/// approve and reject; staff or the owner start and complete delivery and cancel. Returning,
/// rejecting and cancelling need a `reason`. `to: approved` records the caller's approval and
/// moves the project once enough distinct staff approved (two above the threshold); the
/// drafter and the proposing member never approve. `funded` follows the funding service (403)
/// and `evaluated` comes with `POST /projects/{id}/evaluation` (409 `evaluation_required`).
/// An illegal step is 409 `illegal_transition` with `details.allowed`.
#[utoipa::path(post, path = "/projects/{id}/transitions", tag = "workflow", params(("id" = Uuid, Path)),
    request_body = TransitionRequest, responses(
    (status = 200, body = ProjectResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn transition(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<TransitionRequest>,
) -> Result<AppJson<ProjectResponse>> {
    let project = ops::transition::transition(&state.db, &caller, id, input.to, input.reason.as_deref()).await?;
    Ok(AppJson(project))
}

/// Every staff approval, all review rounds.
#[utoipa::path(get, path = "/projects/{id}/approvals", tag = "workflow", params(("id" = Uuid, Path)), responses(
    (status = 200, body = Vec<ApprovalResponse>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_approvals(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<Vec<ApprovalResponse>>> {
    Ok(AppJson(ops::projects::approvals(&state.db, &caller, id).await?))
}

/// A staff member approves a proposal under review: the same as a transition to `approved`.
#[utoipa::path(post, path = "/projects/{id}/approvals", tag = "workflow", params(("id" = Uuid, Path)),
    request_body = CreateApproval, responses(
    (status = 200, body = ProjectResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<CreateApproval>,
) -> Result<AppJson<ProjectResponse>> {
    let project =
        ops::transition::transition(&state.db, &caller, id, ProjectStatus::Approved, input.reason.as_deref()).await?;
    Ok(AppJson(project))
}

/// Reviews (staff, committee, admin) with the suggested geographic score, absent when the
/// funding service cannot be reached.
#[utoipa::path(get, path = "/projects/{id}/reviews", tag = "workflow", params(("id" = Uuid, Path)), responses(
    (status = 200, body = ReviewsResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody)))]
async fn list_reviews(
    State(state): State<AppState>,
    caller: Caller,
    fwd: Forwarded,
    AppPath(id): AppPath<Uuid>,
) -> Result<AppJson<ReviewsResponse>> {
    Ok(AppJson(ops::reviews::reviews(&state.db, &state.upstreams, &fwd, &caller, id).await?))
}

/// Staff score a proposal under review on the four principles, 0–5 each with a comment; a
/// second review by the same person in the same round replaces the first.
#[utoipa::path(post, path = "/projects/{id}/reviews", tag = "workflow", params(("id" = Uuid, Path)),
    request_body = CreateReview, responses(
    (status = 201, body = ReviewResponse), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
    (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn review(
    State(state): State<AppState>,
    caller: Caller,
    AppPath(id): AppPath<Uuid>,
    AppJson(input): AppJson<CreateReview>,
) -> Result<(StatusCode, AppJson<ReviewResponse>)> {
    Ok((StatusCode::CREATED, AppJson(ops::reviews::review(&state.db, &caller, id, input).await?)))
}
