//! Demo data, seeded once into an empty database: donors of every type, FX rates, and
//! contributions in several currencies with every earmark shape that does not name a project,
//! in every status (pledged, received, cancelled), the received ones with their receipt in the
//! ledger. Generated, fictional and flagged `demo`.
//!
//! Not seeded: a project-earmarked contribution, allocation plans, allocations and
//! disbursements. They need the projects service's projects, whose demo ids funding does not
//! know and which may not be up when funding starts; staff make them in the demo by proposing
//! and committing a plan (`POST /allocation-plans`) once projects are approved.

use std::collections::BTreeSet;

use api_types::Currency;
use api_types::funding::{ContributionStatus, CreateDonor, DonorType, EarmarkInput};
use api_types::membership::ContactDetails;
use api_types::money::Money;
use api_types::projects::Theme;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait};
use uuid::Uuid;

use crate::domain::donor::NewDonor;
use crate::domain::earmark::Earmark;
use crate::domain::fx::Rate;
use crate::domain::ledger::Movement;
use crate::store;
use crate::store::money::{self, contributions, fx_rates};

const DEMO_DONORS: &[(&str, DonorType, Option<&str>)] = &[
    ("Nordic Standards Development Fund", DonorType::DevelopmentAgency, Some("SE")),
    ("Alpine Cooperation Office", DonorType::Government, Some("CH")),
    ("Open Quality Foundation", DonorType::Foundation, None),
    ("Maple Standards Council", DonorType::MemberBody, Some("CA")),
    ("Global Trade Facilitation Trust", DonorType::Multilateral, None),
    ("Meridian Industries (private sector)", DonorType::Other, Some("JP")),
];

/// CHF per unit, from a date on: two dates per currency, so receipts show the rate of their
/// value date.
const DEMO_RATES: &[(&str, &str, &str)] = &[
    ("EUR", "2025-01-01", "0.9405"),
    ("EUR", "2026-01-01", "0.9312"),
    ("USD", "2025-01-01", "0.9021"),
    ("USD", "2026-01-01", "0.8874"),
    ("SEK", "2025-01-01", "0.0823"),
    ("CAD", "2025-01-01", "0.6490"),
    ("JPY", "2025-01-01", "0.0059"),
];

struct DemoContribution {
    donor: usize,
    amount: &'static str,
    currency: &'static str,
    earmark: fn() -> EarmarkInput,
    /// Value date of the receipt; `None` leaves the pledge open.
    received_on: Option<&'static str>,
    cancelled: bool,
}

fn regions(codes: &[&str]) -> Vec<String> {
    codes.iter().map(|c| (*c).to_owned()).collect()
}

const DEMO_CONTRIBUTIONS: &[DemoContribution] = &[
    DemoContribution {
        donor: 0,
        amount: "2500000",
        currency: "SEK",
        earmark: || EarmarkInput::Unrestricted,
        received_on: Some("2025-03-14"),
        cancelled: false,
    },
    DemoContribution {
        donor: 0,
        amount: "150000.00",
        currency: "EUR",
        earmark: || EarmarkInput::Regions { regions: regions(&["africa-anglophone", "africa-francophone"]) },
        received_on: Some("2026-02-02"),
        cancelled: false,
    },
    DemoContribution {
        donor: 1,
        amount: "400000.00",
        currency: "CHF",
        earmark: || EarmarkInput::Themes { themes: vec![Theme::StandardsDevelopmentTraining, Theme::Participation] },
        received_on: Some("2025-06-30"),
        cancelled: false,
    },
    DemoContribution {
        donor: 2,
        amount: "250000.00",
        currency: "USD",
        earmark: || EarmarkInput::RegionsAndThemes {
            regions: regions(&["asia", "pacific"]),
            themes: vec![Theme::IctSupport],
        },
        received_on: Some("2026-04-15"),
        cancelled: false,
    },
    DemoContribution {
        donor: 3,
        amount: "120000.00",
        currency: "CAD",
        earmark: || EarmarkInput::Regions { regions: regions(&["caribbean", "latin-america"]) },
        received_on: None,
        cancelled: false,
    },
    DemoContribution {
        donor: 4,
        amount: "500000.00",
        currency: "USD",
        earmark: || EarmarkInput::Unrestricted,
        received_on: Some("2025-11-20"),
        cancelled: false,
    },
    DemoContribution {
        donor: 4,
        amount: "80000.00",
        currency: "EUR",
        earmark: || EarmarkInput::Themes { themes: vec![Theme::ConformityAssessment] },
        received_on: None,
        cancelled: true,
    },
    DemoContribution {
        donor: 5,
        amount: "15000000",
        currency: "JPY",
        earmark: || EarmarkInput::RegionsAndThemes {
            regions: regions(&["asia"]),
            themes: vec![Theme::EconomicDevelopment, Theme::ManagementSystems],
        },
        received_on: Some("2026-01-10"),
        cancelled: false,
    },
];

pub async fn seed_demo(db: &DatabaseConnection) -> anyhow::Result<()> {
    let txn = platform::db::write_txn(db).await?;
    let mut donor_ids = Vec::new();
    if store::donors::count(&txn).await? == 0 {
        for (i, (name, donor_type, country)) in DEMO_DONORS.iter().enumerate() {
            let donor = NewDonor::parse(CreateDonor {
                name: (*name).to_owned(),
                donor_type: *donor_type,
                country: country.map(str::to_owned),
                // Every other demo donor agreed to be named on the public portal.
                publicly_named: i % 2 == 0,
                // Clearly fake contact details; the last donor has none, as a donor may.
                contact: if i + 1 < DEMO_DONORS.len() {
                    ContactDetails {
                        contact_person: Some(format!("Demo Contact {}", i + 1)),
                        email: Some(format!("donor{}@example.org", i + 1)),
                        phone: Some(format!("+41 22 000 00 0{}", i + 1)),
                        website: Some(format!("https://donor{}.example.org", i + 1)),
                        postal_address: Some(format!("Demo Street {}\n1200 Geneva\nSwitzerland", i + 1)),
                    }
                } else {
                    ContactDetails::default()
                },
            })
            .map_err(|e| anyhow::anyhow!("demo donor {name}: {e}"))?;
            // The first is the donor of the demo account donor@trellis.test.
            let id = if i == 0 { platform::demo::DONOR_ID } else { Uuid::now_v7() };
            store::donors::insert(&txn, id, &donor, true).await?;
            donor_ids.push(id);
        }
        tracing::info!(donors = DEMO_DONORS.len(), "seeded demo donors");
    }
    // Money only with the donors seeded just now: an existing database keeps what it has.
    if donor_ids.len() == DEMO_DONORS.len() && contributions::Entity::find().count(&txn).await? == 0 {
        seed_money(&txn, &donor_ids).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn seed_money(txn: &sea_orm::DatabaseTransaction, donors: &[Uuid]) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    for (currency, from, rate) in DEMO_RATES {
        fx_rates::ActiveModel {
            currency: Set((*currency).to_owned()),
            valid_from: Set(from.parse()?),
            rate: Set(Rate::parse(rate).map_err(|e| anyhow::anyhow!("demo rate {rate}: {e}"))?.as_string()),
            created_by: Set(Uuid::nil()),
            created_at: Set(now),
        }
        .insert(txn)
        .await?;
    }
    let mut head = money::lock_head(txn).await?;
    for c in DEMO_CONTRIBUTIONS {
        let currency = Currency::parse(c.currency).ok_or_else(|| anyhow::anyhow!("demo currency {}", c.currency))?;
        let amount = Money::parse(c.amount, currency).map_err(|e| anyhow::anyhow!("demo amount {}: {e}", c.amount))?;
        let input = (c.earmark)();
        // Demo regions are liaison region codes; they are checked like any earmark's shape.
        let known: BTreeSet<String> = match &input {
            EarmarkInput::Regions { regions } | EarmarkInput::RegionsAndThemes { regions, .. } => {
                regions.iter().cloned().collect()
            }
            _ => BTreeSet::new(),
        };
        let earmark = Earmark::parse(&input, &known).map_err(|e| anyhow::anyhow!("demo earmark: {e:?}"))?;
        let id = Uuid::now_v7();
        let (status, received) = match (c.received_on, c.cancelled) {
            (_, true) => (ContributionStatus::Cancelled, None),
            (None, false) => (ContributionStatus::Pledged, None),
            (Some(day), false) => {
                let day: NaiveDate = day.parse()?;
                let rate = super::fx::rate_on(txn, currency, day, "value_date")
                    .await
                    .map_err(|e| anyhow::anyhow!("demo rate for {currency} on {day}: {e:?}"))?;
                let chf = rate.to_chf(amount).map_err(|e| anyhow::anyhow!("demo receipt: {e}"))?;
                let m = Movement::receipt(id, chf);
                money::append(txn, &mut head, vec![(m.kind, id, m.lines)]).await?;
                (ContributionStatus::Received, Some((day, rate.as_string(), chf)))
            }
        };
        contributions::ActiveModel {
            id: Set(id),
            donor_id: Set(donors[c.donor]),
            status: Set(status.as_str().to_owned()),
            currency: Set(currency.code().to_owned()),
            pledged_minor: Set(amount.minor),
            earmark_kind: Set(earmark.kind().to_owned()),
            earmark: Set(serde_json::to_string(&earmark.to_input())?),
            received_minor: Set(received.as_ref().map(|_| amount.minor)),
            fx_rate: Set(received.as_ref().map(|r| r.1.clone())),
            value_date: Set(received.as_ref().map(|r| r.0)),
            received_chf: Set(received.as_ref().map(|r| r.2)),
            demo: Set(true),
            created_by: Set(Uuid::nil()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(txn)
        .await?;
    }
    tracing::info!(contributions = DEMO_CONTRIBUTIONS.len(), rates = DEMO_RATES.len(), "seeded demo money");
    Ok(())
}
