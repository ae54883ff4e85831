//! Tests of the decide lens: every model against its reference (BDM, KTAB SMP, exchange), properties, the decision rules, and the real institutional cases.
//!
//! One test binary per area (rather than one per file) keeps link time down.

mod cases_common;

mod bdm;
mod cases_eu;
mod cases_nato;
mod exchange;
mod import;
mod properties;
mod rules_docs;
mod smoke;
mod smp;
mod smp_import;
mod smp_properties;
mod smp_soe;
