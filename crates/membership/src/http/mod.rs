//! HTTP surface of the membership service: one router per resource, thin handlers, OpenAPI.

mod countries;
mod import;
mod kpis;
mod members;
mod participations;
mod regions;
mod upgrades;

use axum::Router;
use sea_orm::DatabaseConnection;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: DatabaseConnection,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Trellis membership service",
        description = "Member bodies, countries and liaison regions with their history, upgrade requests, \
                       technical-committee participation, CSV import and the participation KPIs.\n\n\
                       Error codes beyond the shared ones: `country_has_member`, `member_withdrawn`, \
                       `member_not_active`, `illegal_upgrade`, `no_higher_category`, `upgrade_request_open`, \
                       `upgrade_request_decided`, `upgrade_request_stale`, `participation_overlap`, \
                       `country_not_developing`, `already_in_region` (409) and `malformed_csv` (400)."
    ),
    tags(
        (name = "reference", description = "Countries and liaison regions (public), and their history"),
        (name = "members", description = "National standards bodies"),
        (name = "upgrades", description = "Requests to move up one membership category"),
        (name = "participation", description = "Technical-committee participation"),
        (name = "import", description = "CSV import of members and participations"),
        (name = "kpis", description = "Participation KPIs")
    )
)]
struct ApiDoc;

/// The service's routes and their OpenAPI document.
pub fn router(state: AppState) -> (Router, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(countries::router())
        .merge(regions::router())
        .merge(members::router())
        .merge(upgrades::router())
        .merge(participations::router())
        .merge(import::router())
        .merge(kpis::router())
        .with_state(state)
        .split_for_parts()
}
