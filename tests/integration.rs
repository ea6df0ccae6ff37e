//! End-to-end tests: a real `tug server`, the real `tug` binary, real git, real HTTP. One test
//! binary (autotests are off) so there is one link step.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod common;

mod abuse;
mod access;
mod account_delete;
mod acm;
mod addon_rename;
mod addons;
mod app_setup;
mod build_cancel;
mod clients_wire;
mod conformance;
mod dashboard;
mod deploys;
mod domains;
mod drains;
mod dyno_sizes;
mod dynos;
mod features;
mod git_push;
mod https;
mod lifecycle;
mod limits;
mod logs;
mod official_cli;
mod official_cli_links;
mod other_clients;
mod outbound;
mod pipelines;
mod pipelines_deploy;
mod pipelines_diff;
mod redis_shared;
mod review_apps;
mod sandbox;
mod schema_links;
mod secrets;
mod swarm;
mod token_rotation;
mod webhooks;
mod wire;
mod wire_in_process;

mod cli_access;
mod cli_apps;
mod cli_auth;
mod cli_builds;
mod cli_config;
mod cli_general;
mod cli_git;
mod cli_ps;
mod cli_terminal;
mod generated;
mod verify_cli;
