//! Answering section by section, resuming, submitting, and the score that explains itself.

use std::collections::BTreeMap;

use api_types::Role;
use api_types::assessments::{AnswerValue, AssessmentStatus, QuestionnaireDefinition, RequestStatus, SaveSection};
use platform::testing::user;

use crate::helpers::{best, error, new_member, spawn_app, staff, status, worst};

fn answers(pairs: &[(&str, Option<AnswerValue>)]) -> SaveSection {
    SaveSection { answers: pairs.iter().map(|(c, v)| ((*c).to_owned(), *v)).collect::<BTreeMap<_, _>>() }
}

#[tokio::test]
async fn a_member_answers_section_by_section_resumes_and_submits() {
    let app = spawn_app().await;
    let (_, member) = new_member();
    let r = app.request(&member).await;
    let client = app.client(&member);
    assert_eq!(status(client.assessment(r.id).await), 404, "nothing saved yet");

    let saved = client
        .save_section(
            r.id,
            "connectivity",
            &answers(&[("conn.bandwidth", Some(AnswerValue::Int(5))), ("conn.reliability", Some(AnswerValue::Int(2)))]),
        )
        .await
        .unwrap();
    assert_eq!((saved.questionnaire_version, saved.status), (2, AssessmentStatus::InProgress));
    assert_eq!(saved.progress[0].missing, ["conn.backup_link", "conn.remote_meetings"]);
    assert_eq!(client.request(r.id).await.unwrap().status, RequestStatus::Assessing);

    // Leave and come back: the answers are there; saving the section again replaces it.
    let resumed = client.assessment(r.id).await.unwrap();
    assert_eq!(resumed.answers.len(), 2);
    client
        .save_section(
            r.id,
            "connectivity",
            &answers(&[
                ("conn.bandwidth", Some(AnswerValue::Int(5))),
                ("conn.reliability", None),
                ("conn.backup_link", Some(AnswerValue::Bool(false))),
                ("conn.remote_meetings", Some(AnswerValue::Int(4))),
            ]),
        )
        .await
        .unwrap();
    let now = client.assessment(r.id).await.unwrap();
    assert_eq!(
        now.answers.iter().map(|a| a.question.as_str()).collect::<Vec<_>>(),
        ["conn.backup_link", "conn.bandwidth", "conn.remote_meetings"]
    );

    // Submitting with required answers missing names every one of them.
    let (s, code, details) = error(client.submit(r.id).await);
    assert_eq!((s, code.as_str()), (422, "validation_failed"));
    let missing = details["fields"].as_object().unwrap();
    assert!(missing.contains_key("conn.reliability") && missing.contains_key("skills.support"));
    assert!(!missing.contains_key("web.consultation"), "optional");

    client
        .save_section(
            r.id,
            "connectivity",
            &answers(&[
                ("conn.bandwidth", Some(AnswerValue::Int(5))),
                ("conn.reliability", Some(AnswerValue::Int(2))),
                ("conn.backup_link", Some(AnswerValue::Bool(false))),
                ("conn.remote_meetings", Some(AnswerValue::Int(4))),
            ]),
        )
        .await
        .unwrap();
    let q = app.questionnaire().await;
    for s in q.sections.iter().skip(1) {
        let all = s.questions.iter().filter(|q| q.required).map(|q| (q.code.clone(), Some(best(q)))).collect();
        client.save_section(r.id, &s.code, &SaveSection { answers: all }).await.unwrap();
    }
    let score = client.submit(r.id).await.unwrap();
    // Connectivity: (3·1 + 3·2 + 2·0 + 2·4) / 10 = 1.7 → level 3; the others 4.00 → 5.
    let c = &score.sections[0];
    assert_eq!((c.level, c.score.as_str()), (3, "1.70"));
    assert_eq!(
        c.pulled_down_by.iter().map(|d| (d.question.as_str(), d.lost)).collect::<Vec<_>>(),
        [("conn.bandwidth", 9), ("conn.backup_link", 8), ("conn.reliability", 6)]
    );
    let website = score.sections.iter().find(|s| s.section == "website").unwrap();
    assert_eq!((website.level, website.skipped.as_slice()), (5, &["web.consultation".to_owned()][..]));
    assert_eq!((score.level, score.score.as_str()), (5, "3.67"));

    assert_eq!(client.score(r.id).await.unwrap(), score, "the score is fixed at submission");
    assert_eq!(client.request(r.id).await.unwrap().status, RequestStatus::Scored);
    let (s, code, _) = error(client.save_section(r.id, "hardware", &answers(&[])).await);
    assert_eq!((s, code.as_str()), (409, "assessment_submitted"));
    let (s, code, _) = error(client.submit(r.id).await);
    assert_eq!((s, code.as_str()), (409, "assessment_submitted"));
    let recs = client.recommendations(r.id).await.unwrap();
    assert_eq!(recs.iter().filter_map(|r| r.rule.as_deref()).collect::<Vec<_>>(), ["backup_link"]);
}

#[tokio::test]
async fn answers_must_fit_their_questions_and_their_section() {
    let app = spawn_app().await;
    let (_, member) = new_member();
    let r = app.request(&member).await;
    let (s, code, details) = error(
        app.client(&member)
            .save_section(
                r.id,
                "connectivity",
                &answers(&[
                    ("conn.reliability", Some(AnswerValue::Int(5))),
                    ("conn.backup_link", Some(AnswerValue::Int(1))),
                    ("conn.bandwidth", Some(AnswerValue::Int(-2))),
                    ("hw.power", Some(AnswerValue::Bool(true))),
                ]),
            )
            .await,
    );
    assert_eq!((s, code.as_str()), (422, "validation_failed"));
    let fields: Vec<&String> = details["fields"].as_object().unwrap().keys().collect();
    assert_eq!(fields, ["conn.backup_link", "conn.bandwidth", "conn.reliability", "hw.power"]);
    assert_eq!(status(app.client(&member).save_section(r.id, "nowhere", &answers(&[])).await), 422);
    assert_eq!(app.client(&member).request(r.id).await.unwrap().status, RequestStatus::Open, "nothing half-written");
    let (s, body) = app
        .call(
            reqwest::Method::PUT,
            &format!("/requests/{}/assessment/sections/connectivity", r.id),
            &member,
            Some(r#"{"answers":{"conn.bandwidth":"fast"}}"#),
        )
        .await;
    assert_eq!((s, body["code"].as_str()), (422, Some("validation_failed")));
}

#[tokio::test]
async fn only_the_member_and_its_assigned_assessor_answer() {
    let app = spawn_app().await;
    let (_, member) = new_member();
    let r = app.request(&member).await;
    let assessor = staff();
    let one = answers(&[("conn.bandwidth", Some(AnswerValue::Int(50)))]);
    assert_eq!(status(app.client(&assessor).save_section(r.id, "connectivity", &one).await), 403, "not assigned yet");
    app.assign(r.id, &assessor).await;
    let saved = app.client(&assessor).save_section(r.id, "connectivity", &one).await.unwrap();
    let platform::Caller::User(a) = &assessor else { unreachable!() };
    assert_eq!(saved.answers[0].answered_by, a.id);
    assert_eq!(status(app.client(&staff()).save_section(r.id, "connectivity", &one).await), 403, "another staff");
    assert_eq!(status(app.client(&new_member().1).save_section(r.id, "connectivity", &one).await), 404);
    for role in [Role::Committee, Role::Admin] {
        assert_eq!(status(app.client(&user(role, None, None)).save_section(r.id, "connectivity", &one).await), 403);
    }
    assert_eq!(status(app.client(&user(Role::Donor, None, None)).assessment(r.id).await), 403);
    assert_eq!(app.client(&user(Role::Committee, None, None)).assessment(r.id).await.unwrap().answers.len(), 1);
    assert_eq!(status(app.client(&member).score(r.id).await), 409, "not scored yet");
}

#[tokio::test]
async fn a_new_version_does_not_change_an_assessment_started_on_the_old_one() {
    let app = spawn_app().await;
    let (_, member) = new_member();
    let r = app.request(&member).await;
    app.client(&member)
        .save_section(r.id, "connectivity", &answers(&[("conn.bandwidth", Some(AnswerValue::Int(3)))]))
        .await
        .unwrap();
    let old = app.questionnaire().await;
    let mut def = QuestionnaireDefinition { version: 3, sections: old.sections.clone(), rules: old.rules.clone() };
    def.sections.truncate(2);
    def.rules.retain(|r| r.code == "bandwidth" || r.code == "workstations");
    app.client(&staff()).publish_questionnaire(&def).await.unwrap();

    app.answer_all(&member, r.id, worst).await;
    let score = app.client(&member).submit(r.id).await.unwrap();
    assert_eq!((score.questionnaire_version, score.sections.len()), (2, 7), "answered on version 2 throughout");

    // A request made now starts on version 3.
    let (_, other) = new_member();
    let r3 = app.request(&other).await;
    let saved = app
        .client(&other)
        .save_section(r3.id, "hardware", &answers(&[("hw.power", Some(AnswerValue::Bool(true)))]))
        .await
        .unwrap();
    assert_eq!((saved.questionnaire_version, saved.progress.len()), (3, 2));
}
