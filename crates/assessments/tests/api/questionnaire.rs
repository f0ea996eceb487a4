//! The published questionnaire and new versions.

use api_types::Role;
use api_types::assessments::{AnswerKind, QuestionnaireDefinition};
use platform::Caller;
use platform::testing::user;

use crate::helpers::{error, spawn_app, staff, status};

#[tokio::test]
async fn the_current_questionnaire_is_published_at_start_in_both_languages() {
    let app = spawn_app().await;
    let q = app.client(&user(Role::Member, Some(uuid::Uuid::new_v4()), None)).current_questionnaire().await.unwrap();
    assert_eq!(q.version, 2);
    assert_eq!(q.sections.len(), 7);
    let connectivity = &q.sections[0];
    assert_eq!((connectivity.title_en.as_str(), connectivity.title_fr.as_str()), ("Connectivity", "Connectivité"));
    let questions: Vec<_> = q.sections.iter().flat_map(|s| &s.questions).collect();
    for kind in [AnswerKind::Number, AnswerKind::Scale, AnswerKind::YesNo] {
        assert!(questions.iter().any(|q| q.kind == kind), "{kind:?}");
    }
    assert!(questions.iter().all(|q| !q.text_fr.is_empty() && !q.help_fr.is_empty() && !q.help_en.is_empty()));
    assert!(questions.iter().any(|q| !q.required), "some questions are optional");
    assert!(q.rules.iter().all(|r| r.cost.currency.code() == "CHF" && r.cost.minor > 0));
    assert_eq!(q.published_by, None, "built in");
}

#[tokio::test]
async fn publishing_the_builtin_again_keeps_one_version() {
    let app = spawn_app().await;
    let db = app.db().await;
    let first = app.client(&staff()).current_questionnaire().await.unwrap();
    assessments::ops::publish_questionnaire::publish_builtin(&db).await.unwrap();
    let again = app.client(&staff()).current_questionnaire().await.unwrap();
    assert_eq!(first.id, again.id, "restarting must not publish a new version");
}

#[tokio::test]
async fn staff_publish_a_new_version_and_the_old_one_stays_readable() {
    let app = spawn_app().await;
    let staff_account = staff();
    let old = app.client(&staff_account).current_questionnaire().await.unwrap();
    let mut def = QuestionnaireDefinition { version: 3, sections: old.sections.clone(), rules: old.rules.clone() };
    def.sections[0].questions[0].text_en = "Bandwidth in Mbit/s (measured)".to_owned();
    let published = app.client(&staff_account).publish_questionnaire(&def).await.unwrap();
    let Caller::User(u) = &staff_account else { unreachable!() };
    assert_eq!((published.version, published.published_by), (3, Some(u.id)));
    assert_eq!(app.client(&staff_account).current_questionnaire().await.unwrap().version, 3);
    assert_eq!(app.client(&staff_account).questionnaire(2).await.unwrap().sections, old.sections, "unchanged");

    let (code_status, code, _) = error(app.client(&staff_account).publish_questionnaire(&def).await);
    assert_eq!((code_status, code.as_str()), (409, "version_not_newer"));
    assert_eq!(status(app.client(&staff_account).questionnaire(99).await), 404);
}

#[tokio::test]
async fn a_broken_definition_is_a_422_naming_each_problem_and_only_staff_publish() {
    let app = spawn_app().await;
    let mut def = QuestionnaireDefinition { version: 5, sections: app.questionnaire().await.sections, rules: vec![] };
    def.sections[1].questions[0].weight = 0;
    def.sections[2].title_fr = " ".to_owned();
    let (s, code, details) = error(app.client(&staff()).publish_questionnaire(&def).await);
    assert_eq!((s, code.as_str()), (422, "validation_failed"));
    let fields: Vec<&String> = details["fields"].as_object().unwrap().keys().collect();
    assert_eq!(fields, ["sections[1].questions[0].weight", "sections[2].title_fr"]);

    def.sections[1].questions[0].weight = 1;
    def.sections[2].title_fr = "Logiciels".to_owned();
    for (caller, expected) in [
        (user(Role::Member, Some(uuid::Uuid::new_v4()), None), 403),
        (user(Role::Committee, None, None), 403),
        (Caller::Anonymous, 401),
    ] {
        assert_eq!(status(app.client(&caller).publish_questionnaire(&def).await), expected);
    }
    let (s, body) =
        app.call(reqwest::Method::POST, "/questionnaires", &staff(), Some(r#"{"version":"six","sections":[]}"#)).await;
    assert_eq!((s, body["code"].as_str()), (422, Some("validation_failed")));
}

#[tokio::test]
async fn signed_out_visitors_cannot_read_it() {
    let app = spawn_app().await;
    assert_eq!(status(app.client(&Caller::Anonymous).current_questionnaire().await), 401);
}
