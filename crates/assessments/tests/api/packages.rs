//! The recommended package: derived by rules, edited by staff until accepted.

use api_types::Role;
use api_types::assessments::{CreateRecommendation, RecommendationSource, UpdateRecommendation};
use api_types::money::CHF;
use api_types::projects::BudgetCategory;
use api_types::{Currency, Money};
use platform::testing::user;
use uuid::Uuid;

use crate::helpers::{best, error, spawn_app, staff, status, worst};

fn router() -> CreateRecommendation {
    CreateRecommendation {
        title: "Router with failover".into(),
        description: "A router that switches to the mobile link".into(),
        category: BudgetCategory::Equipment,
        cost: Money::new(350_000, CHF),
    }
}

#[tokio::test]
async fn a_weak_assessment_gets_every_rule_with_its_cost_and_a_strong_one_none() {
    let app = spawn_app().await;
    let (weak, member) = app.scored(worst).await;
    let recs = app.client(&member).recommendations(weak.id).await.unwrap();
    let rules = app.questionnaire().await.rules;
    assert_eq!(recs.len(), rules.len());
    for (rec, rule) in recs.iter().zip(&rules) {
        assert_eq!(
            (rec.rule.as_deref(), rec.cost, rec.source),
            (Some(rule.code.as_str()), rule.cost, RecommendationSource::Rule)
        );
    }
    assert!(recs.iter().any(|r| r.rule.as_deref() == Some("bandwidth")), "connectivity below 2");
    assert!(recs.iter().any(|r| r.rule.as_deref() == Some("sd_tools")), "no document-management tool");

    let (strong, member) = app.scored(best).await;
    assert!(app.client(&member).recommendations(strong.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn staff_edit_add_and_remove_recommendations_before_accepting() {
    let app = spawn_app().await;
    let (r, member) = app.scored(worst).await;
    let staff_client = app.client(&staff());
    let recs = staff_client.recommendations(r.id).await.unwrap();

    let edited = staff_client
        .update_recommendation(
            r.id,
            recs[0].id,
            &UpdateRecommendation { cost: Some(Money::new(1_234_550, CHF)), ..Default::default() },
        )
        .await
        .unwrap();
    assert_eq!(
        (edited.cost.amount(), edited.rule.as_deref(), edited.title.as_str()),
        ("12345.50".to_owned(), recs[0].rule.as_deref(), recs[0].title.as_str())
    );
    let added = staff_client.add_recommendation(r.id, &router()).await.unwrap();
    assert_eq!(
        (added.source, added.rule.clone(), added.position),
        (RecommendationSource::Staff, None, i32::try_from(recs.len()).unwrap())
    );
    staff_client.remove_recommendation(r.id, recs[1].id).await.unwrap();
    let now = staff_client.recommendations(r.id).await.unwrap();
    assert_eq!(now.len(), recs.len());
    assert_eq!(now.last().unwrap().id, added.id);

    let eur =
        CreateRecommendation { cost: Money::new(100, Currency::parse("EUR").unwrap()), title: "".into(), ..router() };
    let (s, _, details) = error(staff_client.add_recommendation(r.id, &eur).await);
    assert_eq!(s, 422);
    assert_eq!(details["fields"].as_object().unwrap().keys().collect::<Vec<_>>(), ["cost", "title"]);
    assert_eq!(status(staff_client.remove_recommendation(r.id, Uuid::new_v4()).await), 404);
    assert_eq!(status(app.client(&member).add_recommendation(r.id, &router()).await), 403);
    assert_eq!(status(app.client(&user(Role::Admin, None, None)).add_recommendation(r.id, &router()).await), 403);
    assert_eq!(
        status(app.client(&member).update_recommendation(r.id, added.id, &UpdateRecommendation::default()).await),
        403
    );
}

#[tokio::test]
async fn nothing_to_edit_before_submission() {
    let app = spawn_app().await;
    let (_, member) = crate::helpers::new_member();
    let r = app.request(&member).await;
    let (s, code, _) = error(app.client(&staff()).add_recommendation(r.id, &router()).await);
    assert_eq!((s, code.as_str()), (409, "not_scored"));
    let (s, code, _) = error(app.client(&member).recommendations(r.id).await);
    assert_eq!((s, code.as_str()), (409, "not_scored"));
}
