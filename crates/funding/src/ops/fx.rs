//! FX rates: admins set CHF per unit of a currency from a date on; everyone who reads funding
//! data may list them; receipts and project budgets are converted with the rate in force.

use api_types::funding::{FxRateResponse, ListFxRates, SetFxRate};
use api_types::money::CHF;
use api_types::{Currency, Role};
use chrono::NaiveDate;
use platform::list::Window;
use platform::{ApiError, Caller};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

use crate::domain::fx::Rate;
use crate::store::money::fx_rates;

fn response(m: fx_rates::Model) -> Result<FxRateResponse, ApiError> {
    Ok(FxRateResponse {
        currency: Currency::parse(&m.currency)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("stored currency {:?}", m.currency)))?,
        valid_from: m.valid_from,
        rate: m.rate,
        created_at: m.created_at,
    })
}

/// Sets (or corrects) the rate of a currency from a day on.
pub async fn set_rate(db: &DatabaseConnection, caller: &Caller, input: SetFxRate) -> Result<FxRateResponse, ApiError> {
    let user = caller.require(&[Role::Admin])?;
    if input.currency == CHF {
        return Err(ApiError::invalid("currency", "CHF is the reporting currency and needs no rate"));
    }
    let rate = Rate::parse(&input.rate).map_err(|e| ApiError::invalid("rate", e.to_string()))?;
    let model = fx_rates::ActiveModel {
        currency: Set(input.currency.code().to_owned()),
        valid_from: Set(input.valid_from),
        rate: Set(rate.as_string()),
        created_by: Set(user.id),
        created_at: Set(chrono::Utc::now()),
    };
    let txn = platform::db::write_txn(db).await?;
    fx_rates::Entity::delete_many()
        .filter(fx_rates::Column::Currency.eq(input.currency.code()))
        .filter(fx_rates::Column::ValidFrom.eq(input.valid_from))
        .exec(&txn)
        .await?;
    let row = fx_rates::Entity::insert(model).exec_with_returning(&txn).await?;
    txn.commit().await?;
    response(row)
}

pub async fn list_rates(
    db: &DatabaseConnection,
    caller: &Caller,
    query: &ListFxRates,
    window: &Window,
) -> Result<(Vec<FxRateResponse>, u64), ApiError> {
    crate::ops::access::reader(caller)?;
    let mut select = fx_rates::Entity::find();
    if let Some(c) = query.currency {
        select = select.filter(fx_rates::Column::Currency.eq(c.code()));
    }
    let select = select.order_by_asc(fx_rates::Column::Currency).order_by_desc(fx_rates::Column::ValidFrom);
    let (rows, total) = platform::db::fetch_window(db, select, window.limits()).await?;
    Ok((rows.into_iter().map(response).collect::<Result<_, _>>()?, total))
}

/// The rate in force for `currency` on `day`, or a 422 naming `field` when there is none.
pub async fn rate_on<C: ConnectionTrait>(
    conn: &C,
    currency: Currency,
    day: NaiveDate,
    field: &str,
) -> Result<Rate, ApiError> {
    if currency == CHF {
        return Ok(Rate::one());
    }
    let row = fx_rates::Entity::find()
        .filter(fx_rates::Column::Currency.eq(currency.code()))
        .filter(fx_rates::Column::ValidFrom.lte(day))
        .order_by_desc(fx_rates::Column::ValidFrom)
        .one(conn)
        .await?
        .ok_or_else(|| ApiError::invalid(field, format!("no {currency} to CHF rate is set for {day}")))?;
    Rate::parse(&row.rate).map_err(|e| ApiError::Internal(anyhow::anyhow!("stored rate {:?}: {e}", row.rate)))
}
