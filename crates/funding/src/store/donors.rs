//! The `donors` table.

use api_types::funding::{DonorResponse, DonorType};
use api_types::membership::ContactDetails;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, Condition, ConnectionTrait, QueryOrder};

use platform::db::search_matches;

use crate::domain::donor::{DonorChange, NewDonor};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "donors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub donor_type: String,
    pub country: Option<String>,
    pub publicly_named: bool,
    pub contact_person: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub postal_address: Option<String>,
    pub demo: bool,
    pub search_text: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl TryFrom<Model> for DonorResponse {
    type Error = DbErr;

    fn try_from(m: Model) -> Result<Self, DbErr> {
        Ok(DonorResponse {
            donor_type: DonorType::parse(&m.donor_type)
                .ok_or_else(|| DbErr::Custom(format!("stored donor type {:?} is not valid", m.donor_type)))?,
            id: m.id,
            name: m.name,
            country: m.country,
            publicly_named: m.publicly_named,
            contact: Some(ContactDetails {
                contact_person: m.contact_person,
                email: m.email,
                phone: m.phone,
                website: m.website,
                postal_address: m.postal_address,
            }),
            demo: m.demo,
            created_at: m.created_at,
        })
    }
}

pub async fn insert<C: ConnectionTrait>(conn: &C, id: Uuid, donor: &NewDonor, demo: bool) -> Result<Model, DbErr> {
    ActiveModel {
        id: Set(id),
        name: Set(donor.name().to_owned()),
        donor_type: Set(donor.donor_type().as_str().to_owned()),
        country: Set(donor.country().map(str::to_owned)),
        publicly_named: Set(donor.publicly_named()),
        contact_person: Set(donor.contact().contact_person.clone()),
        email: Set(donor.contact().email.clone()),
        phone: Set(donor.contact().phone.clone()),
        website: Set(donor.contact().website.clone()),
        postal_address: Set(donor.contact().postal_address.clone()),
        demo: Set(demo),
        search_text: Set(platform::text::search_text([donor.name()])),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(conn)
    .await
}

/// Applies a checked change to a donor read in the same transaction.
pub async fn update<C: ConnectionTrait>(conn: &C, current: Model, change: &DonorChange) -> Result<Model, DbErr> {
    let mut row: ActiveModel = current.into();
    if let Some(name) = &change.name {
        row.search_text = Set(platform::text::search_text([name.as_str()]));
        row.name = Set(name.clone());
    }
    if let Some(t) = change.donor_type {
        row.donor_type = Set(t.as_str().to_owned());
    }
    if let Some(country) = &change.country {
        row.country = Set(country.clone());
    }
    if let Some(named) = change.publicly_named {
        row.publicly_named = Set(named);
    }
    if let Some(contact) = &change.contact {
        row.contact_person = Set(contact.contact_person.clone());
        row.email = Set(contact.email.clone());
        row.phone = Set(contact.phone.clone());
        row.website = Set(contact.website.clone());
        row.postal_address = Set(contact.postal_address.clone());
    }
    row.update(conn).await
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    Entity::find().count(conn).await
}

pub async fn find<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(id).one(conn).await
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only this donor (a donor account sees itself).
    pub only: Option<Uuid>,
    pub donor_type: Option<DonorType>,
    pub q: Option<String>,
}

/// Matching donors by name, and how many match in all.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &Filter,
    limits: Option<(u64, u64)>,
) -> Result<(Vec<Model>, u64), DbErr> {
    let mut cond = Condition::all();
    if let Some(id) = filter.only {
        cond = cond.add(Column::Id.eq(id));
    }
    if let Some(t) = filter.donor_type {
        cond = cond.add(Column::DonorType.eq(t.as_str()));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        cond = cond.add(search_matches(Column::SearchText, q));
    }
    platform::db::fetch_window(conn, Entity::find().filter(cond).order_by_asc(Column::Name), limits).await
}
