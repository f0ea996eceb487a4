//! The published questionnaire.

use api_types::Role;
use api_types::assessments::AnswerKind;
use clients::ClientError;
use platform::Caller;
use platform::testing::user;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_current_questionnaire_is_published_at_start_in_both_languages() {
    let app = spawn_app().await;
    let q = app.client(&user(Role::Member, Some(uuid::Uuid::new_v4()), None)).current_questionnaire().await.unwrap();
    assert_eq!(q.version, 1);
    assert_eq!(q.sections.len(), 7);
    let connectivity = &q.sections[0];
    assert_eq!((connectivity.title_en.as_str(), connectivity.title_fr.as_str()), ("Connectivity", "Connectivité"));
    assert!(q.sections.iter().flat_map(|s| &s.questions).any(|q| q.kind == AnswerKind::Number));
    assert!(q.sections.iter().flat_map(|s| &s.questions).all(|q| !q.text_fr.is_empty() && q.weight > 0));
}

#[tokio::test]
async fn publishing_again_keeps_one_version() {
    let app = spawn_app().await;
    let db = sea_orm::Database::connect(app.service.database().url()).await.unwrap();
    assessments::ops::publish_questionnaire::publish_builtin(&db).await.unwrap();
    let first = app.client(&user(Role::Staff, None, None)).current_questionnaire().await.unwrap();
    assessments::ops::publish_questionnaire::publish_builtin(&db).await.unwrap();
    let again = app.client(&user(Role::Staff, None, None)).current_questionnaire().await.unwrap();
    assert_eq!(first.id, again.id, "restarting must not publish a new version");
}

#[tokio::test]
async fn signed_out_visitors_cannot_read_it() {
    let app = spawn_app().await;
    assert!(matches!(
        app.client(&Caller::Anonymous).current_questionnaire().await,
        Err(ClientError::Api { status: 401, .. })
    ));
}
