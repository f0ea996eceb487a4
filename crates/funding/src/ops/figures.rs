//! Balances and figures derived from summed ledger lines (see `domain::ledger` for the
//! accounts and signs).

use std::collections::HashMap;

use api_types::funding::{ContributionBalances, FundingFigures};
use api_types::money::{CHF, Money};
use uuid::Uuid;

use crate::store::money::SumRow;

/// CHF centimes of one contribution (or any group of lines).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub received: i64,
    pub open: i64,
    pub allocated: i64,
    pub released: i64,
    pub disbursed: i64,
    pub unspent: i64,
    pub refunded: i64,
    pub cash: i64,
}

impl Figures {
    pub fn add(&mut self, row: &SumRow) {
        let t = row.total;
        match (row.account.as_str(), row.kind.as_str()) {
            ("open", kind) => {
                self.open -= t;
                if kind == "receipt" {
                    self.received -= t;
                }
            }
            ("committed", kind) => {
                self.unspent -= t;
                match kind {
                    "allocation" => self.allocated -= t,
                    "release" => {
                        self.allocated -= t;
                        self.released += t;
                    }
                    "disbursement" => self.disbursed += t,
                    _ => {}
                }
            }
            ("cash", kind) => {
                self.cash += t;
                if kind == "refund" {
                    self.refunded -= t;
                }
            }
            _ => {}
        }
    }

    pub fn balances(&self) -> ContributionBalances {
        ContributionBalances {
            received: chf(self.received),
            open: chf(self.open),
            allocated: chf(self.allocated),
            disbursed: chf(self.disbursed),
            unspent: chf(self.unspent),
            refunded: chf(self.refunded),
        }
    }

    pub fn funding(&self) -> FundingFigures {
        FundingFigures {
            received: chf(self.received),
            allocated: chf(self.allocated),
            disbursed: chf(self.disbursed),
            unspent: chf(self.unspent),
        }
    }

    /// What the programme holds equals what is open plus what is committed and unspent.
    pub fn reconciles(&self) -> bool {
        self.cash == self.open + self.unspent && self.received - self.refunded == self.cash + self.disbursed
    }

    pub fn merge(&mut self, o: &Figures) {
        self.received += o.received;
        self.open += o.open;
        self.allocated += o.allocated;
        self.released += o.released;
        self.disbursed += o.disbursed;
        self.unspent += o.unspent;
        self.refunded += o.refunded;
        self.cash += o.cash;
    }
}

pub fn chf(minor: i64) -> Money {
    Money::new(minor, CHF)
}

/// Figures per contribution.
pub fn per_contribution(rows: &[SumRow]) -> HashMap<Uuid, Figures> {
    let mut out: HashMap<Uuid, Figures> = HashMap::new();
    for r in rows {
        out.entry(r.contribution_id).or_default().add(r);
    }
    out
}

/// Figures per (contribution, project), committed lines only.
pub fn per_allocation(rows: &[SumRow]) -> HashMap<(Uuid, Uuid), Figures> {
    let mut out: HashMap<(Uuid, Uuid), Figures> = HashMap::new();
    for r in rows {
        if let Some(p) = r.project_id {
            out.entry((r.contribution_id, p)).or_default().add(r);
        }
    }
    out
}
