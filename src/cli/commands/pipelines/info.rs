//! `tug pipelines:info`: a pipeline's apps by stage.

use clap::Args as ClapArgs;
use serde::Serialize;

use crate::api::{Pipeline, PipelineCoupling};
use crate::cli::args::JsonArg;
use crate::cli::ctx::Ctx;
use crate::cli::out::Table;

#[derive(Debug, ClapArgs)]
pub struct InfoArgs {
    /// The pipeline, by name or id
    #[arg(value_name = "PIPELINE")]
    pub pipeline: String,
    #[command(flatten)]
    pub json: JsonArg,
}

/// What `--json` prints: the pipeline and its couplings.
#[derive(Serialize)]
struct PipelineInfo {
    pipeline: Pipeline,
    couplings: Vec<PipelineCoupling>,
}

pub(super) fn info(args: &InfoArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let pipeline = ctx.block_on(client.pipeline(&args.pipeline))?;
    let couplings = ctx.block_on(client.pipeline_couplings(&pipeline.id.to_string()))?;
    if out.is_json() {
        return out.json(&PipelineInfo {
            pipeline,
            couplings,
        });
    }
    out.header(&pipeline.name)?;
    if couplings.is_empty() {
        out.status(&format!("{} has no apps.", pipeline.name));
        out.hint(&format!(
            "add one with `tug pipelines:add {} -a APP --stage staging`",
            pipeline.name
        ));
        return Ok(());
    }
    let mut table = Table::new(vec!["app name", "stage"]);
    for c in &couplings {
        table.row(vec![c.app.name.clone().into(), c.stage.clone().into()]);
    }
    Ok(out.table(&table)?)
}
