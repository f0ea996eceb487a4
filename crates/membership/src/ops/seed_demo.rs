//! Demo member bodies, one or more per liaison region plus a developed-country member, so the
//! demo shows every region. Generated data, flagged `demo`; real member lists come by CSV
//! import. Seeded once, into an empty registry.

use api_types::membership::MemberCategory;
use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, TransactionTrait};
use uuid::Uuid;

use crate::store::{self, members::NewMember};

struct DemoMember {
    country: &'static str,
    name: &'static str,
    acronym: &'static str,
    category: MemberCategory,
    joined: (i32, u32, u32),
    devco: bool,
}

const DEMO_MEMBERS: &[DemoMember] = &[
    DemoMember {
        country: "KE",
        name: "Kenya Bureau of Standards",
        acronym: "KEBS",
        category: MemberCategory::MemberBody,
        joined: (1974, 1, 1),
        devco: true,
    },
    DemoMember {
        country: "SN",
        name: "Association sénégalaise de normalisation",
        acronym: "ASN",
        category: MemberCategory::MemberBody,
        joined: (1983, 1, 1),
        devco: true,
    },
    DemoMember {
        country: "EG",
        name: "Egyptian Organization for Standardization and Quality",
        acronym: "EOS",
        category: MemberCategory::MemberBody,
        joined: (1957, 1, 1),
        devco: true,
    },
    DemoMember {
        country: "VN",
        name: "Directorate for Standards, Metrology and Quality",
        acronym: "STAMEQ",
        category: MemberCategory::MemberBody,
        joined: (1977, 1, 1),
        devco: false,
    },
    DemoMember {
        country: "BT",
        name: "Bhutan Standards Bureau",
        acronym: "BSB",
        category: MemberCategory::Subscriber,
        joined: (2011, 1, 1),
        devco: false,
    },
    DemoMember {
        country: "FJ",
        name: "Department of National Trade Measurement and Standards",
        acronym: "DNTMS",
        category: MemberCategory::Correspondent,
        joined: (1998, 1, 1),
        devco: false,
    },
    DemoMember {
        country: "MD",
        name: "Institute of Standardization of Moldova",
        acronym: "ISM",
        category: MemberCategory::MemberBody,
        joined: (1997, 1, 1),
        devco: true,
    },
    DemoMember {
        country: "PE",
        name: "Instituto Nacional de Calidad",
        acronym: "INACAL",
        category: MemberCategory::MemberBody,
        joined: (1962, 1, 1),
        devco: true,
    },
    DemoMember {
        country: "JM",
        name: "Bureau of Standards Jamaica",
        acronym: "BSJ",
        category: MemberCategory::MemberBody,
        joined: (1974, 1, 1),
        devco: false,
    },
    DemoMember {
        country: "CH",
        name: "Swiss Association for Standardization",
        acronym: "SNV",
        category: MemberCategory::MemberBody,
        joined: (1947, 2, 23),
        devco: false,
    },
];

pub async fn seed_demo(db: &DatabaseConnection) -> anyhow::Result<()> {
    let txn = db.begin().await?;
    if store::members::count(&txn).await? > 0 {
        return Ok(());
    }
    for (i, m) in DEMO_MEMBERS.iter().enumerate() {
        // The first is the member body of the demo account member@trellis.test.
        let id = if i == 0 { platform::demo::MEMBER_ID } else { Uuid::now_v7() };
        let joined_on = NaiveDate::from_ymd_opt(m.joined.0, m.joined.1, m.joined.2).unwrap_or_default();
        let row = NewMember {
            id,
            country: m.country,
            name: m.name,
            acronym: m.acronym,
            category: m.category,
            joined_on,
            devco: m.devco,
            demo: true,
        };
        store::members::insert(&txn, &row).await?;
    }
    txn.commit().await?;
    tracing::info!(members = DEMO_MEMBERS.len(), "seeded demo members");
    Ok(())
}
