//! `tug pipelines:destroy`: destroy a pipeline, once its name is confirmed. Its apps stay.

use clap::Args as ClapArgs;

use crate::cli::args::JsonArg;
use crate::cli::ctx::Ctx;
use crate::cli::error::CliError;

#[derive(Debug, ClapArgs)]
pub struct DestroyArgs {
    /// The pipeline, by name or id
    #[arg(value_name = "PIPELINE")]
    pub pipeline: String,
    /// The pipeline's name again, to confirm without a prompt
    #[arg(short, long, value_name = "PIPELINE")]
    pub confirm: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

pub(super) fn destroy(args: &DestroyArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let client = ctx.client()?;
    let pipeline = ctx.block_on(client.pipeline(&args.pipeline))?;
    let name = pipeline.name.clone();
    let mismatch = |given: &str| {
        CliError::failed(
            format!("`{given}` does not match the pipeline name `{name}`; nothing was destroyed"),
            format!("to destroy `{name}`, pass `--confirm {name}`"),
        )
    };
    out.confirm_name(
        &name,
        args.confirm.as_deref(),
        &format!("this destroys pipeline {name}; its apps stay, out of any pipeline"),
        |given| mismatch(given),
        format!("refusing to destroy pipeline `{name}` without confirmation"),
    )?;
    let progress = out.progress(format!("Destroying {name} pipeline"));
    let gone = ctx.block_on(client.delete_pipeline(&pipeline.id.to_string()))?;
    progress.done();
    if out.is_json() {
        return out.json(&gone);
    }
    Ok(())
}
