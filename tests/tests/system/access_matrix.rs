//! The access matrix: every route of the merged OpenAPI document × every role, against an
//! expected outcome written down here per route — never derived from what the system answers.
//!
//! A route in the document that is missing from [`rules`] fails the test, so a new route
//! cannot ship unclassified; a rule whose route left the document fails it too. Ownership is
//! part of it: path parameters name records of `member@trellis.test`'s member body, so "other
//! member" (an account of another member body) shows that one member cannot reach another's.
//!
//! Writes carry valid bodies, so that a refusal comes from the access check and not from body
//! parsing, and target records in a state where the write would be legal; rules run in table
//! order (reads first, sign-out last), and within a rule the refused roles go first, so that
//! they meet the record while the write is still possible. A role that may write is accepted
//! when the domain then refuses the repeat (409/422).

use reqwest::Method;
use serde_json::{Value, json};
use system_tests::{Session, TestSystem};
use uuid::Uuid;

/// The roles of the matrix, in the order of each rule's expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Donor,
    Member,
    OtherMember,
    Staff,
    Committee,
    Admin,
}

const WHO: [Who; 7] =
    [Who::Anonymous, Who::Donor, Who::Member, Who::OtherMember, Who::Staff, Who::Committee, Who::Admin];

/// What one role gets from one route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum E {
    /// Through the access check: 2xx (a write may also meet 409/422 from the domain rules).
    A,
    /// 401: sign in first.
    U,
    /// 403: signed in, not allowed.
    D,
    /// Another's record: 404 (or 403), indistinguishable from nothing.
    H,
    /// Exactly this status, for routes whose answer does not depend on access.
    S(u16),
}
use E::{A, D, H, S, U};

//                                anon donor member other staff committee admin
const PUBLIC: [E; 7] = [A, A, A, A, A, A, A];
const SIGNED_IN: [E; 7] = [U, A, A, A, A, A, A];
const OWN_MEMBER_READ: [E; 7] = [U, A, A, H, A, A, A];
const STAFF_ADMIN: [E; 7] = [U, D, D, D, A, D, A];
const ADMIN_ONLY: [E; 7] = [U, D, D, D, D, D, A];
const MEMBERS_ONLY: [E; 7] = [U, D, A, A, D, D, D];
/// Members for their own body, staff on a member's behalf.
const MEMBERS_AND_STAFF: [E; 7] = [U, D, A, A, A, D, D];

/// Records the rules point at, found or made before the matrix runs.
struct Ctx {
    member: Uuid,
    country: String,
    free_countries: Vec<String>,
    region: String,
    participation: Uuid,
    /// One participation per role for the delete rule, so each attempt has something to delete.
    doomed: Vec<Uuid>,
    /// An upgrade request of the other member's body.
    upgrade_request: Uuid,
    /// A draft of the member's, for reads and for writes that a draft refuses.
    project: Uuid,
    /// Another draft of the member's, to be cancelled.
    project_to_cancel: Uuid,
    /// Demo projects of the member's in these states, with an indicator and an actual.
    evaluated: Uuid,
    in_progress: Uuid,
    under_review: Uuid,
    indicator: Uuid,
    actual: Uuid,
    other_account: Uuid,
    /// ICT-support requests of the member's body in these states; the questionnaire's version
    /// and first section; a recommendation of the scored request; the staff account's id.
    accepted_request: Uuid,
    scored_request: Uuid,
    assessing_request: Uuid,
    open_request: Uuid,
    version: i64,
    section: String,
    recommendation: Uuid,
    staff_account: Uuid,
    /// Pledges of the demo donor: one to receive (and read), one to cancel; a proposed plan.
    pledge: Uuid,
    pledge_to_cancel: Uuid,
    plan: Uuid,
    spare_account: Uuid,
}

enum Body {
    None,
    Json(Value),
    Csv(&'static str),
}

struct Rule {
    method: &'static str,
    route: &'static str,
    expect: [E; 7],
    path: fn(&Ctx, Who) -> String,
    body: fn(&Ctx, Who) -> Body,
}

fn who_index(who: Who) -> usize {
    WHO.iter().position(|w| *w == who).unwrap_or_default()
}

/// Every route, classified. Keep in the order reads → writes → deletes → sign-out.
#[allow(clippy::too_many_lines)] // one table, read top to bottom
fn rules() -> Vec<Rule> {
    fn no_body(_: &Ctx, _: Who) -> Body {
        Body::None
    }
    macro_rules! rule {
        ($method:literal $route:literal, $expect:expr) => {
            Rule { method: $method, route: $route, expect: $expect, path: |_, _| $route.to_owned(), body: no_body }
        };
        ($method:literal $route:literal, $expect:expr, path = $path:expr) => {
            Rule { method: $method, route: $route, expect: $expect, path: $path, body: no_body }
        };
        ($method:literal $route:literal, $expect:expr, path = $path:expr, body = $body:expr) => {
            Rule { method: $method, route: $route, expect: $expect, path: $path, body: $body }
        };
    }
    vec![
        // --- system and auth reads
        rule!("GET" "/api/health", PUBLIC),
        // --- composed by the gateway: the dashboard, the public portal, the IATI export
        rule!("GET" "/api/dashboard", [U, D, D, D, A, A, A]),
        rule!("GET" "/api/public/summary", PUBLIC),
        rule!("GET" "/api/public/projects", PUBLIC),
        rule!("GET" "/api/projects/iati.xml", PUBLIC),
        rule!("GET" "/api/auth/me", SIGNED_IN),
        rule!("GET" "/api/auth/accounts", ADMIN_ONLY),
        rule!("GET" "/api/auth/accounts/{id}", ADMIN_ONLY, path = |c, _| format!("/api/auth/accounts/{}", c.other_account)),
        // --- membership reads
        rule!("GET" "/api/membership/countries", PUBLIC),
        rule!("GET" "/api/membership/countries/{code}", PUBLIC, path = |c, _| format!("/api/membership/countries/{}", c.country)),
        rule!("GET" "/api/membership/regions", PUBLIC),
        rule!("GET" "/api/membership/region-mapping", SIGNED_IN),
        rule!("GET" "/api/membership/reference-changes", [U, D, D, D, A, A, A]),
        rule!("GET" "/api/membership/kpis", [U, A, D, D, A, A, A]),
        rule!("GET" "/api/membership/members", SIGNED_IN),
        rule!("GET" "/api/membership/members/{id}", OWN_MEMBER_READ, path = |c, _| format!("/api/membership/members/{}", c.member)),
        // The directory entry: public facts of any body, for every signed-in role.
        rule!("GET" "/api/membership/members/{id}/summary", SIGNED_IN,
            path = |c, _| format!("/api/membership/members/{}/summary", c.member)),
        rule!("GET" "/api/membership/members/{id}/category-history", OWN_MEMBER_READ,
            path = |c, _| format!("/api/membership/members/{}/category-history", c.member)),
        rule!("GET" "/api/membership/members/{id}/participations", OWN_MEMBER_READ,
            path = |c, _| format!("/api/membership/members/{}/participations", c.member)),
        rule!("GET" "/api/membership/members/{id}/upgrade-requests", OWN_MEMBER_READ,
            path = |c, _| format!("/api/membership/members/{}/upgrade-requests", c.member)),
        rule!("GET" "/api/membership/participations", SIGNED_IN),
        rule!("GET" "/api/membership/participations/{id}", OWN_MEMBER_READ,
            path = |c, _| format!("/api/membership/participations/{}", c.participation)),
        rule!("GET" "/api/membership/upgrade-requests", SIGNED_IN),
        // The other member's request: the member may not read it.
        rule!("GET" "/api/membership/upgrade-requests/{id}", [U, A, H, A, A, A, A],
            path = |c, _| format!("/api/membership/upgrade-requests/{}", c.upgrade_request)),
        // --- projects, funding, assessments reads
        rule!("GET" "/api/projects/projects", SIGNED_IN),
        // A draft of the member's: nobody else's member account, and no donor, sees drafts.
        rule!("GET" "/api/projects/projects/{id}", [U, H, A, H, A, A, A],
            path = |c, _| format!("/api/projects/projects/{}", c.project)),
        rule!("GET" "/api/projects/projects/fundable", [U, A, D, D, A, A, A]),
        rule!("GET" "/api/projects/kpis", [U, A, D, D, A, A, A]),
        rule!("GET" "/api/projects/projects/{id}/transitions", [U, H, A, H, A, A, A],
            path = |c, _| format!("/api/projects/projects/{}/transitions", c.project)),
        rule!("GET" "/api/projects/projects/{id}/approvals", [U, H, A, H, A, A, A],
            path = |c, _| format!("/api/projects/projects/{}/approvals", c.project)),
        rule!("GET" "/api/projects/projects/{id}/indicators", [U, H, A, H, A, A, A],
            path = |c, _| format!("/api/projects/projects/{}/indicators", c.project)),
        // Reviews are the secretariat's and the committee's reading.
        rule!("GET" "/api/projects/projects/{id}/reviews", [U, H, H, H, A, A, A],
            path = |c, _| format!("/api/projects/projects/{}/reviews", c.project)),
        // A published project: every signed-in role reads its evaluation.
        rule!("GET" "/api/projects/projects/{id}/evaluation", SIGNED_IN,
            path = |c, _| format!("/api/projects/projects/{}/evaluation", c.evaluated)),
        rule!("GET" "/api/funding/donors", [U, A, D, D, A, A, A]),
        rule!("GET" "/api/funding/donors/{id}", [U, A, D, D, A, A, A],
            path = |_, _| format!("/api/funding/donors/{}", platform::demo::DONOR_ID)),
        rule!("GET" "/api/funding/donors/{id}/statement", [U, A, D, D, A, A, A],
            path = |_, _| format!("/api/funding/donors/{}/statement", platform::demo::DONOR_ID)),
        rule!("GET" "/api/funding/contributions", [U, A, D, D, A, A, A]),
        rule!("GET" "/api/funding/contributions/{id}", [U, A, D, D, A, A, A],
            path = |c, _| format!("/api/funding/contributions/{}", c.pledge)),
        rule!("GET" "/api/funding/allocations", [U, A, D, D, A, A, A]),
        rule!("GET" "/api/funding/fx-rates", [U, A, D, D, A, A, A]),
        rule!("GET" "/api/funding/allocation-plans/{id}", [U, D, D, D, A, A, A],
            path = |c, _| format!("/api/funding/allocation-plans/{}", c.plan)),
        rule!("GET" "/api/funding/disbursements", [U, D, D, D, A, A, A]),
        rule!("GET" "/api/funding/ledger/verify", [U, D, D, D, A, A, A]),
        rule!("GET" "/api/funding/kpis", SIGNED_IN),
        rule!("GET" "/api/assessments/questionnaires/current", SIGNED_IN),
        rule!("GET" "/api/assessments/requests", [U, D, A, A, A, A, A]),
        rule!("GET" "/api/assessments/questionnaires/{version}", SIGNED_IN,
            path = |c, _| format!("/api/assessments/questionnaires/{}", c.version)),
        rule!("GET" "/api/assessments/kpis", [U, A, D, D, A, A, A]),
        rule!("GET" "/api/assessments/members/{id}/maturity", [U, D, A, H, A, A, A],
            path = |c, _| format!("/api/assessments/members/{}/maturity", c.member)),
        rule!("GET" "/api/assessments/requests/{id}", [U, D, A, H, A, A, A],
            path = |c, _| format!("/api/assessments/requests/{}", c.accepted_request)),
        rule!("GET" "/api/assessments/requests/{id}/assessment", [U, D, A, H, A, A, A],
            path = |c, _| format!("/api/assessments/requests/{}/assessment", c.accepted_request)),
        rule!("GET" "/api/assessments/requests/{id}/score", [U, D, A, H, A, A, A],
            path = |c, _| format!("/api/assessments/requests/{}/score", c.accepted_request)),
        rule!("GET" "/api/assessments/requests/{id}/recommendations", [U, D, A, H, A, A, A],
            path = |c, _| format!("/api/assessments/requests/{}/recommendations", c.accepted_request)),
        rule!("POST" "/api/auth/login", [S(401); 7], path = |_, _| "/api/auth/login".to_owned(),
            body = |_, _| Body::Json(json!({"email": "nobody@trellis.test", "password": "not the password"}))),
        // A wrong current password: signed-in callers get past access to the 422.
        rule!("POST" "/api/auth/password", SIGNED_IN, path = |_, _| "/api/auth/password".to_owned(),
            body = |_, _| Body::Json(json!({"current_password": "not the password", "new_password": "granite kettle orbit"}))),
        rule!("POST" "/api/auth/accounts", ADMIN_ONLY, path = |_, _| "/api/auth/accounts".to_owned(),
        body = |_, w| Body::Json(json!({
            "email": format!("matrix-{}@trellis.test", who_index(w)), "password": "granite kettle orbit", "role": "committee"
        }))),
        rule!("PATCH" "/api/auth/accounts/{id}", ADMIN_ONLY, path = |c, _| format!("/api/auth/accounts/{}", c.other_account),
            body = |_, _| Body::Json(json!({"disabled": false}))),
        rule!("POST" "/api/auth/accounts/{id}/password", ADMIN_ONLY,
            path = |c, _| format!("/api/auth/accounts/{}/password", c.spare_account),
            body = |_, _| Body::Json(json!({"password": "granite kettle orbit"}))),
        // --- membership writes
        rule!("POST" "/api/membership/members", STAFF_ADMIN, path = |_, _| "/api/membership/members".to_owned(),
        body = |c, w| Body::Json(json!({
            "country": c.free_countries[who_index(w)], "name": format!("Matrix Standards Body {}", who_index(w)),
            "acronym": format!("MSB{}", who_index(w)), "category": "subscriber", "joined_on": "2020-01-01"
        }))),
        rule!("PATCH" "/api/membership/members/{id}", STAFF_ADMIN, path = |c, _| format!("/api/membership/members/{}", c.member),
            body = |_, _| Body::Json(json!({"devco": true}))),
        rule!("PUT" "/api/membership/members/{id}/contact", [U, D, A, D, A, D, A],
            path = |c, _| format!("/api/membership/members/{}/contact", c.member),
            body = |_, _| Body::Json(json!({"contact_person": "Matrix Contact", "email": "contact@example.org"}))),
        rule!("POST" "/api/membership/members/{id}/upgrade-requests", [U, D, A, D, A, D, A],
            path = |c, _| format!("/api/membership/members/{}/upgrade-requests", c.member),
            body = |_, _| Body::Json(json!({"to_category": "member_body", "justification": "Ready to take part fully."}))),
        rule!("POST" "/api/membership/upgrade-requests/{id}/decision", [U, D, D, D, A, D, D],
            path = |c, _| format!("/api/membership/upgrade-requests/{}/decision", c.upgrade_request),
            body = |_, _| Body::Json(json!({"decision": "reject", "reason": "Checked by the access matrix."}))),
        rule!("POST" "/api/membership/members/{id}/participations", STAFF_ADMIN,
            path = |c, _| format!("/api/membership/members/{}/participations", c.member),
            body = |_, w| Body::Json(json!({"committee": format!("ISO/TC {}", 900 + who_index(w)), "role": "O", "since": "2021-03-01"}))),
        rule!("PUT" "/api/membership/participations/{id}", STAFF_ADMIN,
            path = |c, _| format!("/api/membership/participations/{}", c.participation),
            body = |_, _| Body::Json(json!({"committee": "ISO/TC 176", "role": "P", "since": "2019-01-01"}))),
        rule!("POST" "/api/membership/import", STAFF_ADMIN, path = |_, _| "/api/membership/import?kind=participations".to_owned(),
            body = |_, _| Body::Csv("member_country,committee,role,since,until\n")),
        rule!("PUT" "/api/membership/countries/{code}/developing", STAFF_ADMIN,
            path = |c, _| format!("/api/membership/countries/{}/developing", c.free_countries[0]),
            body = |_, _| Body::Json(json!({"developing": null, "reason": "Checked by the access matrix."}))),
        rule!("PUT" "/api/membership/countries/{code}/region", STAFF_ADMIN,
            path = |c, _| format!("/api/membership/countries/{}/region", c.country),
            body = |c, _| Body::Json(json!({"region": c.region, "reason": "Checked by the access matrix."}))),
        rule!("PATCH" "/api/membership/regions/{code}", STAFF_ADMIN, path = |c, _| format!("/api/membership/regions/{}", c.region),
            body = |_, _| Body::Json(json!({"reason": "Checked by the access matrix."}))),
        // --- projects, funding, assessments writes
        rule!("POST" "/api/projects/projects", MEMBERS_AND_STAFF, path = |_, _| "/api/projects/projects".to_owned(),
        body = |c, w| {
            let mut proposal = json!({"title": "Matrix proposal", "summary": "Checks access.", "objective": 3, "theme": "ict_support"});
            if w == Who::Staff {
                proposal["member_id"] = json!(c.member);
            }
            Body::Json(proposal)
        }),
        // Editing the member's draft: its own accounts and staff; others never see a draft.
        rule!("PUT" "/api/projects/projects/{id}", [U, H, A, H, A, D, D],
            path = |c, _| format!("/api/projects/projects/{}", c.project),
            body = |_, _| Body::Json(json!({"title": "Matrix proposal, edited", "summary": "Checks access.", "objective": 3, "theme": "ict_support"}))),
        rule!("POST" "/api/projects/projects/{id}/transitions", [U, H, A, H, A, D, D],
            path = |c, _| format!("/api/projects/projects/{}/transitions", c.project_to_cancel),
            body = |_, _| Body::Json(json!({"to": "cancelled", "reason": "Checked by the access matrix."}))),
        rule!("POST" "/api/projects/projects/{id}/approvals", [U, H, D, H, A, D, D],
            path = |c, _| format!("/api/projects/projects/{}/approvals", c.under_review),
            body = |_, _| Body::Json(json!({"reason": "Checked by the access matrix."}))),
        rule!("POST" "/api/projects/projects/{id}/reviews", [U, H, D, H, A, D, D],
        path = |c, _| format!("/api/projects/projects/{}/reviews", c.project),
        body = |_, _| {
            let s = json!({"score": 3, "comment": "Checked by the access matrix."});
            Body::Json(json!({"objective_oriented": s, "topic_oriented": s, "delivery_oriented": s, "geographic": s}))
        }),
        rule!("POST" "/api/projects/projects/{id}/indicators", [U, H, A, H, A, D, D],
            path = |c, _| format!("/api/projects/projects/{}/indicators", c.project),
            body = |_, _| Body::Json(json!({"name": "People trained", "unit": "people", "baseline": 0, "target": 40}))),
        // A published project: others see it, so they are refused rather than kept in the dark.
        rule!("POST" "/api/projects/projects/{id}/indicators/{indicator_id}/actuals", [U, D, A, D, D, D, D],
            path = |c, _| format!("/api/projects/projects/{}/indicators/{}/actuals", c.in_progress, c.indicator),
            body = |_, _| Body::Json(json!({"period": "2026-Q1", "value": 12}))),
        rule!("POST" "/api/projects/projects/{id}/actuals/{actual_id}/decision", [U, D, D, D, A, D, D],
            path = |c, _| format!("/api/projects/projects/{}/actuals/{}/decision", c.in_progress, c.actual),
            body = |_, _| Body::Json(json!({"approve": true}))),
        rule!("POST" "/api/projects/projects/{id}/evaluation", [U, D, D, D, A, D, D],
            path = |c, _| format!("/api/projects/projects/{}/evaluation", c.evaluated),
            body = |_, _| Body::Json(json!({"rating": 4, "narrative": "Checked by the access matrix."}))),
        rule!("POST" "/api/funding/donors", STAFF_ADMIN, path = |_, _| "/api/funding/donors".to_owned(),
            body = |_, w| Body::Json(json!({"name": format!("Matrix Fund {}", who_index(w)), "donor_type": "foundation", "country": null}))),
        // Staff edit a donor: the demo donor, set to what it already is (its seeded country and consent).
        rule!("PATCH" "/api/funding/donors/{id}", STAFF_ADMIN,
            path = |_, _| format!("/api/funding/donors/{}", platform::demo::DONOR_ID),
            body = |_, _| Body::Json(json!({"country": "SE", "publicly_named": true}))),
        // A donor pledges for itself; staff name the donor.
        rule!("POST" "/api/funding/contributions", [U, A, D, D, A, D, A], path = |_, _| "/api/funding/contributions".to_owned(),
        body = |_, _| Body::Json(json!({
            "donor_id": platform::demo::DONOR_ID, "amount": {"amount": "1000.00", "currency": "CHF"},
            "earmark": {"kind": "unrestricted"}
        }))),
        rule!("POST" "/api/funding/contributions/{id}/receipt", STAFF_ADMIN,
            path = |c, _| format!("/api/funding/contributions/{}/receipt", c.pledge),
            body = |_, _| Body::Json(json!({"amount": {"amount": "500.00", "currency": "CHF"}, "value_date": "2026-01-15"}))),
        rule!("POST" "/api/funding/contributions/{id}/cancel", [U, A, D, D, A, D, A],
            path = |c, _| format!("/api/funding/contributions/{}/cancel", c.pledge_to_cancel)),
        rule!("POST" "/api/funding/fx-rates", ADMIN_ONLY, path = |_, _| "/api/funding/fx-rates".to_owned(),
            body = |_, _| Body::Json(json!({"currency": "EUR", "valid_from": "2026-01-01", "rate": "0.9400"}))),
        rule!("POST" "/api/funding/allocation-plans", STAFF_ADMIN, path = |_, _| "/api/funding/allocation-plans".to_owned(),
            body = |_, _| Body::Json(json!({"priority": []}))),
        rule!("POST" "/api/funding/allocation-plans/{id}/commit", STAFF_ADMIN,
            path = |c, _| format!("/api/funding/allocation-plans/{}/commit", c.plan)),
        rule!("POST" "/api/funding/disbursements", STAFF_ADMIN, path = |_, _| "/api/funding/disbursements".to_owned(),
        body = |c, _| Body::Json(json!({
            "project_id": c.in_progress, "amount": {"amount": "1.00", "currency": "CHF"}, "note": "access matrix"
        }))),
        rule!("POST" "/api/funding/projects/{id}/release", STAFF_ADMIN,
            path = |c, _| format!("/api/funding/projects/{}/release", c.project_to_cancel)),
        rule!("POST" "/api/assessments/requests", MEMBERS_ONLY, path = |_, _| "/api/assessments/requests".to_owned(),
            body = |_, _| Body::Json(json!({"needs": "A faster line.", "context": "Drafting meetings drop.", "urgency": "medium"}))),
        // The published version again: staff get past access to 409 `version_not_newer`.
        rule!("POST" "/api/assessments/questionnaires", STAFF_ADMIN, path = |_, _| "/api/assessments/questionnaires".to_owned(),
            body = |_, _| Body::Json(serde_json::from_str(QUESTIONNAIRE).unwrap())),
        // Programme decisions are the secretariat's: staff only, not even admin.
        rule!("PUT" "/api/assessments/requests/{id}/assessor", [U, D, D, D, A, D, D],
            path = |c, _| format!("/api/assessments/requests/{}/assessor", c.assessing_request),
            body = |c, _| Body::Json(json!({"assessor_id": c.staff_account}))),
        // The member and the assigned assessor (staff, just assigned above) answer.
        rule!("PUT" "/api/assessments/requests/{id}/assessment/sections/{section}", [U, D, A, H, A, D, D],
            path = |c, _| format!("/api/assessments/requests/{}/assessment/sections/{}", c.assessing_request, c.section),
            body = |_, _| Body::Json(json!({"answers": {}}))),
        rule!("POST" "/api/assessments/requests/{id}/assessment/submit", [U, D, A, H, A, D, D],
            path = |c, _| format!("/api/assessments/requests/{}/assessment/submit", c.assessing_request)),
        rule!("POST" "/api/assessments/requests/{id}/recommendations", [U, D, D, H, A, D, D],
        path = |c, _| format!("/api/assessments/requests/{}/recommendations", c.scored_request),
        body = |_, _| Body::Json(json!({
            "title": "Router", "description": "A business router.", "category": "equipment",
            "cost": {"amount": "800.00", "currency": "CHF"}
        }))),
        rule!("PATCH" "/api/assessments/requests/{id}/recommendations/{rec_id}", [U, D, D, H, A, D, D],
            path = |c, _| format!("/api/assessments/requests/{}/recommendations/{}", c.scored_request, c.recommendation),
            body = |_, _| Body::Json(json!({"title": "Router and switch"}))),
        rule!("DELETE" "/api/assessments/requests/{id}/recommendations/{rec_id}", [U, D, D, H, A, D, D],
            path = |c, _| format!("/api/assessments/requests/{}/recommendations/{}", c.scored_request, c.recommendation)),
        rule!("POST" "/api/assessments/requests/{id}/accept", [U, D, D, H, A, D, D],
            path = |c, _| format!("/api/assessments/requests/{}/accept", c.scored_request),
            body = |_, _| Body::Json(json!({"title": "ICT support from the access matrix"}))),
        // The proposal exists once the package is accepted (just above).
        rule!("GET" "/api/assessments/requests/{id}/proposal", [U, D, A, H, A, A, A],
            path = |c, _| format!("/api/assessments/requests/{}/proposal", c.scored_request)),
        rule!("POST" "/api/assessments/requests/{id}/close", [U, D, D, H, A, D, D],
            path = |c, _| format!("/api/assessments/requests/{}/close", c.open_request),
            body = |_, _| Body::Json(json!({"reason": "Checked by the access matrix."}))),
        // --- deletes, then sign-out (which ends each role's session)
        rule!("DELETE" "/api/membership/participations/{id}", STAFF_ADMIN,
            path = |c, w| format!("/api/membership/participations/{}", c.doomed[who_index(w)])),
        rule!("POST" "/api/auth/logout", [S(204); 7]),
    ]
}

impl E {
    fn accepts(self, method: &str, status: u16) -> bool {
        match self {
            E::A => (200..300).contains(&status) || (method != "GET" && matches!(status, 409 | 422)),
            E::U => status == 401,
            E::D => status == 403,
            E::H => matches!(status, 403 | 404),
            E::S(s) => status == s,
        }
    }
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_table_says() {
    let system = TestSystem::start().await;
    let (status, doc) = system.get_json("/api/openapi.json", None).await;
    assert_eq!(status, 200);
    assert!(!doc["info"]["description"].as_str().unwrap_or_default().contains("Missing"), "a service did not answer");
    let rules = rules();

    // The table and the document name the same routes.
    let mut documented = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.push((method.to_uppercase(), path.clone()));
        }
    }
    let unclassified: Vec<String> = documented
        .iter()
        .filter(|(m, p)| !rules.iter().any(|r| r.method == m && r.route == p))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(unclassified.is_empty(), "routes without an access rule (add them to the table): {unclassified:#?}");
    let stale: Vec<String> = rules
        .iter()
        .filter(|r| !documented.iter().any(|(m, p)| r.method == m && r.route == p))
        .map(|r| format!("{} {}", r.method, r.route))
        .collect();
    assert!(stale.is_empty(), "rules for routes the document no longer has: {stale:#?}");

    let ctx = prepare(&system).await;
    let sessions = sign_in_everyone(&system).await;
    let mut failures = Vec::new();
    for rule in &rules {
        let mut order: Vec<(Who, E)> = WHO.into_iter().zip(rule.expect).collect();
        order.sort_by_key(|(_, e)| matches!(e, E::A | E::S(_)));
        for (who, expect) in &order {
            let (who, expect) = (who, *expect);
            let session = sessions[who_index(*who)].as_ref();
            let path = (rule.path)(&ctx, *who);
            let method = Method::from_bytes(rule.method.as_bytes()).unwrap();
            let mut req = system.request(method, &path, session);
            req = match (rule.body)(&ctx, *who) {
                Body::None => req,
                Body::Json(v) => req.json(&v),
                Body::Csv(text) => req.header("content-type", "text/csv").body(text),
            };
            let res = req.send().await.unwrap();
            let status = res.status().as_u16();
            if !expect.accepts(rule.method, status) {
                let body = res.text().await.unwrap_or_default();
                failures
                    .push(format!("{} {path} as {who:?}: expected {expect:?}, got {status} {body:.200}", rule.method));
            }
        }
    }
    assert!(failures.is_empty(), "{} access violations:\n{}", failures.len(), failures.join("\n"));
}

/// A session per role (`None` for anonymous), in [`WHO`] order.
async fn sign_in_everyone(system: &TestSystem) -> Vec<Option<Session>> {
    let mut out = Vec::new();
    for who in WHO {
        let email = match who {
            Who::Anonymous => {
                out.push(None);
                continue;
            }
            Who::Donor => "donor@trellis.test",
            Who::Member => "member@trellis.test",
            Who::OtherMember => "other-member@trellis.test",
            Who::Staff => "staff@trellis.test",
            Who::Committee => "committee@trellis.test",
            Who::Admin => "admin@trellis.test",
        };
        let password = if who == Who::OtherMember { OTHER_PASSWORD } else { platform::demo::PASSWORD };
        let res = system.login_response(email, password).await;
        assert_eq!(res.status(), 200, "sign-in of {email}");
        out.push(Some(session_of(res).await));
    }
    out
}

/// The questionnaire the assessments service publishes at start-up.
const QUESTIONNAIRE: &str = include_str!("../../../crates/assessments/data/questionnaire-v2.json");

const OTHER_PASSWORD: &str = "granite kettle orbit";

async fn session_of(res: reqwest::Response) -> Session {
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.split(';').next().filter(|kv| kv.starts_with("trellis_session=")).map(str::to_owned))
        .unwrap();
    let me: api_types::auth::Me = res.json().await.unwrap();
    Session { cookie, csrf: me.csrf_token.clone(), me }
}

async fn post(system: &TestSystem, who: &Session, path: &str, body: Value) -> Value {
    let res = system.request(Method::POST, path, Some(who)).json(&body).send().await.unwrap();
    let status = res.status();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "setup POST {path}: {status} {body}");
    body
}

/// Finds the member's records and makes the ones the demo data lacks.
async fn prepare(system: &TestSystem) -> Ctx {
    let staff = system.sign_in("staff@trellis.test").await;
    let admin = system.sign_in("admin@trellis.test").await;
    let member = system.sign_in("member@trellis.test").await;
    let member_id = platform::demo::MEMBER_ID;

    let (_, own) = system.get_json(&format!("/api/membership/members/{member_id}"), Some(&staff)).await;
    let country = own["country"].as_str().unwrap().to_owned();
    let (_, members) = system.get_json("/api/membership/members?per_page=200", Some(&staff)).await;
    let taken: Vec<&str> = members["items"].as_array().unwrap().iter().filter_map(|m| m["country"].as_str()).collect();
    let (_, countries) = system.get_json("/api/membership/countries?developing=true&per_page=200", None).await;
    let free_countries: Vec<String> = countries["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["code"].as_str())
        .filter(|c| !taken.contains(c))
        .take(WHO.len())
        .map(str::to_owned)
        .collect();
    assert_eq!(free_countries.len(), WHO.len());
    let (_, region) = system.get_json(&format!("/api/membership/countries/{country}"), None).await;
    let region = region["region"].as_str().unwrap_or("africa-anglophone").to_owned();

    let participations = format!("/api/membership/members/{member_id}/participations");
    let participation =
        post(system, &staff, &participations, json!({"committee": "ISO/TC 176", "role": "P", "since": "2019-01-01"}))
            .await;
    let mut doomed = Vec::new();
    for n in 0..WHO.len() {
        let p = post(
            system,
            &staff,
            &participations,
            json!({"committee": format!("ISO/TC {}", 800 + n), "role": "O", "since": "2020-01-01"}),
        )
        .await;
        doomed.push(p["id"].as_str().unwrap().parse().unwrap());
    }
    // The other member is one that can ask for an upgrade (the member's body is a member body
    // already): its request shows that a member cannot read another's.
    let (_, requests) = system.get_json("/api/membership/upgrade-requests", Some(&staff)).await;
    let (upgrade_request, other_member): (Uuid, String) = match requests["items"].as_array().and_then(|r| r.first()) {
        Some(r) => (r["id"].as_str().unwrap().parse().unwrap(), r["member_id"].as_str().unwrap().to_owned()),
        None => {
            let candidate = members["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["category"] != "member_body" && m["id"] != json!(member_id))
                .map(|m| m["id"].as_str().unwrap().to_owned())
                .unwrap();
            let path = format!("/api/membership/members/{candidate}/upgrade-requests");
            let r =
                post(system, &staff, &path, json!({"to_category": "correspondent", "justification": "Matrix setup."}))
                    .await;
            (r["id"].as_str().unwrap().parse().unwrap(), candidate)
        }
    };
    let draft = json!({"title": "Matrix draft", "summary": "Stays a draft.", "objective": 2, "theme": "ict_support"});
    let project_to_cancel = post(system, &member, "/api/projects/projects", draft.clone()).await;
    let (_, own_projects) =
        system.get_json(&format!("/api/projects/projects?member_id={member_id}&per_page=200"), Some(&staff)).await;
    let in_status = |status: &str| -> Uuid {
        let found = own_projects["items"].as_array().unwrap().iter().find(|p| p["status"] == status);
        found.unwrap_or_else(|| panic!("a demo project of the member in {status}"))["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let (evaluated, in_progress, under_review) =
        (in_status("evaluated"), in_status("in_progress"), in_status("under_review"));
    let (_, indicators) =
        system.get_json(&format!("/api/projects/projects/{in_progress}/indicators"), Some(&staff)).await;
    let indicators = indicators.as_array().or(indicators["items"].as_array()).cloned().unwrap_or_default();
    let with_actual = indicators.iter().find(|i| i["actuals"].as_array().is_some_and(|a| !a.is_empty()));
    let with_actual = with_actual.unwrap_or_else(|| panic!("an indicator with an actual: {indicators:?}"));
    let indicator = with_actual["id"].as_str().unwrap().parse().unwrap();
    let actual = with_actual["actuals"][0]["id"].as_str().unwrap().parse().unwrap();
    let project = post(
        system,
        &member,
        "/api/projects/projects",
        json!({"title": "Matrix draft", "summary": "Stays a draft.", "objective": 2, "theme": "ict_support"}),
    )
    .await;

    let pledge_body = json!({
        "donor_id": platform::demo::DONOR_ID, "amount": {"amount": "2000.00", "currency": "CHF"}, "earmark": {"kind": "unrestricted"}
    });
    let pledge = post(system, &staff, "/api/funding/contributions", pledge_body.clone()).await;
    let pledge_to_cancel = post(system, &staff, "/api/funding/contributions", pledge_body).await;
    let plan = post(system, &staff, "/api/funding/allocation-plans", json!({"priority": []})).await;
    let (_, requests) =
        system.get_json(&format!("/api/assessments/requests?member_id={member_id}&per_page=200"), Some(&staff)).await;
    let request_in = |status: &str| -> Uuid {
        let found = requests["items"].as_array().unwrap().iter().find(|r| r["status"] == status);
        found.unwrap_or_else(|| panic!("a demo request of the member in {status}: {requests}"))["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let (accepted_request, scored_request, assessing_request) =
        (request_in("accepted"), request_in("scored"), request_in("assessing"));
    let open_request = post(
        system,
        &member,
        "/api/assessments/requests",
        json!({"needs": "Laptops for the drafting team.", "context": "Old machines.", "urgency": "low"}),
    )
    .await;
    let (_, questionnaire) = system.get_json("/api/assessments/questionnaires/current", Some(&staff)).await;
    let (_, recommendations) =
        system.get_json(&format!("/api/assessments/requests/{scored_request}/recommendations"), Some(&staff)).await;
    let recommendations =
        recommendations.as_array().or(recommendations["items"].as_array()).cloned().unwrap_or_default();
    let recommendation = match recommendations.first() {
        Some(r) => r["id"].as_str().unwrap().parse().unwrap(),
        None => {
            let path = format!("/api/assessments/requests/{scored_request}/recommendations");
            let r = post(system, &staff, &path, json!({
                "title": "Switch", "description": "A switch.", "category": "equipment", "cost": {"amount": "300.00", "currency": "CHF"}
            }))
            .await;
            r["id"].as_str().unwrap().parse().unwrap()
        }
    };
    // The other member's account is made as an administrator would: its link is checked.
    let other = post(system, &admin, "/api/auth/accounts", json!({
        "email": "other-member@trellis.test", "password": OTHER_PASSWORD, "role": "member", "member_id": other_member
    }))
    .await;
    let spare = post(
        system,
        &admin,
        "/api/auth/accounts",
        json!({"email": "spare@trellis.test", "password": OTHER_PASSWORD, "role": "committee"}),
    )
    .await;
    Ctx {
        member: member_id,
        country,
        free_countries,
        region,
        participation: participation["id"].as_str().unwrap().parse().unwrap(),
        doomed,
        upgrade_request,
        project: project["id"].as_str().unwrap().parse().unwrap(),
        project_to_cancel: project_to_cancel["id"].as_str().unwrap().parse().unwrap(),
        evaluated,
        in_progress,
        under_review,
        indicator,
        actual,
        other_account: other["id"].as_str().unwrap().parse().unwrap(),
        pledge: pledge["id"].as_str().unwrap().parse().unwrap(),
        pledge_to_cancel: pledge_to_cancel["id"].as_str().unwrap().parse().unwrap(),
        plan: plan["id"].as_str().unwrap().parse().unwrap(),
        accepted_request,
        scored_request,
        assessing_request,
        open_request: open_request["id"].as_str().unwrap().parse().unwrap(),
        version: questionnaire["version"].as_i64().unwrap(),
        section: questionnaire["sections"][0]["code"].as_str().unwrap().to_owned(),
        recommendation,
        staff_account: staff.me.id,
        spare_account: spare["id"].as_str().unwrap().parse().unwrap(),
    }
}
