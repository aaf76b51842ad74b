//! Claims across outlets: the figures table and near-duplicate linking.

#[path = "../support/mod.rs"]
mod support;

mod dated;
mod demo;
mod figures_names;
mod figures_neighbours;
mod figures_round3;
mod figures_table;
mod outlets;
mod pairs;
mod precision;
mod props;
mod round5;
