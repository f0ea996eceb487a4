//! Staff reviews against the four principles, and the suggested geographic score.

use std::collections::BTreeMap;

use api_types::Role;
use api_types::money::{CHF, Money};
use api_types::projects::{
    CreateReview, GeographicSuggestion, PrincipleScore, ProjectStatus, RegionReceived, ReviewResponse, ReviewsResponse,
};
use platform::{ApiError, Caller};
use sea_orm::{DatabaseConnection, DbErr};
use uuid::Uuid;

use super::upstream::{Forwarded, Upstreams};
use crate::domain::review::{Review, suggest};
use crate::domain::{Refusal, codes};
use crate::error::Result;
use crate::store::{self, projects, workflow};

/// Who reads reviews: the people who review and monitor, not the proposer.
const READERS: &[Role] = &[Role::Staff, Role::Committee, Role::Admin];

/// A staff member reviews a proposal under review; their second review in the same round
/// replaces the first.
pub async fn review(db: &DatabaseConnection, caller: &Caller, id: Uuid, input: CreateReview) -> Result<ReviewResponse> {
    let user = caller.require(&[Role::Staff])?;
    let review = Review::parse([
        (input.objective_oriented.score, input.objective_oriented.comment.as_str()),
        (input.topic_oriented.score, input.topic_oriented.comment.as_str()),
        (input.delivery_oriented.score, input.delivery_oriented.comment.as_str()),
        (input.geographic.score, input.geographic.comment.as_str()),
    ])?;
    let txn = store::write_txn(db).await?;
    let row = projects::find_for_update(&txn, id).await?.ok_or_else(|| ApiError::not_found("project"))?;
    if row.status()? != ProjectStatus::UnderReview {
        return Err(Refusal::conflict(
            codes::WRONG_STATUS,
            format!("Only a proposal under review is scored; this one is {}.", row.status.as_str()),
        )
        .into());
    }
    let saved = workflow::save_review(&txn, row.id, row.review_round, user.id, &review).await?;
    txn.commit().await?;
    Ok(to_response(saved)?)
}

/// The reviews of a project, oldest first, with the geographic suggestion (absent when the
/// funding service cannot be reached).
pub async fn reviews(
    db: &DatabaseConnection,
    upstreams: &Upstreams,
    fwd: &Forwarded,
    caller: &Caller,
    id: Uuid,
) -> Result<ReviewsResponse> {
    caller.require(READERS)?;
    let row = projects::find(db, id).await?.ok_or_else(|| ApiError::not_found("project"))?;
    let items =
        workflow::reviews_of(db, vec![row.id]).await?.into_iter().map(to_response).collect::<Result<Vec<_>, _>>()?;
    let project = projects::with_parts(db, vec![row]).await?.pop().ok_or_else(|| ApiError::not_found("project"))?;
    let geographic_suggestion = match upstreams.funding(fwd).region_funding().await {
        Ok(funding) => {
            let by_region: BTreeMap<String, i64> = funding
                .funding_by_region_rolling_3y
                .into_iter()
                .filter(|r| r.allocated.currency == CHF)
                .map(|r| (r.region, r.allocated.minor))
                .collect();
            suggest(&project.regions, &by_region).map(|s| GeographicSuggestion {
                score: s.score,
                regions: s
                    .regions
                    .into_iter()
                    .map(|(region, minor)| RegionReceived { region, allocated: Money::new(minor, CHF) })
                    .collect(),
                total: Money::new(s.total, CHF),
                region_count: u32::try_from(s.region_count).unwrap_or(u32::MAX),
            })
        }
        Err(e) => {
            tracing::info!(error = %e, "funding per region unavailable; no geographic suggestion");
            None
        }
    };
    Ok(ReviewsResponse { items, geographic_suggestion })
}

fn to_response(r: workflow::reviews::Model) -> Result<ReviewResponse, DbErr> {
    let score = |s: i16, c: String| PrincipleScore { score: i64::from(s), comment: c };
    let total = [r.objective_score, r.topic_score, r.delivery_score, r.geographic_score]
        .iter()
        .map(|s| i64::from(*s))
        .sum::<i64>();
    Ok(ReviewResponse {
        id: r.id,
        project_id: r.project_id,
        reviewer: r.reviewer_id,
        round: u32::try_from(r.round).unwrap_or(0),
        objective_oriented: score(r.objective_score, r.objective_comment),
        topic_oriented: score(r.topic_score, r.topic_comment),
        delivery_oriented: score(r.delivery_score, r.delivery_comment),
        geographic: score(r.geographic_score, r.geographic_comment),
        total: u32::try_from(total).map_err(|_| DbErr::Custom(format!("review total {total}")))?,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}
