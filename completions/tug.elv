
use builtin;
use str;

set edit:completion:arg-completer[tug] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'tug'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'tug'= {
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Log in to a tug platform and store the token'
            cand logout 'Forget the stored token (and revoke it when `tug login` created it)'
            cand whoami 'Show the email of the account in use'
            cand auth 'Log in and out, and show the account or the token'
            cand create 'Create an app (same as `tug apps create`)'
            cand apps 'List, create, inspect, rename and destroy apps'
            cand info 'Show an app (same as `tug apps info`)'
            cand rename 'Rename an app (same as `tug apps rename`)'
            cand destroy 'Destroy an app (same as `tug apps destroy`)'
            cand git 'Wire a git repository to an app: set its remote, or clone it'
            cand builds 'List an app''s builds, and show one''s details or output'
            cand buildpacks 'Show and change the buildpacks an app''s builds run'
            cand config 'Show and change an app''s config vars; each change is a new release'
            cand releases 'List and inspect an app''s releases, and roll back to an earlier one'
            cand rollback 'Roll back to an earlier release (same as `tug releases rollback`)'
            cand ps 'List an app''s dynos; scale, restart, stop and resize them'
            cand scale 'Show or change the formation (same as `tug ps scale`)'
            cand restart 'Restart dynos (same as `tug ps restart`)'
            cand stop 'Stop dynos (same as `tug ps stop`)'
            cand run 'Run a command in a one-off dyno, attached to this terminal'
            cand open 'Open the app''s URL in a browser (`BROWSER`, else `xdg-open` or `open`)'
            cand up 'Deploy a directory: start a local platform if none runs, create the app, build, serve'
            cand deploy 'Deploy a branch, tag or commit of this repository, after checking it is safe'
            cand deployments 'The record of every deploy of an app, and each one''s history'
            cand statuses 'Show and set commit statuses: what CI says about a commit'
            cand logs 'Show an app''s log: the newest lines, or follow it with --tail'
            cand drains 'List, add and remove log drains: where an app''s log is also sent'
            cand domains 'The hostnames an app answers at: list, add, inspect, remove and wait for custom domains'
            cand certs 'Certificates for an app''s custom domains on the HTTPS router: upload, list, replace'
            cand webhooks 'HTTP notifications of an app''s builds, releases, scaling and dynos: add, list, inspect'
            cand access 'Who can use an app: list, add and remove collaborators'
            cand maintenance 'Show, or turn on and off, an app''s maintenance mode'
            cand completions 'Print a shell completion script to stdout'
            cand server 'Run the tug platform: the Platform API, git over HTTP, builds, dynos, the router and logs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;login'= {
            cand -e 'The account''s email address (the password is asked for, or read with --password-stdin)'
            cand --email 'The account''s email address (the password is asked for, or read with --password-stdin)'
            cand --api-url 'The platform to log in to; remembered for later commands'
            cand --with-token 'Read an API token from stdin instead of asking for an email and password'
            cand --password-stdin 'Read the password from stdin'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tug;logout'= {
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;whoami'= {
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;auth'= {
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand login 'Log in to a tug platform and store the token'
            cand logout 'Forget the stored token (and revoke it when `tug login` created it)'
            cand whoami 'Show the email of the account in use'
            cand token 'Print the token in use'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;auth;login'= {
            cand -e 'The account''s email address (the password is asked for, or read with --password-stdin)'
            cand --email 'The account''s email address (the password is asked for, or read with --password-stdin)'
            cand --api-url 'The platform to log in to; remembered for later commands'
            cand --with-token 'Read an API token from stdin instead of asking for an email and password'
            cand --password-stdin 'Read the password from stdin'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tug;auth;logout'= {
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;auth;whoami'= {
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;auth;token'= {
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;auth;help'= {
            cand login 'Log in to a tug platform and store the token'
            cand logout 'Forget the stored token (and revoke it when `tug login` created it)'
            cand whoami 'Show the email of the account in use'
            cand token 'Print the token in use'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;auth;help;login'= {
        }
        &'tug;auth;help;logout'= {
        }
        &'tug;auth;help;whoami'= {
        }
        &'tug;auth;help;token'= {
        }
        &'tug;auth;help;help'= {
        }
        &'tug;create'= {
            cand -b 'A buildpack for the app''s builds: a built-in (`python`, `node`, `procfile`, `null`), a git URL with an optional `#ref`, or a path on the server; repeat it for several'
            cand --buildpack 'A buildpack for the app''s builds: a built-in (`python`, `node`, `procfile`, `null`), a git URL with an optional `#ref`, or a path on the server; repeat it for several'
            cand -r 'Name of the git remote to add'
            cand --remote 'Name of the git remote to add'
            cand --no-remote 'Do not add a git remote'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;apps'= {
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the apps you own or collaborate on (the default)'
            cand ls 'List the apps you own or collaborate on (the default)'
            cand create 'Create an app, and a `tug` git remote for it in the current repository'
            cand info 'Show an app'
            cand rename 'Rename an app, and update git remotes that point at it'
            cand destroy 'Destroy an app and everything in it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;apps;list'= {
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;apps;ls'= {
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;apps;create'= {
            cand -b 'A buildpack for the app''s builds: a built-in (`python`, `node`, `procfile`, `null`), a git URL with an optional `#ref`, or a path on the server; repeat it for several'
            cand --buildpack 'A buildpack for the app''s builds: a built-in (`python`, `node`, `procfile`, `null`), a git URL with an optional `#ref`, or a path on the server; repeat it for several'
            cand -r 'Name of the git remote to add'
            cand --remote 'Name of the git remote to add'
            cand --no-remote 'Do not add a git remote'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;apps;info'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand -s 'Print `key=value` lines for a shell'
            cand --shell 'Print `key=value` lines for a shell'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;apps;rename'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;apps;destroy'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand -c 'The app''s name again, to confirm without a prompt'
            cand --confirm 'The app''s name again, to confirm without a prompt'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;apps;help'= {
            cand list 'List the apps you own or collaborate on (the default)'
            cand create 'Create an app, and a `tug` git remote for it in the current repository'
            cand info 'Show an app'
            cand rename 'Rename an app, and update git remotes that point at it'
            cand destroy 'Destroy an app and everything in it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;apps;help;list'= {
        }
        &'tug;apps;help;create'= {
        }
        &'tug;apps;help;info'= {
        }
        &'tug;apps;help;rename'= {
        }
        &'tug;apps;help;destroy'= {
        }
        &'tug;apps;help;help'= {
        }
        &'tug;info'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand -s 'Print `key=value` lines for a shell'
            cand --shell 'Print `key=value` lines for a shell'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;rename'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;destroy'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand -c 'The app''s name again, to confirm without a prompt'
            cand --confirm 'The app''s name again, to confirm without a prompt'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;git'= {
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand remote 'Point a git remote (`tug` by default) at an app, so that `git push tug main` deploys it'
            cand clone 'Clone an app''s repository, ready to push back to it'
            cand credentials 'The credential helper git runs for the platform: answers `get` with the token'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;git;remote'= {
            cand -a 'The app [default: found from the git remotes]'
            cand --app 'The app [default: found from the git remotes]'
            cand -r 'Name of the git remote to add or update'
            cand --remote 'Name of the git remote to add or update'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;git;clone'= {
            cand -a 'The app to clone [default: `TUG_APP`, else found from the git remotes]'
            cand --app 'The app to clone [default: `TUG_APP`, else found from the git remotes]'
            cand -r 'Name of the clone''s git remote'
            cand --remote 'Name of the clone''s git remote'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;git;credentials'= {
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;git;help'= {
            cand remote 'Point a git remote (`tug` by default) at an app, so that `git push tug main` deploys it'
            cand clone 'Clone an app''s repository, ready to push back to it'
            cand credentials 'The credential helper git runs for the platform: answers `get` with the token'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;git;help;remote'= {
        }
        &'tug;git;help;clone'= {
        }
        &'tug;git;help;credentials'= {
        }
        &'tug;git;help;help'= {
        }
        &'tug;builds'= {
            cand -n 'How many builds to show, newest first'
            cand --num 'How many builds to show, newest first'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the newest builds (the default)'
            cand info 'Show a build'
            cand output 'Print a build''s output; a running build is followed to its end'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;builds;list'= {
            cand -n 'How many builds to show, newest first'
            cand --num 'How many builds to show, newest first'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;builds;info'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;builds;output'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;builds;help'= {
            cand list 'List the newest builds (the default)'
            cand info 'Show a build'
            cand output 'Print a build''s output; a running build is followed to its end'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;builds;help;list'= {
        }
        &'tug;builds;help;info'= {
        }
        &'tug;builds;help;output'= {
        }
        &'tug;builds;help;help'= {
        }
        &'tug;buildpacks'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the app''s buildpacks in the order builds run them (the default)'
            cand set 'Set the buildpack: replace the first one, or the one at --index'
            cand add 'Add a buildpack: at the end, or at --index'
            cand remove 'Remove a buildpack, named or at --index'
            cand clear 'Remove all the buildpacks: builds then try the built-ins in turn'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;buildpacks;list'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;buildpacks;set'= {
            cand -i 'The position in the list, starting at 1'
            cand --index 'The position in the list, starting at 1'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;buildpacks;add'= {
            cand -i 'The position in the list, starting at 1'
            cand --index 'The position in the list, starting at 1'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;buildpacks;remove'= {
            cand -i 'The position of the buildpack to remove, starting at 1'
            cand --index 'The position of the buildpack to remove, starting at 1'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;buildpacks;clear'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;buildpacks;help'= {
            cand list 'List the app''s buildpacks in the order builds run them (the default)'
            cand set 'Set the buildpack: replace the first one, or the one at --index'
            cand add 'Add a buildpack: at the end, or at --index'
            cand remove 'Remove a buildpack, named or at --index'
            cand clear 'Remove all the buildpacks: builds then try the built-ins in turn'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;buildpacks;help;list'= {
        }
        &'tug;buildpacks;help;set'= {
        }
        &'tug;buildpacks;help;add'= {
        }
        &'tug;buildpacks;help;remove'= {
        }
        &'tug;buildpacks;help;clear'= {
        }
        &'tug;buildpacks;help;help'= {
        }
        &'tug;config'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand -s 'Print `KEY=value` lines for a shell'
            cand --shell 'Print `KEY=value` lines for a shell'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'Show all config vars (the default)'
            cand get 'Print the values of config vars; a missing one is an error'
            cand set 'Set config vars (a new release)'
            cand add 'Set config vars (a new release)'
            cand unset 'Remove config vars (a new release)'
            cand remove 'Remove config vars (a new release)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;config;list'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand -s 'Print `KEY=value` lines for a shell'
            cand --shell 'Print `KEY=value` lines for a shell'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;config;get'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand -s 'Print `KEY=value` lines for a shell'
            cand --shell 'Print `KEY=value` lines for a shell'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;config;set'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;config;add'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;config;unset'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;config;remove'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;config;help'= {
            cand list 'Show all config vars (the default)'
            cand get 'Print the values of config vars; a missing one is an error'
            cand set 'Set config vars (a new release)'
            cand unset 'Remove config vars (a new release)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;config;help;list'= {
        }
        &'tug;config;help;get'= {
        }
        &'tug;config;help;set'= {
        }
        &'tug;config;help;unset'= {
        }
        &'tug;config;help;help'= {
        }
        &'tug;releases'= {
            cand -n 'How many releases to show, newest first'
            cand --num 'How many releases to show, newest first'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the newest releases (the default)'
            cand info 'Show a release and its config vars'
            cand rollback 'Roll back: a new release with the code and config vars of an earlier one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;releases;list'= {
            cand -n 'How many releases to show, newest first'
            cand --num 'How many releases to show, newest first'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;releases;info'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand -s 'Print the release''s config vars as `KEY=value` lines for a shell'
            cand --shell 'Print the release''s config vars as `KEY=value` lines for a shell'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;releases;rollback'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;releases;help'= {
            cand list 'List the newest releases (the default)'
            cand info 'Show a release and its config vars'
            cand rollback 'Roll back: a new release with the code and config vars of an earlier one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;releases;help;list'= {
        }
        &'tug;releases;help;info'= {
        }
        &'tug;releases;help;rollback'= {
        }
        &'tug;releases;help;help'= {
        }
        &'tug;rollback'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;ps'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand scale 'Show the formation, or change how many dynos of each type run and their size'
            cand restart 'Restart every dyno, the dynos of one type, or one dyno'
            cand stop 'Stop one dyno, or the dynos of one type (the formation brings them back on a restart)'
            cand type 'Show the size of each process type, or change it (`web=standard-2X`, or a size for all)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;ps;scale'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tug;ps;restart'= {
            cand -d 'The dyno to restart (`web.1`)'
            cand --dyno-name 'The dyno to restart (`web.1`)'
            cand -p 'The process type whose dynos to restart (`web`)'
            cand --process-type 'The process type whose dynos to restart (`web`)'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;ps;stop'= {
            cand -d 'The dyno to stop (`run.2`)'
            cand --dyno-name 'The dyno to stop (`run.2`)'
            cand -p 'The process type whose dynos to stop (`worker`)'
            cand --process-type 'The process type whose dynos to stop (`worker`)'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;ps;type'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;ps;help'= {
            cand scale 'Show the formation, or change how many dynos of each type run and their size'
            cand restart 'Restart every dyno, the dynos of one type, or one dyno'
            cand stop 'Stop one dyno, or the dynos of one type (the formation brings them back on a restart)'
            cand type 'Show the size of each process type, or change it (`web=standard-2X`, or a size for all)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;ps;help;scale'= {
        }
        &'tug;ps;help;restart'= {
        }
        &'tug;ps;help;stop'= {
        }
        &'tug;ps;help;type'= {
        }
        &'tug;ps;help;help'= {
        }
        &'tug;scale'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;restart'= {
            cand -d 'The dyno to restart (`web.1`)'
            cand --dyno-name 'The dyno to restart (`web.1`)'
            cand -p 'The process type whose dynos to restart (`web`)'
            cand --process-type 'The process type whose dynos to restart (`web`)'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;stop'= {
            cand -d 'The dyno to stop (`run.2`)'
            cand --dyno-name 'The dyno to stop (`run.2`)'
            cand -p 'The process type whose dynos to stop (`worker`)'
            cand --process-type 'The process type whose dynos to stop (`worker`)'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;run'= {
            cand -e 'A variable for this dyno only, on top of the config vars (repeatable)'
            cand --env 'A variable for this dyno only, on top of the config vars (repeatable)'
            cand -s 'The dyno size [default: the platform''s]'
            cand --size 'The dyno size [default: the platform''s]'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --no-tty 'Never allocate a terminal, even when this one is'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand detached 'Run a command in a one-off dyno in the background; its output goes to the logs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;run;detached'= {
            cand -e 'A variable for this dyno only, on top of the config vars (repeatable)'
            cand --env 'A variable for this dyno only, on top of the config vars (repeatable)'
            cand -s 'The dyno size [default: the platform''s]'
            cand --size 'The dyno size [default: the platform''s]'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --no-tty 'Never allocate a terminal, even when this one is'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;run;help'= {
            cand detached 'Run a command in a one-off dyno in the background; its output goes to the logs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;run;help;detached'= {
        }
        &'tug;run;help;help'= {
        }
        &'tug;open'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;up'= {
            cand -a 'The app to deploy to, created if it does not exist [default: the directory''s name]'
            cand --app 'The app to deploy to, created if it does not exist [default: the directory''s name]'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tug;deploy'= {
            cand -e 'Deploy to this environment of deploy.yml (its app, and the checks it requires)'
            cand --env 'Deploy to this environment of deploy.yml (its app, and the checks it requires)'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --no-wait 'Return once the deployment is accepted, without following the build'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand lock 'Freeze the app''s deploys: every push, deploy, `tug up` and rollback is refused'
            cand unlock 'Let the app''s deploys through again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;deploy;lock'= {
            cand --reason 'Why, for whoever is refused (`"release freeze"`)'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;deploy;unlock'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;deploy;help'= {
            cand lock 'Freeze the app''s deploys: every push, deploy, `tug up` and rollback is refused'
            cand unlock 'Let the app''s deploys through again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;deploy;help;lock'= {
        }
        &'tug;deploy;help;unlock'= {
        }
        &'tug;deploy;help;help'= {
        }
        &'tug;deployments'= {
            cand -n 'How many deployments to show, newest first'
            cand --num 'How many deployments to show, newest first'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the newest deployments (the default)'
            cand info 'Show a deployment and every state it went through'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;deployments;list'= {
            cand -n 'How many deployments to show, newest first'
            cand --num 'How many deployments to show, newest first'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;deployments;info'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;deployments;help'= {
            cand list 'List the newest deployments (the default)'
            cand info 'Show a deployment and every state it went through'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;deployments;help;list'= {
        }
        &'tug;deployments;help;info'= {
        }
        &'tug;deployments;help;help'= {
        }
        &'tug;statuses'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --all 'Every status in order, not only the latest of each context'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'Show a commit''s statuses, the latest of each context (the default)'
            cand set 'Report a status for a commit: `tug statuses:set HEAD ci/test success`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;statuses;list'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --all 'Every status in order, not only the latest of each context'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;statuses;set'= {
            cand -d 'A short note, like "42 tests passed"'
            cand --description 'A short note, like "42 tests passed"'
            cand -t 'Where the details are (the CI run)'
            cand --target-url 'Where the details are (the CI run)'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;statuses;help'= {
            cand list 'Show a commit''s statuses, the latest of each context (the default)'
            cand set 'Report a status for a commit: `tug statuses:set HEAD ci/test success`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;statuses;help;list'= {
        }
        &'tug;statuses;help;set'= {
        }
        &'tug;statuses;help;help'= {
        }
        &'tug;logs'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand -n 'How many lines of history to show'
            cand --num 'How many lines of history to show'
            cand -d 'Only this dyno (`web.1`), process type (`web`) or `router`'
            cand --dyno 'Only this dyno (`web.1`), process type (`web`) or `router`'
            cand --dyno-name 'Only this dyno (`web.1`), process type (`web`) or `router`'
            cand -s 'Only this source: `app` (the dynos'' own output) or `heroku` (the platform''s)'
            cand --source 'Only this source: `app` (the dynos'' own output) or `heroku` (the platform''s)'
            cand -t 'Keep following the log as new lines arrive'
            cand --tail 'Keep following the log as new lines arrive'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;drains'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the app''s log drains (the default)'
            cand add 'Send the app''s log to a URL: syslog+tcp://host:port, syslog://host:port, http(s)://…'
            cand remove 'Stop sending the app''s log to a drain, named by its URL, token or id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;drains;list'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;drains;add'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;drains;remove'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;drains;help'= {
            cand list 'List the app''s log drains (the default)'
            cand add 'Send the app''s log to a URL: syslog+tcp://host:port, syslog://host:port, http(s)://…'
            cand remove 'Stop sending the app''s log to a drain, named by its URL, token or id'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;drains;help;list'= {
        }
        &'tug;drains;help;add'= {
        }
        &'tug;drains;help;remove'= {
        }
        &'tug;drains;help;help'= {
        }
        &'tug;domains'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the app''s domains: its own, then the custom ones (the default)'
            cand add 'Add a custom domain; then point its DNS (a CNAME) at the app''s own domain'
            cand info 'Show a domain and whether its DNS points at the platform'
            cand remove 'Remove a custom domain'
            cand clear 'Remove every custom domain of the app'
            cand wait 'Wait until a custom domain''s DNS points at the platform'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;domains;list'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;domains;add'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --wait 'Wait until the hostname''s DNS points at the platform'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tug;domains;info'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;domains;remove'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;domains;clear'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand -c 'The app''s name again, to confirm without a prompt'
            cand --confirm 'The app''s name again, to confirm without a prompt'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;domains;wait'= {
            cand --timeout 'Give up after this many seconds'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;domains;help'= {
            cand list 'List the app''s domains: its own, then the custom ones (the default)'
            cand add 'Add a custom domain; then point its DNS (a CNAME) at the app''s own domain'
            cand info 'Show a domain and whether its DNS points at the platform'
            cand remove 'Remove a custom domain'
            cand clear 'Remove every custom domain of the app'
            cand wait 'Wait until a custom domain''s DNS points at the platform'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;domains;help;list'= {
        }
        &'tug;domains;help;add'= {
        }
        &'tug;domains;help;info'= {
        }
        &'tug;domains;help;remove'= {
        }
        &'tug;domains;help;clear'= {
        }
        &'tug;domains;help;wait'= {
        }
        &'tug;domains;help;help'= {
        }
        &'tug;certs'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the app''s certificates (the default)'
            cand add 'Upload a certificate chain (PEM, leaf first) and its private key'
            cand info 'Show a certificate: the names it covers, its issuer and dates'
            cand update 'Replace a certificate''s chain and key'
            cand remove 'Remove a certificate'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;certs;list'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;certs;add'= {
            cand --name 'Which certificate to replace (`certs:update`) [default: the app''s only one]'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tug;certs;info'= {
            cand --name 'The certificate''s name (see `tug certs`) [default: the app''s only one]'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;certs;update'= {
            cand --name 'Which certificate to replace (`certs:update`) [default: the app''s only one]'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;certs;remove'= {
            cand --name 'The certificate''s name [default: the app''s only one]'
            cand -c 'The app''s name again, to confirm without a prompt'
            cand --confirm 'The app''s name again, to confirm without a prompt'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;certs;help'= {
            cand list 'List the app''s certificates (the default)'
            cand add 'Upload a certificate chain (PEM, leaf first) and its private key'
            cand info 'Show a certificate: the names it covers, its issuer and dates'
            cand update 'Replace a certificate''s chain and key'
            cand remove 'Remove a certificate'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;certs;help;list'= {
        }
        &'tug;certs;help;add'= {
        }
        &'tug;certs;help;info'= {
        }
        &'tug;certs;help;update'= {
        }
        &'tug;certs;help;remove'= {
        }
        &'tug;certs;help;help'= {
        }
        &'tug;webhooks'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the app''s webhooks (the default)'
            cand add 'Add a webhook: the platform POSTs the chosen events to a URL, signed with a secret'
            cand info 'Show a webhook'
            cand update 'Change a webhook''s URL, events, level, secret or Authorization header'
            cand remove 'Remove a webhook'
            cand events 'List the events sent to the app''s webhooks, newest first'
            cand deliveries 'List the deliveries of events to the app''s webhooks and how they went, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;webhooks;list'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;webhooks;add'= {
            cand -u 'Where to POST the events: https://… or http://…'
            cand --url 'Where to POST the events: https://… or http://…'
            cand -i 'The events to send, comma-separated: api:build, api:release, api:formation, api:deployment, dyno'
            cand --include 'The events to send, comma-separated: api:build, api:release, api:formation, api:deployment, dyno'
            cand -l '`sync`: retried until the receiver answers 2xx (tug''s default); `notify`: one attempt'
            cand --level '`sync`: retried until the receiver answers 2xx (tug''s default); `notify`: one attempt'
            cand -s 'The secret that signs every request [default: one the platform makes, printed once]'
            cand --secret 'The secret that signs every request [default: one the platform makes, printed once]'
            cand -t 'A value for the `Authorization` header of every request, like `Bearer 9266671b`'
            cand --authorization 'A value for the `Authorization` header of every request, like `Bearer 9266671b`'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'tug;webhooks;info'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;webhooks;update'= {
            cand -u 'Where to POST the events: https://… or http://…'
            cand --url 'Where to POST the events: https://… or http://…'
            cand -i 'The events to send, comma-separated (replaces the list)'
            cand --include 'The events to send, comma-separated (replaces the list)'
            cand -l '`sync` (retried until the receiver answers 2xx) or `notify` (one attempt)'
            cand --level '`sync` (retried until the receiver answers 2xx) or `notify` (one attempt)'
            cand -s 'A new secret to sign the requests with'
            cand --secret 'A new secret to sign the requests with'
            cand -t 'A new `Authorization` header value; an empty one removes the header'
            cand --authorization 'A new `Authorization` header value; an empty one removes the header'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --new-secret 'Have the platform make a new signing secret, printed on stdout'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;webhooks;remove'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;webhooks;events'= {
            cand -n 'How many events to show, newest first'
            cand --num 'How many events to show, newest first'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;webhooks;deliveries'= {
            cand -s 'Only deliveries with this status'
            cand --status 'Only deliveries with this status'
            cand -n 'How many deliveries to show, newest first'
            cand --num 'How many deliveries to show, newest first'
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;webhooks;help'= {
            cand list 'List the app''s webhooks (the default)'
            cand add 'Add a webhook: the platform POSTs the chosen events to a URL, signed with a secret'
            cand info 'Show a webhook'
            cand update 'Change a webhook''s URL, events, level, secret or Authorization header'
            cand remove 'Remove a webhook'
            cand events 'List the events sent to the app''s webhooks, newest first'
            cand deliveries 'List the deliveries of events to the app''s webhooks and how they went, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;webhooks;help;list'= {
        }
        &'tug;webhooks;help;add'= {
        }
        &'tug;webhooks;help;info'= {
        }
        &'tug;webhooks;help;update'= {
        }
        &'tug;webhooks;help;remove'= {
        }
        &'tug;webhooks;help;events'= {
        }
        &'tug;webhooks;help;deliveries'= {
        }
        &'tug;webhooks;help;help'= {
        }
        &'tug;access'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the app''s owner and collaborators (the default)'
            cand add 'Give an account access to the app'
            cand remove 'Take an account''s access away'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;access;list'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;access;add'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;access;remove'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;access;help'= {
            cand list 'List the app''s owner and collaborators (the default)'
            cand add 'Give an account access to the app'
            cand remove 'Take an account''s access away'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;access;help;list'= {
        }
        &'tug;access;help;add'= {
        }
        &'tug;access;help;remove'= {
        }
        &'tug;access;help;help'= {
        }
        &'tug;maintenance'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand on 'Turn maintenance mode on'
            cand off 'Turn maintenance mode off'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;maintenance;on'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;maintenance;off'= {
            cand -a 'The app to act on [default: found from the git remotes]'
            cand --app 'The app to act on [default: found from the git remotes]'
            cand -r 'The git remote that points at the app'
            cand --remote 'The git remote that points at the app'
            cand --json 'Print JSON (the API''s own objects) instead of text'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;maintenance;help'= {
            cand on 'Turn maintenance mode on'
            cand off 'Turn maintenance mode off'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;maintenance;help;on'= {
        }
        &'tug;maintenance;help;off'= {
        }
        &'tug;maintenance;help;help'= {
        }
        &'tug;completions'= {
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;server'= {
            cand --data-dir 'Where the platform keeps its state [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]'
            cand --api 'Address of the API and git listener (port 0 picks a free port)'
            cand --router 'Address of the router that serves the apps'
            cand --domain 'Apps answer at http://APP.DOMAIN'
            cand --tls-cert 'Serve the API over HTTPS with this certificate chain (PEM)'
            cand --tls-key 'The private key for --tls-cert (PEM)'
            cand --router-tls 'Also serve the apps over HTTPS on this address (TLS 1.3 and 1.2, HTTP/2 and HTTP/1.1)'
            cand --router-tls-cert 'The platform''s certificate chain for `*.DOMAIN` on the HTTPS router (PEM)'
            cand --router-tls-key 'The private key for --router-tls-cert (PEM)'
            cand --max-quantity 'The most dynos one process type may be scaled to'
            cand --max-app-dynos 'The most dynos one app may run, its process types and one-offs together'
            cand --max-account-dynos 'The most dynos the apps of one account may run together'
            cand --max-apps 'The most apps one account may own'
            cand --max-process-types 'The most process types one release may declare'
            cand --max-config-size 'The most config one app may carry, keys and values together, in bytes'
            cand --boot-timeout 'Seconds a web dyno has to accept on $PORT before it is crashed (R10)'
            cand --stop-grace 'Seconds between SIGTERM and SIGKILL when a dyno stops'
            cand --restart-backoff 'Seconds before the second restart of a crashing dyno; doubles after each crash'
            cand --webhook-retry-base-ms 'Milliseconds before the first retry of a failed `sync` webhook delivery; doubles after each retry (tests shorten it)'
            cand --sandbox 'Wall off app code (dynos, one-offs, release phase, builds): `auto` does what this kernel allows and says what it cannot; `on` refuses to start without the whole wall'
            cand --build-memory 'Memory a build may use, in MB, before it fails'
            cand --secret-key-file 'The key file that encrypts config vars, webhook URLs and secrets, and drain URLs in the database [default: DATA/secret.key, made on first start]'
            cand --buildpack-dir 'A directory local buildpacks (absolute paths, `file://` URLs) may come from; repeat it, or list several in TUG_BUILDPACK_DIRS separated by `:`'
            cand --allow-private-urls 'Let source and buildpack URLs, drains and webhooks reach loopback, private, link-local and other non-public addresses (for tests and single-user machines)'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand users:add 'Add an account to the platform (run on the server machine)'
            cand stop 'Stop a running `tug server` (the one using the data dir)'
            cand secrets:rotate 'Re-encrypt every stored secret with a new key and drop the old key (server stopped)'
            cand hook 'The pre-receive hook of app repositories (run by git, not by hand)'
            cand sandbox 'Runs one process inside the sandbox (started by the server, not by hand)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;server;users:add'= {
            cand --data-dir 'Where the platform keeps its state [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]'
            cand --secret-key-file 'The key file the server uses [default: DATA/secret.key]'
            cand --password-stdin 'Read the account''s password from standard input (else it can log in with its token only)'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;server;stop'= {
            cand --data-dir 'The data dir of the server to stop [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;server;secrets:rotate'= {
            cand --data-dir 'The data dir whose secrets to re-encrypt [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]'
            cand --secret-key-file 'The key file the server uses, rewritten in place [default: DATA/secret.key]'
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;server;hook'= {
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;server;sandbox'= {
            cand --no-color 'Never use colour (also: `NO_COLOR`)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'tug;server;help'= {
            cand users:add 'Add an account to the platform (run on the server machine)'
            cand stop 'Stop a running `tug server` (the one using the data dir)'
            cand secrets:rotate 'Re-encrypt every stored secret with a new key and drop the old key (server stopped)'
            cand hook 'The pre-receive hook of app repositories (run by git, not by hand)'
            cand sandbox 'Runs one process inside the sandbox (started by the server, not by hand)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;server;help;users:add'= {
        }
        &'tug;server;help;stop'= {
        }
        &'tug;server;help;secrets:rotate'= {
        }
        &'tug;server;help;hook'= {
        }
        &'tug;server;help;sandbox'= {
        }
        &'tug;server;help;help'= {
        }
        &'tug;help'= {
            cand login 'Log in to a tug platform and store the token'
            cand logout 'Forget the stored token (and revoke it when `tug login` created it)'
            cand whoami 'Show the email of the account in use'
            cand auth 'Log in and out, and show the account or the token'
            cand create 'Create an app (same as `tug apps create`)'
            cand apps 'List, create, inspect, rename and destroy apps'
            cand info 'Show an app (same as `tug apps info`)'
            cand rename 'Rename an app (same as `tug apps rename`)'
            cand destroy 'Destroy an app (same as `tug apps destroy`)'
            cand git 'Wire a git repository to an app: set its remote, or clone it'
            cand builds 'List an app''s builds, and show one''s details or output'
            cand buildpacks 'Show and change the buildpacks an app''s builds run'
            cand config 'Show and change an app''s config vars; each change is a new release'
            cand releases 'List and inspect an app''s releases, and roll back to an earlier one'
            cand rollback 'Roll back to an earlier release (same as `tug releases rollback`)'
            cand ps 'List an app''s dynos; scale, restart, stop and resize them'
            cand scale 'Show or change the formation (same as `tug ps scale`)'
            cand restart 'Restart dynos (same as `tug ps restart`)'
            cand stop 'Stop dynos (same as `tug ps stop`)'
            cand run 'Run a command in a one-off dyno, attached to this terminal'
            cand open 'Open the app''s URL in a browser (`BROWSER`, else `xdg-open` or `open`)'
            cand up 'Deploy a directory: start a local platform if none runs, create the app, build, serve'
            cand deploy 'Deploy a branch, tag or commit of this repository, after checking it is safe'
            cand deployments 'The record of every deploy of an app, and each one''s history'
            cand statuses 'Show and set commit statuses: what CI says about a commit'
            cand logs 'Show an app''s log: the newest lines, or follow it with --tail'
            cand drains 'List, add and remove log drains: where an app''s log is also sent'
            cand domains 'The hostnames an app answers at: list, add, inspect, remove and wait for custom domains'
            cand certs 'Certificates for an app''s custom domains on the HTTPS router: upload, list, replace'
            cand webhooks 'HTTP notifications of an app''s builds, releases, scaling and dynos: add, list, inspect'
            cand access 'Who can use an app: list, add and remove collaborators'
            cand maintenance 'Show, or turn on and off, an app''s maintenance mode'
            cand completions 'Print a shell completion script to stdout'
            cand server 'Run the tug platform: the Platform API, git over HTTP, builds, dynos, the router and logs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tug;help;login'= {
        }
        &'tug;help;logout'= {
        }
        &'tug;help;whoami'= {
        }
        &'tug;help;auth'= {
            cand login 'Log in to a tug platform and store the token'
            cand logout 'Forget the stored token (and revoke it when `tug login` created it)'
            cand whoami 'Show the email of the account in use'
            cand token 'Print the token in use'
        }
        &'tug;help;auth;login'= {
        }
        &'tug;help;auth;logout'= {
        }
        &'tug;help;auth;whoami'= {
        }
        &'tug;help;auth;token'= {
        }
        &'tug;help;create'= {
        }
        &'tug;help;apps'= {
            cand list 'List the apps you own or collaborate on (the default)'
            cand create 'Create an app, and a `tug` git remote for it in the current repository'
            cand info 'Show an app'
            cand rename 'Rename an app, and update git remotes that point at it'
            cand destroy 'Destroy an app and everything in it'
        }
        &'tug;help;apps;list'= {
        }
        &'tug;help;apps;create'= {
        }
        &'tug;help;apps;info'= {
        }
        &'tug;help;apps;rename'= {
        }
        &'tug;help;apps;destroy'= {
        }
        &'tug;help;info'= {
        }
        &'tug;help;rename'= {
        }
        &'tug;help;destroy'= {
        }
        &'tug;help;git'= {
            cand remote 'Point a git remote (`tug` by default) at an app, so that `git push tug main` deploys it'
            cand clone 'Clone an app''s repository, ready to push back to it'
            cand credentials 'The credential helper git runs for the platform: answers `get` with the token'
        }
        &'tug;help;git;remote'= {
        }
        &'tug;help;git;clone'= {
        }
        &'tug;help;git;credentials'= {
        }
        &'tug;help;builds'= {
            cand list 'List the newest builds (the default)'
            cand info 'Show a build'
            cand output 'Print a build''s output; a running build is followed to its end'
        }
        &'tug;help;builds;list'= {
        }
        &'tug;help;builds;info'= {
        }
        &'tug;help;builds;output'= {
        }
        &'tug;help;buildpacks'= {
            cand list 'List the app''s buildpacks in the order builds run them (the default)'
            cand set 'Set the buildpack: replace the first one, or the one at --index'
            cand add 'Add a buildpack: at the end, or at --index'
            cand remove 'Remove a buildpack, named or at --index'
            cand clear 'Remove all the buildpacks: builds then try the built-ins in turn'
        }
        &'tug;help;buildpacks;list'= {
        }
        &'tug;help;buildpacks;set'= {
        }
        &'tug;help;buildpacks;add'= {
        }
        &'tug;help;buildpacks;remove'= {
        }
        &'tug;help;buildpacks;clear'= {
        }
        &'tug;help;config'= {
            cand list 'Show all config vars (the default)'
            cand get 'Print the values of config vars; a missing one is an error'
            cand set 'Set config vars (a new release)'
            cand unset 'Remove config vars (a new release)'
        }
        &'tug;help;config;list'= {
        }
        &'tug;help;config;get'= {
        }
        &'tug;help;config;set'= {
        }
        &'tug;help;config;unset'= {
        }
        &'tug;help;releases'= {
            cand list 'List the newest releases (the default)'
            cand info 'Show a release and its config vars'
            cand rollback 'Roll back: a new release with the code and config vars of an earlier one'
        }
        &'tug;help;releases;list'= {
        }
        &'tug;help;releases;info'= {
        }
        &'tug;help;releases;rollback'= {
        }
        &'tug;help;rollback'= {
        }
        &'tug;help;ps'= {
            cand scale 'Show the formation, or change how many dynos of each type run and their size'
            cand restart 'Restart every dyno, the dynos of one type, or one dyno'
            cand stop 'Stop one dyno, or the dynos of one type (the formation brings them back on a restart)'
            cand type 'Show the size of each process type, or change it (`web=standard-2X`, or a size for all)'
        }
        &'tug;help;ps;scale'= {
        }
        &'tug;help;ps;restart'= {
        }
        &'tug;help;ps;stop'= {
        }
        &'tug;help;ps;type'= {
        }
        &'tug;help;scale'= {
        }
        &'tug;help;restart'= {
        }
        &'tug;help;stop'= {
        }
        &'tug;help;run'= {
            cand detached 'Run a command in a one-off dyno in the background; its output goes to the logs'
        }
        &'tug;help;run;detached'= {
        }
        &'tug;help;open'= {
        }
        &'tug;help;up'= {
        }
        &'tug;help;deploy'= {
            cand lock 'Freeze the app''s deploys: every push, deploy, `tug up` and rollback is refused'
            cand unlock 'Let the app''s deploys through again'
        }
        &'tug;help;deploy;lock'= {
        }
        &'tug;help;deploy;unlock'= {
        }
        &'tug;help;deployments'= {
            cand list 'List the newest deployments (the default)'
            cand info 'Show a deployment and every state it went through'
        }
        &'tug;help;deployments;list'= {
        }
        &'tug;help;deployments;info'= {
        }
        &'tug;help;statuses'= {
            cand list 'Show a commit''s statuses, the latest of each context (the default)'
            cand set 'Report a status for a commit: `tug statuses:set HEAD ci/test success`'
        }
        &'tug;help;statuses;list'= {
        }
        &'tug;help;statuses;set'= {
        }
        &'tug;help;logs'= {
        }
        &'tug;help;drains'= {
            cand list 'List the app''s log drains (the default)'
            cand add 'Send the app''s log to a URL: syslog+tcp://host:port, syslog://host:port, http(s)://…'
            cand remove 'Stop sending the app''s log to a drain, named by its URL, token or id'
        }
        &'tug;help;drains;list'= {
        }
        &'tug;help;drains;add'= {
        }
        &'tug;help;drains;remove'= {
        }
        &'tug;help;domains'= {
            cand list 'List the app''s domains: its own, then the custom ones (the default)'
            cand add 'Add a custom domain; then point its DNS (a CNAME) at the app''s own domain'
            cand info 'Show a domain and whether its DNS points at the platform'
            cand remove 'Remove a custom domain'
            cand clear 'Remove every custom domain of the app'
            cand wait 'Wait until a custom domain''s DNS points at the platform'
        }
        &'tug;help;domains;list'= {
        }
        &'tug;help;domains;add'= {
        }
        &'tug;help;domains;info'= {
        }
        &'tug;help;domains;remove'= {
        }
        &'tug;help;domains;clear'= {
        }
        &'tug;help;domains;wait'= {
        }
        &'tug;help;certs'= {
            cand list 'List the app''s certificates (the default)'
            cand add 'Upload a certificate chain (PEM, leaf first) and its private key'
            cand info 'Show a certificate: the names it covers, its issuer and dates'
            cand update 'Replace a certificate''s chain and key'
            cand remove 'Remove a certificate'
        }
        &'tug;help;certs;list'= {
        }
        &'tug;help;certs;add'= {
        }
        &'tug;help;certs;info'= {
        }
        &'tug;help;certs;update'= {
        }
        &'tug;help;certs;remove'= {
        }
        &'tug;help;webhooks'= {
            cand list 'List the app''s webhooks (the default)'
            cand add 'Add a webhook: the platform POSTs the chosen events to a URL, signed with a secret'
            cand info 'Show a webhook'
            cand update 'Change a webhook''s URL, events, level, secret or Authorization header'
            cand remove 'Remove a webhook'
            cand events 'List the events sent to the app''s webhooks, newest first'
            cand deliveries 'List the deliveries of events to the app''s webhooks and how they went, newest first'
        }
        &'tug;help;webhooks;list'= {
        }
        &'tug;help;webhooks;add'= {
        }
        &'tug;help;webhooks;info'= {
        }
        &'tug;help;webhooks;update'= {
        }
        &'tug;help;webhooks;remove'= {
        }
        &'tug;help;webhooks;events'= {
        }
        &'tug;help;webhooks;deliveries'= {
        }
        &'tug;help;access'= {
            cand list 'List the app''s owner and collaborators (the default)'
            cand add 'Give an account access to the app'
            cand remove 'Take an account''s access away'
        }
        &'tug;help;access;list'= {
        }
        &'tug;help;access;add'= {
        }
        &'tug;help;access;remove'= {
        }
        &'tug;help;maintenance'= {
            cand on 'Turn maintenance mode on'
            cand off 'Turn maintenance mode off'
        }
        &'tug;help;maintenance;on'= {
        }
        &'tug;help;maintenance;off'= {
        }
        &'tug;help;completions'= {
        }
        &'tug;help;server'= {
            cand users:add 'Add an account to the platform (run on the server machine)'
            cand stop 'Stop a running `tug server` (the one using the data dir)'
            cand secrets:rotate 'Re-encrypt every stored secret with a new key and drop the old key (server stopped)'
            cand hook 'The pre-receive hook of app repositories (run by git, not by hand)'
            cand sandbox 'Runs one process inside the sandbox (started by the server, not by hand)'
        }
        &'tug;help;server;users:add'= {
        }
        &'tug;help;server;stop'= {
        }
        &'tug;help;server;secrets:rotate'= {
        }
        &'tug;help;server;hook'= {
        }
        &'tug;help;server;sandbox'= {
        }
        &'tug;help;help'= {
        }
    ]
    $completions[$command]
}
