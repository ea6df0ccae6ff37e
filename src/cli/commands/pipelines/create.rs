//! `tug pipelines:create`: a new pipeline, with the app at its stage.

use clap::Args as ClapArgs;

use super::StageArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct CreateArgs {
    /// The pipeline's name [default: the app's name]
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    #[command(flatten)]
    pub flags: StageArgs,
}

pub(super) fn create(args: &CreateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let (app, client) = args.flags.app_client(ctx)?;
    let name = args.name.clone().unwrap_or_else(|| app.clone());
    let progress = out.progress(format!("Creating {name} pipeline"));
    let pipeline = ctx.block_on(client.create_pipeline(&name))?;
    progress.done();
    let progress = out.progress(format!(
        "Adding {} to {name} pipeline as {}",
        out.app_name(&app),
        args.flags.stage
    ));
    let coupling =
        ctx.block_on(client.couple(&pipeline.id.to_string(), &app, &args.flags.stage))?;
    progress.done();
    if out.is_json() {
        return out.json(&coupling);
    }
    Ok(())
}
