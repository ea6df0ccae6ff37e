//! `tug pipelines:rename`: give a pipeline a new name.

use clap::Args as ClapArgs;

use crate::cli::args::JsonArg;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct RenameArgs {
    /// The pipeline, by name or id
    #[arg(value_name = "PIPELINE")]
    pub pipeline: String,
    /// Its new name
    #[arg(value_name = "NAME")]
    pub name: String,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn rename(args: &RenameArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let pipeline = ctx.block_on(client.pipeline(&args.pipeline))?;
    let progress = out.progress(format!(
        "Renaming {} pipeline to {}",
        pipeline.name, args.name
    ));
    let renamed = ctx.block_on(client.rename_pipeline(&pipeline.id.to_string(), &args.name))?;
    progress.done();
    if out.is_json() {
        return out.json(&renamed);
    }
    Ok(())
}
