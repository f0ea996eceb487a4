//! The double-entry journal: movements as balanced entries in CHF centimes, balances derived
//! from lines, and the hash chain that makes rewritten history visible.
//!
//! Every account belongs to one contribution (the funds-in-trust are kept per contribution, so
//! an earmark can never leak into another donor's money):
//!
//! | account | normal side | what its balance is |
//! |---|---|---|
//! | `cash` | debit (+) | money of the contribution still held |
//! | `open` | credit (−) | received and not yet allocated |
//! | `committed` (per project) | credit (−) | allocated to the project and not yet disbursed |
//!
//! | movement | lines |
//! |---|---|
//! | receipt | cash +x, open −x |
//! | allocation | open +x, committed(p) −x |
//! | release | committed(p) +x, open −x |
//! | disbursement | committed(p) +x, cash −x (one pair per contribution drawn on) |
//! | refund | open +x, cash −x |
//!
//! So for every contribution `cash = open + Σ committed`, and no balance may go below zero.

use std::collections::HashMap;

use chrono::{DateTime, SubsecRound, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Account {
    Cash,
    Open,
    Committed,
}

impl Account {
    pub fn as_str(self) -> &'static str {
        match self {
            Account::Cash => "cash",
            Account::Open => "open",
            Account::Committed => "committed",
        }
    }

    pub fn parse(s: &str) -> Option<Account> {
        [Account::Cash, Account::Open, Account::Committed].into_iter().find(|a| a.as_str() == s)
    }

    /// +1 for debit-normal accounts, −1 for credit-normal ones: balance = sign × Σ amounts.
    fn sign(self) -> i64 {
        match self {
            Account::Cash => 1,
            Account::Open | Account::Committed => -1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MovementKind {
    Receipt,
    Allocation,
    Release,
    Disbursement,
    Refund,
}

impl MovementKind {
    pub const ALL: [MovementKind; 5] = [
        MovementKind::Receipt,
        MovementKind::Allocation,
        MovementKind::Release,
        MovementKind::Disbursement,
        MovementKind::Refund,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MovementKind::Receipt => "receipt",
            MovementKind::Allocation => "allocation",
            MovementKind::Release => "release",
            MovementKind::Disbursement => "disbursement",
            MovementKind::Refund => "refund",
        }
    }

    pub fn parse(s: &str) -> Option<MovementKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One line of an entry: a signed amount (debit +, credit −) on one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub account: Account,
    pub contribution: Uuid,
    /// Set on `committed` lines only.
    pub project: Option<Uuid>,
    pub amount: i64,
}

/// A balanced set of lines: what one entry records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Movement {
    pub kind: MovementKind,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("amounts must be positive")]
    NotPositive,
    #[error("the {account} balance of contribution {contribution} would fall below zero (available {available})")]
    Insufficient { account: &'static str, contribution: Uuid, project: Option<Uuid>, available: i64 },
    #[error("the amount is too large")]
    Overflow,
}

fn line(account: Account, contribution: Uuid, project: Option<Uuid>, amount: i64) -> Line {
    Line { account, contribution, project, amount }
}

impl Movement {
    fn pair(kind: MovementKind, debit: Line, credit_account: Account, credit_project: Option<Uuid>) -> Movement {
        let credit = line(credit_account, debit.contribution, credit_project, -debit.amount);
        Movement { kind, lines: vec![debit, credit] }
    }

    pub fn receipt(contribution: Uuid, amount: i64) -> Movement {
        Self::pair(MovementKind::Receipt, line(Account::Cash, contribution, None, amount), Account::Open, None)
    }

    pub fn allocation(contribution: Uuid, project: Uuid, amount: i64) -> Movement {
        let debit = line(Account::Open, contribution, None, amount);
        Self::pair(MovementKind::Allocation, debit, Account::Committed, Some(project))
    }

    pub fn release(contribution: Uuid, project: Uuid, amount: i64) -> Movement {
        let debit = line(Account::Committed, contribution, Some(project), amount);
        Self::pair(MovementKind::Release, debit, Account::Open, None)
    }

    /// A disbursement for `project`, drawn on the allocations of several contributions.
    pub fn disbursement(project: Uuid, slices: &[(Uuid, i64)]) -> Movement {
        let lines = slices
            .iter()
            .flat_map(|&(c, x)| [line(Account::Committed, c, Some(project), x), line(Account::Cash, c, None, -x)])
            .collect();
        Movement { kind: MovementKind::Disbursement, lines }
    }

    pub fn refund(contribution: Uuid, amount: i64) -> Movement {
        Self::pair(MovementKind::Refund, line(Account::Open, contribution, None, amount), Account::Cash, None)
    }

    /// Lines sum to zero, and each pair moves a positive amount.
    pub fn is_balanced(&self) -> bool {
        self.lines.iter().try_fold(0i64, |acc, l| acc.checked_add(l.amount)) == Some(0)
    }
}

/// Balances derived from lines, in memory: the model the store's SQL sums must agree with, and
/// the check that a movement leaves nothing negative.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Balances {
    sums: HashMap<(Account, Uuid, Option<Uuid>), i64>,
}

impl Balances {
    /// The balance of an account on its normal side (what is available).
    pub fn balance(&self, account: Account, contribution: Uuid, project: Option<Uuid>) -> i64 {
        account.sign() * self.sums.get(&(account, contribution, project)).copied().unwrap_or(0)
    }

    /// Every account with its balance.
    pub fn accounts(&self) -> impl Iterator<Item = ((Account, Uuid, Option<Uuid>), i64)> + '_ {
        self.sums.iter().map(|(k, v)| (*k, k.0.sign() * v))
    }

    /// Applies `movement` if every amount is positive and no balance falls below zero;
    /// otherwise changes nothing.
    pub fn apply(&mut self, movement: &Movement) -> Result<(), LedgerError> {
        if movement.lines.is_empty()
            || movement.lines.chunks(2).any(|pair| pair[0].amount <= 0)
            || !movement.is_balanced()
        {
            return Err(LedgerError::NotPositive);
        }
        let mut next = HashMap::new();
        for l in &movement.lines {
            let key = (l.account, l.contribution, l.project);
            let current = next.get(&key).copied().unwrap_or_else(|| self.sums.get(&key).copied().unwrap_or(0));
            let sum = current.checked_add(l.amount).ok_or(LedgerError::Overflow)?;
            next.insert(key, sum);
        }
        for (&(account, contribution, project), &sum) in &next {
            if account.sign() * sum < 0 {
                return Err(LedgerError::Insufficient {
                    account: account.as_str(),
                    contribution,
                    project,
                    available: self.balance(account, contribution, project),
                });
            }
        }
        self.sums.extend(next);
        Ok(())
    }
}

/// The hash of the entry before the first.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What the chain covers of one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryContent {
    pub seq: i64,
    pub kind: MovementKind,
    pub occurred_at: DateTime<Utc>,
    /// The plan, contribution or disbursement the entry belongs to.
    pub reference: Uuid,
    pub lines: Vec<Line>,
}

/// Timestamps are hashed at microsecond precision, the finest both databases store.
pub fn ledger_time(t: DateTime<Utc>) -> DateTime<Utc> {
    t.trunc_subsecs(6)
}

impl EntryContent {
    /// SHA-256 over the previous hash and an unambiguous text of the entry (fixed-width ids and
    /// separators that no field contains), in hex.
    pub fn hash(&self, prev_hash: &str) -> String {
        let mut h = Sha256::new();
        h.update(prev_hash.as_bytes());
        h.update(format!(
            "|{}|{}|{}|{}",
            self.seq,
            self.kind.as_str(),
            ledger_time(self.occurred_at).to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            self.reference
        ));
        for l in &self.lines {
            let project = l.project.map(|p| p.to_string()).unwrap_or_default();
            h.update(format!("|{},{},{},{}", l.account.as_str(), l.contribution, project, l.amount));
        }
        hex::encode(h.finalize())
    }
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub content: EntryContent,
    pub prev_hash: String,
    pub hash: String,
}

/// Why an entry breaks the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// Its sequence number is not the one after its predecessor's.
    Gap,
    /// It does not name its predecessor's hash.
    Link,
    /// Its content does not give its stored hash: it was altered.
    Content,
    /// Its lines do not sum to zero.
    Unbalanced,
}

impl Break {
    pub fn as_str(self) -> &'static str {
        match self {
            Break::Gap => "sequence_gap",
            Break::Link => "previous_hash_mismatch",
            Break::Content => "content_altered",
            Break::Unbalanced => "unbalanced",
        }
    }
}

/// Walks the chain in order, entry by entry, so a million entries need no million in memory.
#[derive(Debug, Clone)]
pub struct Verifier {
    prev_hash: String,
    prev_seq: i64,
    checked: u64,
}

impl Default for Verifier {
    fn default() -> Self {
        Verifier { prev_hash: GENESIS_HASH.to_owned(), prev_seq: 0, checked: 0 }
    }
}

impl Verifier {
    /// Checks the next entry; the first problem found is returned.
    pub fn push(&mut self, entry: &StoredEntry) -> Result<(), Break> {
        let c = &entry.content;
        if c.seq != self.prev_seq + 1 {
            return Err(Break::Gap);
        }
        if entry.prev_hash != self.prev_hash {
            return Err(Break::Link);
        }
        if c.hash(&entry.prev_hash) != entry.hash {
            return Err(Break::Content);
        }
        if c.lines.iter().try_fold(0i64, |a, l| a.checked_add(l.amount)) != Some(0) {
            return Err(Break::Unbalanced);
        }
        self.prev_hash.clone_from(&entry.hash);
        self.prev_seq = c.seq;
        self.checked += 1;
        Ok(())
    }

    pub fn checked(&self) -> u64 {
        self.checked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn a_life_of_a_contribution_balances() {
        let (c, p) = (id(1), id(2));
        let mut b = Balances::default();
        b.apply(&Movement::receipt(c, 1000)).unwrap();
        b.apply(&Movement::allocation(c, p, 700)).unwrap();
        b.apply(&Movement::disbursement(p, &[(c, 500)])).unwrap();
        b.apply(&Movement::release(c, p, 200)).unwrap();
        b.apply(&Movement::refund(c, 100)).unwrap();
        assert_eq!(b.balance(Account::Cash, c, None), 400);
        assert_eq!(b.balance(Account::Open, c, None), 400);
        assert_eq!(b.balance(Account::Committed, c, Some(p)), 0);
        // Nothing more than is there can move, and a refused movement changes nothing.
        let before = b.clone();
        assert!(matches!(b.apply(&Movement::allocation(c, p, 401)), Err(LedgerError::Insufficient { .. })));
        assert!(matches!(b.apply(&Movement::disbursement(p, &[(c, 1)])), Err(LedgerError::Insufficient { .. })));
        assert_eq!(b.apply(&Movement::receipt(c, 0)), Err(LedgerError::NotPositive));
        assert_eq!(b, before);
    }

    fn chain(movements: &[Movement]) -> Vec<StoredEntry> {
        let mut prev = GENESIS_HASH.to_owned();
        let t0 = DateTime::<Utc>::from_timestamp(1_800_000_000, 123_456_789).unwrap();
        movements
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let content = EntryContent {
                    seq: i as i64 + 1,
                    kind: m.kind,
                    occurred_at: t0 + chrono::Duration::seconds(i as i64),
                    reference: id(99),
                    lines: m.lines.clone(),
                };
                let hash = content.hash(&prev);
                let entry = StoredEntry { content, prev_hash: prev.clone(), hash: hash.clone() };
                prev = hash;
                entry
            })
            .collect()
    }

    fn first_break(entries: &[StoredEntry]) -> Option<(i64, Break)> {
        let mut v = Verifier::default();
        entries.iter().find_map(|e| v.push(e).err().map(|b| (e.content.seq, b)))
    }

    #[test]
    fn tampering_is_named_at_the_entry_it_touched() {
        let (c, p) = (id(1), id(2));
        let ms = [Movement::receipt(c, 1000), Movement::allocation(c, p, 700), Movement::release(c, p, 100)];
        let good = chain(&ms);
        assert_eq!(first_break(&good), None);

        let mut altered = good.clone();
        altered[1].content.lines[0].amount = 900;
        altered[1].content.lines[1].amount = -900;
        assert_eq!(first_break(&altered), Some((2, Break::Content)));

        // Rewriting the entry's hash too breaks the link of the next one.
        let mut rehashed = altered.clone();
        rehashed[1].hash = rehashed[1].content.hash(&rehashed[1].prev_hash);
        assert_eq!(first_break(&rehashed), Some((3, Break::Link)));

        let mut removed = good.clone();
        removed.remove(1);
        assert_eq!(first_break(&removed), Some((3, Break::Gap)));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Receive(usize, i64),
        Allocate(usize, usize, i64),
        Release(usize, usize, i64),
        Disburse(usize, Vec<(usize, i64)>),
        Refund(usize, i64),
    }

    fn op() -> impl Strategy<Value = Op> {
        let c = 0..4usize;
        let p = 0..3usize;
        let x = 1..2_000i64;
        prop_oneof![
            (c.clone(), x.clone()).prop_map(|(c, x)| Op::Receive(c, x)),
            (c.clone(), p.clone(), x.clone()).prop_map(|(c, p, x)| Op::Allocate(c, p, x)),
            (c.clone(), p.clone(), x.clone()).prop_map(|(c, p, x)| Op::Release(c, p, x)),
            (p, proptest::collection::vec((c.clone(), x.clone()), 1..3)).prop_map(|(p, s)| Op::Disburse(p, s)),
            (c, x).prop_map(|(c, x)| Op::Refund(c, x)),
        ]
    }

    proptest! {
        /// Whatever sequence of movements is attempted, the accepted ones keep every balance at
        /// or above zero, every contribution's cash equal to what it has open plus committed,
        /// and the hash chain over them verifies.
        #[test]
        fn random_movements_keep_the_books(ops in proptest::collection::vec(op(), 1..60)) {
            let mut b = Balances::default();
            let mut accepted = Vec::new();
            for op in ops {
                let m = match op {
                    Op::Receive(c, x) => Movement::receipt(id(c as u128), x),
                    Op::Allocate(c, p, x) => Movement::allocation(id(c as u128), id(100 + p as u128), x),
                    Op::Release(c, p, x) => Movement::release(id(c as u128), id(100 + p as u128), x),
                    Op::Disburse(p, s) => {
                        let mut slices: Vec<(Uuid, i64)> = Vec::new();
                        for (c, x) in s {
                            // One slice per contribution, as the use case builds them.
                            if !slices.iter().any(|(sc, _)| *sc == id(c as u128)) {
                                slices.push((id(c as u128), x));
                            }
                        }
                        Movement::disbursement(id(100 + p as u128), &slices)
                    }
                    Op::Refund(c, x) => Movement::refund(id(c as u128), x),
                };
                prop_assert!(m.is_balanced());
                let before = b.clone();
                match b.apply(&m) {
                    Ok(()) => accepted.push(m),
                    Err(_) => prop_assert_eq!(&b, &before),
                }
                for (_, balance) in b.accounts() {
                    prop_assert!(balance >= 0);
                }
                for c in 0..4u128 {
                    let committed: i64 = (0..3u128).map(|p| b.balance(Account::Committed, id(c), Some(id(100 + p)))).sum();
                    prop_assert_eq!(b.balance(Account::Cash, id(c), None), b.balance(Account::Open, id(c), None) + committed);
                }
            }
            let entries = chain(&accepted);
            prop_assert_eq!(first_break(&entries), None);
            let total: i64 = accepted.iter().flat_map(|m| m.lines.iter()).map(|l| l.amount).sum();
            prop_assert_eq!(total, 0);
        }
    }
}
