//! Demo donors of every kind, seeded once into an empty database. Generated, fictional and
//! flagged `demo`.

use api_types::funding::{CreateDonor, DonorType};
use sea_orm::{DatabaseConnection, TransactionTrait};
use uuid::Uuid;

use crate::domain::donor::NewDonor;
use crate::store;

const DEMO_DONORS: &[(&str, DonorType, Option<&str>)] = &[
    ("Nordic Standards Development Fund", DonorType::DevelopmentAgency, Some("SE")),
    ("Alpine Cooperation Office", DonorType::Government, Some("CH")),
    ("Open Quality Foundation", DonorType::Foundation, None),
    ("Maple Standards Council", DonorType::MemberBody, Some("CA")),
    ("Global Trade Facilitation Trust", DonorType::Multilateral, None),
];

pub async fn seed_demo(db: &DatabaseConnection) -> anyhow::Result<()> {
    let txn = db.begin().await?;
    if store::donors::count(&txn).await? > 0 {
        return Ok(());
    }
    for (i, (name, donor_type, country)) in DEMO_DONORS.iter().enumerate() {
        let donor = NewDonor::parse(CreateDonor {
            name: (*name).to_owned(),
            donor_type: *donor_type,
            country: country.map(str::to_owned),
        })
        .map_err(|e| anyhow::anyhow!("demo donor {name}: {e}"))?;
        // The first is the donor of the demo account donor@trellis.test.
        let id = if i == 0 { platform::demo::DONOR_ID } else { Uuid::now_v7() };
        store::donors::insert(&txn, id, &donor, true).await?;
    }
    txn.commit().await?;
    tracing::info!(donors = DEMO_DONORS.len(), "seeded demo donors");
    Ok(())
}
