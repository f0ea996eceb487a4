//! Editing a proposal (`PUT /projects/{id}`): who may, in which status, the same checks as a new
//! draft (422, membership 503 with nothing written), and the audit trail of return → fix →
//! resubmit.

use api_types::Role;
use api_types::membership::MemberResponse;
use api_types::projects::{BudgetCategory, BudgetLine, CreateProject, ProjectResponse};
use clients::{ClientError, MembershipClient, ServiceClient};
use platform::testing::{FaultyLink, TestService, user};
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, chf, kebs, member_of, proposal, spawn_app, spawn_with, staff};

/// The content a member fixes after a return: new title, bigger budget, another region.
fn fixed(title: &str) -> CreateProject {
    let mut input = proposal(title, "150000");
    input.beneficiary_regions = vec!["caribbean".to_owned()];
    input.budget_lines.push(BudgetLine {
        category: BudgetCategory::Travel,
        description: "Flights".to_owned(),
        amount: chf("2500.50"),
    });
    input
}

async fn edit(app: &TestApp, id: Uuid, caller: &platform::Caller, input: &CreateProject) -> (u16, Value) {
    app.call(Method::PUT, &format!("/projects/{id}"), caller, Some(serde_json::to_value(input).unwrap())).await
}

async fn trail(app: &TestApp, id: Uuid) -> Vec<(String, String, Option<String>, String)> {
    let (status, body) = app.call(Method::GET, &format!("/projects/{id}/transitions"), &staff(), None).await;
    assert_eq!(status, 200, "{body}");
    body.as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["from"].as_str().unwrap().to_owned(),
                t["to"].as_str().unwrap().to_owned(),
                t["reason"].as_str().map(str::to_owned),
                t["by_role"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// A demo member body, as staff read it from the membership service beside the app.
async fn demo_member(app: &TestApp, acronym: &str) -> MemberResponse {
    let membership = app.membership.as_ref().unwrap();
    let client =
        MembershipClient(ServiceClient::new(membership.base_url()).unwrap().as_caller(membership.sign(&staff())));
    let filter = api_types::membership::ListMembers { q: Some(acronym.into()), ..Default::default() };
    client.members(&filter).await.unwrap().items.into_iter().find(|m| m.acronym == acronym).unwrap()
}

/// A KEBS proposal (drafted by its account) moved to `status` along the workflow.
async fn in_status(app: &TestApp, status: &str) -> ProjectResponse {
    let p = app.draft("50000").await;
    let (owner, officer) = (kebs(), staff());
    let path: &[(&str, bool, Option<&str>)] = match status {
        "draft" => &[],
        "submitted" => &[("submitted", true, None)],
        "under_review" => &[("submitted", true, None), ("under_review", false, None)],
        "returned" => {
            &[("submitted", true, None), ("under_review", false, None), ("returned", false, Some("Too vague"))]
        }
        "approved" => &[("submitted", true, None), ("under_review", false, None), ("approved", false, Some("Good"))],
        "rejected" => {
            &[("submitted", true, None), ("under_review", false, None), ("rejected", false, Some("Off topic"))]
        }
        "cancelled" => &[("cancelled", true, Some("Not needed"))],
        other => panic!("no path to {other}"),
    };
    for (to, by_owner, reason) in path {
        app.step(p.id, to, if *by_owner { &owner } else { &officer }, *reason).await;
    }
    p
}

#[tokio::test]
async fn the_owner_replaces_a_draft_and_the_trail_names_what_changed() {
    let app = spawn_app().await;
    let p = app.draft("1000").await;
    assert_eq!(p.approvals_needed, 1);
    let (status, body) = edit(&app, p.id, &kebs(), &fixed("Bandwidth upgrade, phase 2")).await;
    assert_eq!(status, 200, "{body}");
    let got = app.client(&kebs()).get(p.id).await.unwrap();
    assert_eq!(got.title, "Bandwidth upgrade, phase 2");
    assert_eq!(got.status, api_types::projects::ProjectStatus::Draft);
    assert_eq!(got.budget_lines.len(), 2);
    assert_eq!(got.budget_totals, vec![chf("152500.50")]);
    assert_eq!(got.beneficiary_regions, ["caribbean"]);
    assert_eq!(got.regions, ["caribbean"], "the old region went with the old content");
    assert_eq!(got.approvals_needed, 2, "above CHF 100 000 now");
    assert_eq!((got.created_by, got.member_id, got.created_at), (p.created_by, p.member_id, p.created_at));
    // The list filters see the new content.
    let (_, page) = app.call(Method::GET, "/projects?region=asia", &staff(), None).await;
    assert_eq!(page["total"], 0);
    let (_, page) = app.call(Method::GET, "/projects?q=phase", &staff(), None).await;
    assert_eq!(page["total"], 1);
    assert_eq!(
        trail(&app, p.id).await,
        [(
            "draft".into(),
            "draft".into(),
            Some("edited: title, beneficiary_regions, budget_lines".into()),
            "member".into()
        )]
    );
    // The same content again changes nothing and adds no step.
    let (status, again) = edit(&app, p.id, &kebs(), &fixed("Bandwidth upgrade, phase 2")).await;
    assert_eq!(status, 200);
    assert_eq!(again["updated_at"], body["updated_at"]);
    assert_eq!(trail(&app, p.id).await.len(), 1);
    assert!(app.outbox_topics().await.is_empty(), "an edit is no milestone");
}

#[tokio::test]
async fn staff_edit_on_the_members_behalf_and_no_one_else_does() {
    let app = spawn_app().await;
    let p = app.draft("1000").await;
    let mut input = fixed("Edited by the officer");
    input.member_id = Some(platform::demo::MEMBER_ID);
    let (status, body) = edit(&app, p.id, &staff(), &input).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(trail(&app, p.id).await[0].3, "staff");
    // A draft is not published: other members and donors cannot see it at all.
    let refused = [
        ("anonymous", platform::Caller::Anonymous, 401),
        ("other member", member_of(Uuid::new_v4()), 404),
        ("member without a body", user(Role::Member, None, None), 404),
        ("donor", user(Role::Donor, None, Some(Uuid::new_v4())), 404),
        ("committee", user(Role::Committee, None, None), 403),
        ("admin", user(Role::Admin, None, None), 403),
    ];
    for (who, caller, expected) in refused {
        let (status, body) = edit(&app, p.id, &caller, &fixed("Hijacked")).await;
        assert_eq!(status, expected, "{who}: {body}");
    }
    assert_eq!(app.client(&kebs()).get(p.id).await.unwrap().title, "Edited by the officer");
    assert_eq!(trail(&app, p.id).await.len(), 1);
    // An unknown project is 404 for its would-be owner too.
    let (status, _) = edit(&app, Uuid::new_v4(), &kebs(), &fixed("Nothing")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn only_drafts_and_returned_proposals_are_editable() {
    let app = spawn_app().await;
    for status in ["draft", "returned", "submitted", "under_review", "approved", "rejected", "cancelled"] {
        let p = in_status(&app, status).await;
        let before = trail(&app, p.id).await;
        for (who, caller) in [("owner", kebs()), ("staff", staff())] {
            let (code, body) = edit(&app, p.id, &caller, &fixed(&format!("Edited in {status} by {who}"))).await;
            if status == "draft" || status == "returned" {
                assert_eq!(code, 200, "{status} by {who}: {body}");
                assert_eq!(body["status"], status, "an edit keeps the status");
            } else {
                assert_eq!(code, 409, "{status} by {who}: {body}");
                assert_eq!(body["code"], "not_editable");
                assert_eq!(body["details"], json!({ "status": status, "allowed": ["draft", "returned"] }));
            }
        }
        let after = trail(&app, p.id).await;
        let edits = if status == "draft" || status == "returned" { 2 } else { 0 };
        assert_eq!(after.len(), before.len() + edits, "{status}");
        // A donor sees approved projects but never edits them.
        if status == "approved" {
            let (code, _) = edit(&app, p.id, &user(Role::Donor, None, None), &fixed("Donor")).await;
            assert_eq!(code, 403);
            let (code, _) = edit(&app, p.id, &member_of(Uuid::new_v4()), &fixed("Other member")).await;
            assert_eq!(code, 403);
        }
    }
}

#[tokio::test]
async fn return_fix_resubmit_keeps_the_return_reason_in_the_history() {
    let app = spawn_app().await;
    let p = in_status(&app, "returned").await;
    let (status, body) = edit(&app, p.id, &kebs(), &fixed("Bandwidth upgrade, with a clear plan")).await;
    assert_eq!(status, 200, "{body}");
    app.step(p.id, "submitted", &kebs(), None).await;
    let steps = trail(&app, p.id).await;
    let compact: Vec<(&str, &str, Option<&str>)> =
        steps.iter().map(|(f, t, r, _)| (f.as_str(), t.as_str(), r.as_deref())).collect();
    assert_eq!(
        compact,
        [
            ("draft", "submitted", None),
            ("submitted", "under_review", None),
            ("under_review", "returned", Some("Too vague")),
            ("returned", "returned", Some("edited: title, beneficiary_regions, budget_lines")),
            ("returned", "submitted", None),
        ]
    );
    // Reviewers now see the fixed content, with the approvals it needs now.
    let got = app.client(&staff()).get(p.id).await.unwrap();
    assert_eq!((got.title.as_str(), got.approvals_needed), ("Bandwidth upgrade, with a clear plan", 2));
    // Submitted again: editing is closed until the next return.
    let (status, _) = edit(&app, p.id, &kebs(), &fixed("Too late")).await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn an_edit_is_checked_like_a_new_draft_and_a_bad_one_writes_nothing() {
    let app = spawn_app().await;
    let p = app.draft("1000").await;
    let mut bad = fixed("");
    bad.objective = 9;
    bad.planned_end = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
    let (status, body) = edit(&app, p.id, &kebs(), &bad).await;
    assert_eq!(status, 422, "{body}");
    for field in ["title", "objective", "planned_end"] {
        assert!(body["details"]["fields"][field].is_string(), "{field}: {body}");
    }
    let mut unknown = fixed("Unknown beneficiaries");
    unknown.beneficiary_members = vec![Uuid::new_v4()];
    unknown.beneficiary_regions = vec!["atlantis".to_owned()];
    let (status, body) = edit(&app, p.id, &kebs(), &unknown).await;
    assert_eq!(status, 422, "{body}");
    for field in ["beneficiary_members[0]", "beneficiary_regions"] {
        assert!(body["details"]["fields"][field].is_string(), "{field}: {body}");
    }
    // The proposing member cannot be swapped by an edit, not even by staff.
    let mut other = fixed("Someone else's");
    other.member_id = Some(Uuid::new_v4());
    let (status, body) = edit(&app, p.id, &staff(), &other).await;
    assert_eq!((status, body["details"]["fields"]["member_id"].is_string()), (422, true), "{body}");
    // Nothing was written.
    let got = app.client(&kebs()).get(p.id).await.unwrap();
    assert_eq!((got.title, got.updated_at), (p.title, p.updated_at));
    assert!(trail(&app, p.id).await.is_empty());
    // A member body the KEBS account cannot read in full is still a valid beneficiary.
    let mut named = fixed("With Senegal");
    named.beneficiary_members = vec![demo_member(&app, "ASN").await.id];
    let (status, body) = edit(&app, p.id, &kebs(), &named).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["regions"], json!(["africa-francophone", "caribbean"]));
}

#[tokio::test]
async fn while_membership_is_down_an_edit_is_503_and_writes_nothing() {
    let upstream = TestService::start("membership", |s| membership::build(s, None)).await;
    let db = sea_orm::Database::connect(upstream.database().url()).await.unwrap();
    membership::ops::seed_demo::seed_demo(&db).await.unwrap();
    let link = FaultyLink::start(upstream.base_url().trim_start_matches("http://")).await.unwrap();
    let url = format!("http://127.0.0.1:{}", link.port());
    let app = spawn_with(move |s| s.services.membership = url, None).await;
    let p = app.draft("1000").await;
    link.cut();
    let (status, body) = edit(&app, p.id, &kebs(), &fixed("While down")).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["details"]["service"], "membership");
    let got = app.client(&kebs()).get(p.id).await.unwrap();
    assert_eq!((got.title, got.updated_at), (p.title, p.updated_at));
    assert!(trail(&app, p.id).await.is_empty());
    link.restore();
    let (status, body) = edit(&app, p.id, &kebs(), &fixed("Back up")).await;
    assert_eq!(status, 200, "{body}");
    // The typed client says the same.
    match app.client(&kebs()).edit(p.id, &fixed("Back up")).await {
        Ok(p) => assert_eq!(p.title, "Back up"),
        Err(ClientError::Api { status, body }) => panic!("{status}: {body:?}"),
        Err(e) => panic!("{e}"),
    }
}
