//! The clap command tree is consistent (no clashing flags, valid defaults, and so on).

use clap::CommandFactory;

#[test]
fn the_command_tree_is_valid() {
    tug::cli::Cli::command().debug_assert();
}
