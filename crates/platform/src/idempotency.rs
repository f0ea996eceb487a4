//! `Idempotency-Key` for writes that must happen at most once (every money-moving `POST`, and
//! calls one service retries against another).
//!
//! The client sends a key of its choosing; the first request with that key runs the use case
//! and stores its response in `idempotency_keys`, in the same transaction as the use case's
//! writes. A repeat with the same key and the same body gets the stored response and writes
//! nothing; the same key with a different body is 409 `idempotency_key_reused`. Two requests
//! with one key racing each other cannot both run: the key row is inserted first, so the second
//! waits on the first's uncommitted row (PostgreSQL) or on the write lock (SQLite), then finds
//! the stored response. A use case that fails stores nothing, so a retry after an error (a 503,
//! say) runs again. Keys are scoped by caller and operation: two donors may use the same key.

use std::future::Future;
use std::pin::Pin;

use api_types::error::codes;
use axum::extract::OptionalFromRequestParts;
use axum::http::request::Parts;
use chrono::Utc;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DatabaseTransaction};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{integer, string, text_null, timestamp_with_time_zone};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::db::{is_unique_violation, write_txn};
use crate::error::{ApiError, ApiResult};
use crate::identity::Caller;

/// The request header clients put the key in.
pub const HEADER: &str = "idempotency-key";
/// Longest key accepted.
pub const MAX_KEY_LEN: usize = 200;

/// A validated `Idempotency-Key` header value. Extract it as `Option<IdempotencyKey>`: absent is
/// `None`; present but empty, too long or not printable ASCII is 400 `invalid_idempotency_key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Result<IdempotencyKey, ApiError> {
        let ok = !raw.is_empty() && raw.len() <= MAX_KEY_LEN && raw.bytes().all(|b| b.is_ascii_graphic());
        if ok { Ok(IdempotencyKey(raw.to_owned())) } else { Err(invalid_key()) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn invalid_key() -> ApiError {
    ApiError::BadRequest {
        code: codes::INVALID_IDEMPOTENCY_KEY,
        message: format!("Idempotency-Key must be 1 to {MAX_KEY_LEN} printable ASCII characters."),
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Option<Self>, Self::Rejection> {
        match parts.headers.get(HEADER) {
            None => Ok(None),
            Some(value) => {
                let raw = value.to_str().map_err(|_| invalid_key())?;
                IdempotencyKey::parse(raw).map(Some)
            }
        }
    }
}

/// The scope of a key: who calls, and which operation on which resource (include path ids,
/// e.g. `POST /contributions/{id}/receipt` with the id filled in).
pub fn scope(caller: &Caller, operation: &str) -> String {
    match caller {
        Caller::User(user) => format!("{}:{operation}", user.id),
        Caller::Anonymous => format!("anonymous:{operation}"),
    }
}

/// A use case run inside the transaction [`once`] opens.
pub type Op<'t, T> = Pin<Box<dyn Future<Output = ApiResult<T>> + Send + 't>>;

/// Runs `op` in one write transaction, at most once per `key` within `scope`, and returns its
/// response (or, for a repeat, the stored response of the first run). `request` is what makes
/// two requests "the same": the body, usually. Without a key, `op` simply runs in a transaction.
pub async fn once<T, R, F>(
    db: &DatabaseConnection,
    key: Option<&IdempotencyKey>,
    scope: &str,
    request: &R,
    op: F,
) -> ApiResult<T>
where
    T: Serialize + DeserializeOwned + Send,
    R: Serialize + ?Sized,
    F: for<'t> FnOnce(&'t DatabaseTransaction) -> Op<'t, T>,
{
    let txn = write_txn(db).await?;
    let Some(key) = key else {
        let value = op(&txn).await?;
        txn.commit().await?;
        return Ok(value);
    };
    let hash = request_hash(request)?;
    if let Some(stored) = find(&txn, scope, key).await? {
        txn.rollback().await?;
        return replay(stored, &hash);
    }
    let claimed = entity::ActiveModel {
        scope: Set(scope.to_owned()),
        key: Set(key.as_str().to_owned()),
        request_hash: Set(hash.clone()),
        status: Set(0),
        response: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await;
    match claimed {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => {
            // Another request with this key committed first: answer what it answered.
            txn.rollback().await?;
            let stored = find(db, scope, key).await?.ok_or_else(|| {
                ApiError::Internal(anyhow::anyhow!("idempotency key {scope}/{} vanished", key.as_str()))
            })?;
            return replay(stored, &hash);
        }
        Err(e) => return Err(e.into()),
    }
    let value = op(&txn).await?;
    let response = serde_json::to_string(&value).map_err(|e| ApiError::Internal(e.into()))?;
    entity::Entity::update_many()
        .col_expr(entity::Column::Response, Expr::value(response))
        .col_expr(entity::Column::Status, Expr::value(1))
        .filter(entity::Column::Scope.eq(scope))
        .filter(entity::Column::Key.eq(key.as_str()))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(value)
}

fn request_hash<R: Serialize + ?Sized>(request: &R) -> ApiResult<String> {
    let bytes = serde_json::to_vec(request).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(hex::encode(Sha256::digest(&bytes)))
}

async fn find<C: ConnectionTrait>(conn: &C, scope: &str, key: &IdempotencyKey) -> Result<Option<entity::Model>, DbErr> {
    entity::Entity::find()
        .filter(entity::Column::Scope.eq(scope))
        .filter(entity::Column::Key.eq(key.as_str()))
        .one(conn)
        .await
}

fn replay<T: DeserializeOwned>(stored: entity::Model, hash: &str) -> ApiResult<T> {
    if stored.request_hash != hash {
        return Err(ApiError::conflict(
            codes::IDEMPOTENCY_KEY_REUSED,
            "This Idempotency-Key was already used with a different request.",
        ));
    }
    let response = stored
        .response
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("idempotency key stored without its response")))?;
    serde_json::from_str(&response).map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("stored response")))
}

/// The `idempotency_keys` table.
pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "idempotency_keys")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub scope: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        /// SHA-256 of the request, hex.
        pub request_hash: String,
        /// 0 while the first request runs, 1 once its response is stored.
        pub status: i32,
        /// The first response, JSON.
        pub response: Option<String>,
        pub created_at: chrono::DateTime<chrono::Utc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The migration that creates `idempotency_keys`; services that take keys list it.
#[derive(DeriveMigrationName)]
pub struct CreateIdempotencyKeys;

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    Scope,
    Key,
    RequestHash,
    Status,
    Response,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for CreateIdempotencyKeys {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .if_not_exists()
                    .col(string(IdempotencyKeys::Scope))
                    .col(string(IdempotencyKeys::Key))
                    .col(string(IdempotencyKeys::RequestHash))
                    .col(integer(IdempotencyKeys::Status))
                    .col(text_null(IdempotencyKeys::Response))
                    .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                    .primary_key(Index::create().col(IdempotencyKeys::Scope).col(IdempotencyKeys::Key))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(IdempotencyKeys::Table).to_owned()).await
    }
}
