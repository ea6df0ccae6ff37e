//! `tug reviewapps:create BRANCH -p PIPELINE`: a review app from the branch as last pushed to
//! one of the pipeline's apps. Its build runs on the server; `tug builds:output` follows it.

use clap::Args as ClapArgs;

use super::PipelineArgs;
use crate::cli::ctx::Ctx;

#[derive(Debug, ClapArgs)]
pub struct CreateArgs {
    /// The branch, as pushed with `git push tug BRANCH`
    #[arg(value_name = "BRANCH")]
    pub branch: String,
    #[command(flatten)]
    pub flags: PipelineArgs,
}

pub(super) fn create(args: &CreateArgs, ctx: &Ctx) -> anyhow::Result<()> {
    let out = &ctx.out;
    let pipeline = &args.flags.pipeline(ctx)?;
    let client = ctx.client()?;
    let progress = out.progress(format!("Creating review app for {}", args.branch));
    let made = ctx.block_on(client.create_review_app(pipeline, &args.branch))?;
    progress.done();
    if out.is_json() {
        return out.json(&made);
    }
    if let Some(name) = made.app.as_ref().and_then(|a| a.name.clone()) {
        let app = ctx.block_on(client.app(&name))?;
        out.line(&format!("{name} {}", app.web_url.unwrap_or_default()))?;
        out.hint(&format!(
            "follow its build with `tug builds:output -a {name}`"
        ));
    }
    Ok(())
}
