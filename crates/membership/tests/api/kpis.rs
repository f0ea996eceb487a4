//! `GET /kpis`: yearly series computed from the registry's history.

use api_types::membership::{KpiQuery, MembershipKpis};
use chrono::Datelike;
use serde_json::json;

use crate::helpers::{everyone, spawn_app, staff, today};

fn year(k: &MembershipKpis, year: i32) -> usize {
    k.developing_members.iter().position(|y| y.year == year).unwrap_or_else(|| panic!("no year {year}"))
}

#[tokio::test]
async fn the_kpis_follow_the_history_year_by_year() {
    let app = spawn_app().await;
    let this_year = today().year();
    // Three members with known histories, and one developed member that never counts.
    let kebs = app.create_member("KE", "KEBS", "correspondent", "2010-01-01").await;
    let fiji = app.create_member("FJ", "DNTMS", "subscriber", "2012-06-01").await;
    let swiss = app.create_member("CH", "SNV", "member_body", "1947-02-23").await;
    let peru = app.create_member("PE", "INACAL", "member_body", "2011-01-01").await;
    let (status, _) = app
        .patch(
            &format!("/members/{}", kebs.id),
            &staff(),
            json!({"category": "member_body", "reason": "upgrade", "effective_on": "2014-03-01", "devco": true}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .patch(
            &format!("/members/{}", peru.id),
            &staff(),
            json!({"status": "withdrawn", "reason": "left", "effective_on": "2016-06-30"}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app.patch(&format!("/members/{}", swiss.id), &staff(), json!({"devco": true})).await;
    assert_eq!(status, 200);
    // Fiji counts in Asia until 2015, then in the Pacific again.
    let (status, _) = app
        .put("/countries/FJ/region", &staff(), json!({"region": "asia", "reason": "x", "effective_on": "2013-01-01"}))
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .put(
            "/countries/FJ/region",
            &staff(),
            json!({"region": "pacific", "reason": "x", "effective_on": "2016-01-01"}),
        )
        .await;
    assert_eq!(status, 200);
    for (member, committee, role, since, until) in [
        (kebs.id, "ISO/TC 176", "P", "2014-03-01", None),
        (kebs.id, "ISO/TC 34/SC 17", "secretariat", "2015-01-01", Some("2017-12-31")),
        (fiji.id, "ISO/TC 207", "O", "2013-01-01", None),
        (swiss.id, "ISO/TC 176", "P", "2000-01-01", None),
    ] {
        let (status, body) = app
            .post(
                &format!("/members/{member}/participations"),
                &staff(),
                json!({"committee": committee, "role": role, "since": since, "until": until}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }

    let k = app.client(&staff()).kpis(&KpiQuery { from: Some(2011), to: None }).await.unwrap();
    assert_eq!((k.from_year, k.to_year), (2011, this_year));
    assert_eq!(k.regions.len(), 8);
    assert_eq!(k.developing_members.len(), usize::try_from(this_year - 2010).unwrap());
    let dm = |y: i32| &k.developing_members[year(&k, y)];
    let region = |y: i32, code: &str| dm(y).by_region.iter().find(|r| r.region == code).unwrap().counts;
    // 2011: KEBS correspondent, INACAL member body.
    assert_eq!((dm(2011).counts.total, dm(2011).counts.correspondent, dm(2011).counts.member_body), (2, 1, 1));
    // 2013: + Fiji as a subscriber, in Asia that year.
    assert_eq!(dm(2013).counts.subscriber, 1);
    assert_eq!(region(2013, "asia").subscriber, 1);
    assert_eq!(region(2013, "pacific").total, 0);
    // 2014: KEBS is a member body.
    assert_eq!((dm(2014).counts.member_body, dm(2014).counts.correspondent), (2, 0));
    // 2016: INACAL left, Fiji is back in the Pacific.
    assert_eq!(dm(2016).counts.total, 2);
    assert_eq!(region(2016, "latin-america").total, 0);
    assert_eq!(region(2016, "pacific").subscriber, 1);
    assert_eq!(dm(this_year).as_of, today());
    for row in &k.developing_members {
        assert_eq!(row.by_region.iter().map(|r| r.counts.total).sum::<u64>(), row.counts.total, "{}", row.year);
    }

    let up = |y: i32| k.upgrades.iter().find(|u| u.year == y).unwrap();
    assert_eq!((up(2014).total, up(2014).correspondent_to_member_body, up(2014).developing), (1, 1, 1));
    assert_eq!(up(2014).by_region.iter().find(|r| r.region == "africa-anglophone").unwrap().count, 1);
    assert_eq!(k.upgrades.iter().map(|u| u.total).sum::<u64>(), 1);

    assert_eq!((k.devco.members, k.devco.developing), (2, 1));

    let pt = |y: i32| k.participation.iter().find(|p| p.year == y).unwrap();
    assert_eq!((pt(2013).p_memberships, pt(2013).o_memberships), (0, 1), "Switzerland's P-membership never counts");
    assert_eq!((pt(2015).p_memberships, pt(2015).secretariats), (1, 1));
    assert_eq!(pt(2015).by_region.iter().find(|r| r.region == "africa-anglophone").unwrap().secretariats, 1);
    assert_eq!(pt(2018).secretariats, 0);
    assert_eq!(pt(2018).by_region.iter().find(|r| r.region == "pacific").unwrap().o_memberships, 1);
}

#[tokio::test]
async fn the_demo_gives_the_kpis_something_to_show() {
    let app = spawn_app().await;
    app.seed_demo().await;
    let k = app.client(&staff()).kpis(&KpiQuery::default()).await.unwrap();
    assert_eq!(k.developing_members.len(), 10);
    let now = k.developing_members.last().unwrap();
    assert_eq!(now.counts.total, 9, "every demo member but the Swiss one");
    assert!(now.by_region.iter().all(|r| r.counts.total > 0), "every region: {:?}", now.by_region);
    assert!(now.counts.member_body > 0 && now.counts.correspondent > 0 && now.counts.subscriber > 0);
    // The demo's upgrades happened from 1996 to 2021.
    let since_1990 = app.client(&staff()).kpis(&KpiQuery { from: Some(1990), to: None }).await.unwrap();
    assert_eq!(since_1990.upgrades.iter().map(|u| u.total).sum::<u64>(), 5, "{:?}", since_1990.upgrades);
    assert_eq!(k.devco.developing, 5);
    let last = k.participation.last().unwrap();
    assert!(last.p_memberships > 20 && last.o_memberships > 5 && last.secretariats >= 3, "{last:?}");
}

#[tokio::test]
async fn who_may_read_the_kpis_and_which_years() {
    let app = spawn_app().await;
    for (role, caller) in everyone() {
        let (status, _) = app.get_json("/kpis", &caller).await;
        let expected = match role {
            "anonymous" => 401,
            "member" => 403,
            _ => 200,
        };
        assert_eq!(status, expected, "{role}");
    }
    let next = today().year() + 1;
    for bad in [format!("/kpis?to={next}"), "/kpis?from=2015&to=2010".to_owned(), "/kpis?from=1800".to_owned()] {
        let (status, body) = app.get_json(&bad, &staff()).await;
        assert_eq!((status, body["code"].as_str()), (422, Some("validation_failed")), "{bad}: {body}");
    }
    let (status, body) = app.get_json("/kpis?from=last", &staff()).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_query")));
    let (status, body) = app.get_json("/kpis?from=2005&to=2010", &staff()).await;
    assert_eq!(status, 200);
    assert_eq!(body["developing_members"].as_array().unwrap().len(), 6);
    assert_eq!(body["developing_members"][0]["as_of"], "2005-12-31");
}
