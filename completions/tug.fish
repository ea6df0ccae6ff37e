# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tug_global_optspecs
    string join \n no-color h/help V/version
end

function __fish_tug_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tug_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tug_using_subcommand
    set -l cmd (__fish_tug_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tug -n "__fish_tug_needs_command" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_needs_command" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_needs_command" -s V -l version -d 'Print version'
complete -c tug -n "__fish_tug_needs_command" -f -a "login" -d 'Log in to a tug platform and store the token'
complete -c tug -n "__fish_tug_needs_command" -f -a "logout" -d 'Forget the stored token (and revoke it when `tug login` created it)'
complete -c tug -n "__fish_tug_needs_command" -f -a "whoami" -d 'Show the email of the account in use'
complete -c tug -n "__fish_tug_needs_command" -f -a "auth" -d 'Log in and out, and show the account or the token'
complete -c tug -n "__fish_tug_needs_command" -f -a "create" -d 'Create an app (same as `tug apps create`)'
complete -c tug -n "__fish_tug_needs_command" -f -a "apps" -d 'List, create, inspect, rename and destroy apps'
complete -c tug -n "__fish_tug_needs_command" -f -a "info" -d 'Show an app (same as `tug apps info`)'
complete -c tug -n "__fish_tug_needs_command" -f -a "rename" -d 'Rename an app (same as `tug apps rename`)'
complete -c tug -n "__fish_tug_needs_command" -f -a "destroy" -d 'Destroy an app (same as `tug apps destroy`)'
complete -c tug -n "__fish_tug_needs_command" -f -a "git" -d 'Wire a git repository to an app: set its remote, or clone it'
complete -c tug -n "__fish_tug_needs_command" -f -a "builds" -d 'List an app\'s builds, and show one\'s details or output'
complete -c tug -n "__fish_tug_needs_command" -f -a "buildpacks" -d 'Show and change the buildpacks an app\'s builds run'
complete -c tug -n "__fish_tug_needs_command" -f -a "config" -d 'Show and change an app\'s config vars; each change is a new release'
complete -c tug -n "__fish_tug_needs_command" -f -a "releases" -d 'List and inspect an app\'s releases, and roll back to an earlier one'
complete -c tug -n "__fish_tug_needs_command" -f -a "rollback" -d 'Roll back to an earlier release (same as `tug releases rollback`)'
complete -c tug -n "__fish_tug_needs_command" -f -a "ps" -d 'List an app\'s dynos; scale, restart, stop and resize them'
complete -c tug -n "__fish_tug_needs_command" -f -a "scale" -d 'Show or change the formation (same as `tug ps scale`)'
complete -c tug -n "__fish_tug_needs_command" -f -a "restart" -d 'Restart dynos (same as `tug ps restart`)'
complete -c tug -n "__fish_tug_needs_command" -f -a "stop" -d 'Stop dynos (same as `tug ps stop`)'
complete -c tug -n "__fish_tug_needs_command" -f -a "run" -d 'Run a command in a one-off dyno, attached to this terminal'
complete -c tug -n "__fish_tug_needs_command" -f -a "open" -d 'Open the app\'s URL in a browser (`BROWSER`, else `xdg-open` or `open`)'
complete -c tug -n "__fish_tug_needs_command" -f -a "up" -d 'Deploy a directory: start a local platform if none runs, create the app, build, serve'
complete -c tug -n "__fish_tug_needs_command" -f -a "deploy" -d 'Deploy a branch, tag or commit of this repository, after checking it is safe'
complete -c tug -n "__fish_tug_needs_command" -f -a "deployments" -d 'The record of every deploy of an app, and each one\'s history'
complete -c tug -n "__fish_tug_needs_command" -f -a "statuses" -d 'Show and set commit statuses: what CI says about a commit'
complete -c tug -n "__fish_tug_needs_command" -f -a "logs" -d 'Show an app\'s log: the newest lines, or follow it with --tail'
complete -c tug -n "__fish_tug_needs_command" -f -a "drains" -d 'List, add and remove log drains: where an app\'s log is also sent'
complete -c tug -n "__fish_tug_needs_command" -f -a "domains" -d 'The hostnames an app answers at: list, add, inspect, remove and wait for custom domains'
complete -c tug -n "__fish_tug_needs_command" -f -a "certs" -d 'Certificates for an app\'s custom domains on the HTTPS router: upload, list, replace'
complete -c tug -n "__fish_tug_needs_command" -f -a "webhooks" -d 'HTTP notifications of an app\'s builds, releases, scaling and dynos: add, list, inspect'
complete -c tug -n "__fish_tug_needs_command" -f -a "access" -d 'Who can use an app: list, add and remove collaborators'
complete -c tug -n "__fish_tug_needs_command" -f -a "maintenance" -d 'Show, or turn on and off, an app\'s maintenance mode'
complete -c tug -n "__fish_tug_needs_command" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c tug -n "__fish_tug_needs_command" -f -a "server" -d 'Run the tug platform: the Platform API, git over HTTP, builds, dynos, the router and logs'
complete -c tug -n "__fish_tug_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand login" -s e -l email -d 'The account\'s email address (the password is asked for, or read with --password-stdin)' -r
complete -c tug -n "__fish_tug_using_subcommand login" -l api-url -d 'The platform to log in to; remembered for later commands' -r
complete -c tug -n "__fish_tug_using_subcommand login" -l with-token -d 'Read an API token from stdin instead of asking for an email and password'
complete -c tug -n "__fish_tug_using_subcommand login" -l password-stdin -d 'Read the password from stdin'
complete -c tug -n "__fish_tug_using_subcommand login" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand logout" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand logout" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand whoami" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand whoami" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand whoami" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand auth; and not __fish_seen_subcommand_from login logout whoami token help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand auth; and not __fish_seen_subcommand_from login logout whoami token help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand auth; and not __fish_seen_subcommand_from login logout whoami token help" -f -a "login" -d 'Log in to a tug platform and store the token'
complete -c tug -n "__fish_tug_using_subcommand auth; and not __fish_seen_subcommand_from login logout whoami token help" -f -a "logout" -d 'Forget the stored token (and revoke it when `tug login` created it)'
complete -c tug -n "__fish_tug_using_subcommand auth; and not __fish_seen_subcommand_from login logout whoami token help" -f -a "whoami" -d 'Show the email of the account in use'
complete -c tug -n "__fish_tug_using_subcommand auth; and not __fish_seen_subcommand_from login logout whoami token help" -f -a "token" -d 'Print the token in use'
complete -c tug -n "__fish_tug_using_subcommand auth; and not __fish_seen_subcommand_from login logout whoami token help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from login" -s e -l email -d 'The account\'s email address (the password is asked for, or read with --password-stdin)' -r
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from login" -l api-url -d 'The platform to log in to; remembered for later commands' -r
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from login" -l with-token -d 'Read an API token from stdin instead of asking for an email and password'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from login" -l password-stdin -d 'Read the password from stdin'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from whoami" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from whoami" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from whoami" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from token" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Log in to a tug platform and store the token'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Forget the stored token (and revoke it when `tug login` created it)'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "whoami" -d 'Show the email of the account in use'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "token" -d 'Print the token in use'
complete -c tug -n "__fish_tug_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand create" -s b -l buildpack -d 'A buildpack for the app\'s builds: a built-in (`python`, `node`, `procfile`, `null`), a git URL with an optional `#ref`, or a path on the server; repeat it for several' -r
complete -c tug -n "__fish_tug_using_subcommand create" -s r -l remote -d 'Name of the git remote to add' -r
complete -c tug -n "__fish_tug_using_subcommand create" -l no-remote -d 'Do not add a git remote'
complete -c tug -n "__fish_tug_using_subcommand create" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand create" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand create" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand apps; and not __fish_seen_subcommand_from list ls create info rename destroy help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand apps; and not __fish_seen_subcommand_from list ls create info rename destroy help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand apps; and not __fish_seen_subcommand_from list ls create info rename destroy help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand apps; and not __fish_seen_subcommand_from list ls create info rename destroy help" -f -a "list" -d 'List the apps you own or collaborate on (the default)'
complete -c tug -n "__fish_tug_using_subcommand apps; and not __fish_seen_subcommand_from list ls create info rename destroy help" -f -a "ls" -d 'List the apps you own or collaborate on (the default)'
complete -c tug -n "__fish_tug_using_subcommand apps; and not __fish_seen_subcommand_from list ls create info rename destroy help" -f -a "create" -d 'Create an app, and a `tug` git remote for it in the current repository'
complete -c tug -n "__fish_tug_using_subcommand apps; and not __fish_seen_subcommand_from list ls create info rename destroy help" -f -a "info" -d 'Show an app'
complete -c tug -n "__fish_tug_using_subcommand apps; and not __fish_seen_subcommand_from list ls create info rename destroy help" -f -a "rename" -d 'Rename an app, and update git remotes that point at it'
complete -c tug -n "__fish_tug_using_subcommand apps; and not __fish_seen_subcommand_from list ls create info rename destroy help" -f -a "destroy" -d 'Destroy an app and everything in it'
complete -c tug -n "__fish_tug_using_subcommand apps; and not __fish_seen_subcommand_from list ls create info rename destroy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from ls" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from ls" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from create" -s b -l buildpack -d 'A buildpack for the app\'s builds: a built-in (`python`, `node`, `procfile`, `null`), a git URL with an optional `#ref`, or a path on the server; repeat it for several' -r
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from create" -s r -l remote -d 'Name of the git remote to add' -r
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from create" -l no-remote -d 'Do not add a git remote'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from create" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from create" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from info" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from info" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from info" -s s -l shell -d 'Print `key=value` lines for a shell'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from info" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from info" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from rename" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from rename" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from rename" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from rename" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from destroy" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from destroy" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from destroy" -s c -l confirm -d 'The app\'s name again, to confirm without a prompt' -r
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from destroy" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from destroy" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from destroy" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the apps you own or collaborate on (the default)'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an app, and a `tug` git remote for it in the current repository'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show an app'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename an app, and update git remotes that point at it'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "destroy" -d 'Destroy an app and everything in it'
complete -c tug -n "__fish_tug_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand info" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand info" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand info" -s s -l shell -d 'Print `key=value` lines for a shell'
complete -c tug -n "__fish_tug_using_subcommand info" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand info" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand info" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand rename" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand rename" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand rename" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand rename" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand rename" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand destroy" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand destroy" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand destroy" -s c -l confirm -d 'The app\'s name again, to confirm without a prompt' -r
complete -c tug -n "__fish_tug_using_subcommand destroy" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand destroy" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand destroy" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand git; and not __fish_seen_subcommand_from remote clone credentials help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand git; and not __fish_seen_subcommand_from remote clone credentials help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand git; and not __fish_seen_subcommand_from remote clone credentials help" -f -a "remote" -d 'Point a git remote (`tug` by default) at an app, so that `git push tug main` deploys it'
complete -c tug -n "__fish_tug_using_subcommand git; and not __fish_seen_subcommand_from remote clone credentials help" -f -a "clone" -d 'Clone an app\'s repository, ready to push back to it'
complete -c tug -n "__fish_tug_using_subcommand git; and not __fish_seen_subcommand_from remote clone credentials help" -f -a "credentials" -d 'The credential helper git runs for the platform: answers `get` with the token'
complete -c tug -n "__fish_tug_using_subcommand git; and not __fish_seen_subcommand_from remote clone credentials help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from remote" -s a -l app -d 'The app [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from remote" -s r -l remote -d 'Name of the git remote to add or update' -r
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from remote" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from remote" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from clone" -s a -l app -d 'The app to clone [default: `TUG_APP`, else found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from clone" -s r -l remote -d 'Name of the clone\'s git remote' -r
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from clone" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from clone" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from credentials" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from credentials" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from help" -f -a "remote" -d 'Point a git remote (`tug` by default) at an app, so that `git push tug main` deploys it'
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from help" -f -a "clone" -d 'Clone an app\'s repository, ready to push back to it'
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from help" -f -a "credentials" -d 'The credential helper git runs for the platform: answers `get` with the token'
complete -c tug -n "__fish_tug_using_subcommand git; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand builds; and not __fish_seen_subcommand_from list info output help" -s n -l num -d 'How many builds to show, newest first' -r
complete -c tug -n "__fish_tug_using_subcommand builds; and not __fish_seen_subcommand_from list info output help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand builds; and not __fish_seen_subcommand_from list info output help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand builds; and not __fish_seen_subcommand_from list info output help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand builds; and not __fish_seen_subcommand_from list info output help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand builds; and not __fish_seen_subcommand_from list info output help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand builds; and not __fish_seen_subcommand_from list info output help" -f -a "list" -d 'List the newest builds (the default)'
complete -c tug -n "__fish_tug_using_subcommand builds; and not __fish_seen_subcommand_from list info output help" -f -a "info" -d 'Show a build'
complete -c tug -n "__fish_tug_using_subcommand builds; and not __fish_seen_subcommand_from list info output help" -f -a "output" -d 'Print a build\'s output; a running build is followed to its end'
complete -c tug -n "__fish_tug_using_subcommand builds; and not __fish_seen_subcommand_from list info output help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from list" -s n -l num -d 'How many builds to show, newest first' -r
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from list" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from list" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from info" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from info" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from info" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from info" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from output" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from output" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from output" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from output" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the newest builds (the default)'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show a build'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from help" -f -a "output" -d 'Print a build\'s output; a running build is followed to its end'
complete -c tug -n "__fish_tug_using_subcommand builds; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and not __fish_seen_subcommand_from list set add remove clear help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and not __fish_seen_subcommand_from list set add remove clear help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and not __fish_seen_subcommand_from list set add remove clear help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and not __fish_seen_subcommand_from list set add remove clear help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and not __fish_seen_subcommand_from list set add remove clear help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and not __fish_seen_subcommand_from list set add remove clear help" -f -a "list" -d 'List the app\'s buildpacks in the order builds run them (the default)'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and not __fish_seen_subcommand_from list set add remove clear help" -f -a "set" -d 'Set the buildpack: replace the first one, or the one at --index'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and not __fish_seen_subcommand_from list set add remove clear help" -f -a "add" -d 'Add a buildpack: at the end, or at --index'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and not __fish_seen_subcommand_from list set add remove clear help" -f -a "remove" -d 'Remove a buildpack, named or at --index'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and not __fish_seen_subcommand_from list set add remove clear help" -f -a "clear" -d 'Remove all the buildpacks: builds then try the built-ins in turn'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and not __fish_seen_subcommand_from list set add remove clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from list" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from list" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from set" -s i -l index -d 'The position in the list, starting at 1' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from set" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from set" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from set" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from set" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from add" -s i -l index -d 'The position in the list, starting at 1' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from add" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from add" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from add" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from remove" -s i -l index -d 'The position of the buildpack to remove, starting at 1' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from remove" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from remove" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from clear" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from clear" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from clear" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from clear" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the app\'s buildpacks in the order builds run them (the default)'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set the buildpack: replace the first one, or the one at --index'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a buildpack: at the end, or at --index'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a buildpack, named or at --index'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove all the buildpacks: builds then try the built-ins in turn'
complete -c tug -n "__fish_tug_using_subcommand buildpacks; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -s s -l shell -d 'Print `KEY=value` lines for a shell'
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -f -a "list" -d 'Show all config vars (the default)'
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -f -a "get" -d 'Print the values of config vars; a missing one is an error'
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -f -a "set" -d 'Set config vars (a new release)'
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -f -a "add" -d 'Set config vars (a new release)'
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -f -a "unset" -d 'Remove config vars (a new release)'
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -f -a "remove" -d 'Remove config vars (a new release)'
complete -c tug -n "__fish_tug_using_subcommand config; and not __fish_seen_subcommand_from list get set add unset remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from list" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from list" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from list" -s s -l shell -d 'Print `KEY=value` lines for a shell'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from get" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from get" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from get" -s s -l shell -d 'Print `KEY=value` lines for a shell'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from get" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from get" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from set" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from set" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from set" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from add" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from add" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from add" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from unset" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from unset" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from unset" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from unset" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from remove" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from remove" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show all config vars (the default)'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print the values of config vars; a missing one is an error'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set config vars (a new release)'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove config vars (a new release)'
complete -c tug -n "__fish_tug_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand releases; and not __fish_seen_subcommand_from list info rollback help" -s n -l num -d 'How many releases to show, newest first' -r
complete -c tug -n "__fish_tug_using_subcommand releases; and not __fish_seen_subcommand_from list info rollback help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand releases; and not __fish_seen_subcommand_from list info rollback help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand releases; and not __fish_seen_subcommand_from list info rollback help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand releases; and not __fish_seen_subcommand_from list info rollback help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand releases; and not __fish_seen_subcommand_from list info rollback help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand releases; and not __fish_seen_subcommand_from list info rollback help" -f -a "list" -d 'List the newest releases (the default)'
complete -c tug -n "__fish_tug_using_subcommand releases; and not __fish_seen_subcommand_from list info rollback help" -f -a "info" -d 'Show a release and its config vars'
complete -c tug -n "__fish_tug_using_subcommand releases; and not __fish_seen_subcommand_from list info rollback help" -f -a "rollback" -d 'Roll back: a new release with the code and config vars of an earlier one'
complete -c tug -n "__fish_tug_using_subcommand releases; and not __fish_seen_subcommand_from list info rollback help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from list" -s n -l num -d 'How many releases to show, newest first' -r
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from list" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from list" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from info" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from info" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from info" -s s -l shell -d 'Print the release\'s config vars as `KEY=value` lines for a shell'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from info" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from info" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from rollback" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from rollback" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from rollback" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from rollback" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from rollback" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the newest releases (the default)'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show a release and its config vars'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "rollback" -d 'Roll back: a new release with the code and config vars of an earlier one'
complete -c tug -n "__fish_tug_using_subcommand releases; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand rollback" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand rollback" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand rollback" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand rollback" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand rollback" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand ps; and not __fish_seen_subcommand_from scale restart stop type help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and not __fish_seen_subcommand_from scale restart stop type help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and not __fish_seen_subcommand_from scale restart stop type help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand ps; and not __fish_seen_subcommand_from scale restart stop type help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand ps; and not __fish_seen_subcommand_from scale restart stop type help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand ps; and not __fish_seen_subcommand_from scale restart stop type help" -a "scale" -d 'Show the formation, or change how many dynos of each type run and their size'
complete -c tug -n "__fish_tug_using_subcommand ps; and not __fish_seen_subcommand_from scale restart stop type help" -a "restart" -d 'Restart every dyno, the dynos of one type, or one dyno'
complete -c tug -n "__fish_tug_using_subcommand ps; and not __fish_seen_subcommand_from scale restart stop type help" -a "stop" -d 'Stop one dyno, or the dynos of one type (the formation brings them back on a restart)'
complete -c tug -n "__fish_tug_using_subcommand ps; and not __fish_seen_subcommand_from scale restart stop type help" -a "type" -d 'Show the size of each process type, or change it (`web=standard-2X`, or a size for all)'
complete -c tug -n "__fish_tug_using_subcommand ps; and not __fish_seen_subcommand_from scale restart stop type help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from scale" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from scale" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from scale" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from scale" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from scale" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from restart" -s d -l dyno-name -d 'The dyno to restart (`web.1`)' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from restart" -s p -l process-type -d 'The process type whose dynos to restart (`web`)' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from restart" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from restart" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from restart" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from stop" -s d -l dyno-name -d 'The dyno to stop (`run.2`)' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from stop" -s p -l process-type -d 'The process type whose dynos to stop (`worker`)' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from stop" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from stop" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from stop" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from type" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from type" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from type" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from type" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from type" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from help" -f -a "scale" -d 'Show the formation, or change how many dynos of each type run and their size'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart every dyno, the dynos of one type, or one dyno'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop one dyno, or the dynos of one type (the formation brings them back on a restart)'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from help" -f -a "type" -d 'Show the size of each process type, or change it (`web=standard-2X`, or a size for all)'
complete -c tug -n "__fish_tug_using_subcommand ps; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand scale" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand scale" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand scale" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand scale" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand scale" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand restart" -s d -l dyno-name -d 'The dyno to restart (`web.1`)' -r
complete -c tug -n "__fish_tug_using_subcommand restart" -s p -l process-type -d 'The process type whose dynos to restart (`web`)' -r
complete -c tug -n "__fish_tug_using_subcommand restart" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand restart" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand restart" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand restart" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand stop" -s d -l dyno-name -d 'The dyno to stop (`run.2`)' -r
complete -c tug -n "__fish_tug_using_subcommand stop" -s p -l process-type -d 'The process type whose dynos to stop (`worker`)' -r
complete -c tug -n "__fish_tug_using_subcommand stop" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand stop" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand stop" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand stop" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand run; and not __fish_seen_subcommand_from detached help" -s e -l env -d 'A variable for this dyno only, on top of the config vars (repeatable)' -r
complete -c tug -n "__fish_tug_using_subcommand run; and not __fish_seen_subcommand_from detached help" -s s -l size -d 'The dyno size [default: the platform\'s]' -r
complete -c tug -n "__fish_tug_using_subcommand run; and not __fish_seen_subcommand_from detached help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand run; and not __fish_seen_subcommand_from detached help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand run; and not __fish_seen_subcommand_from detached help" -l no-tty -d 'Never allocate a terminal, even when this one is'
complete -c tug -n "__fish_tug_using_subcommand run; and not __fish_seen_subcommand_from detached help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand run; and not __fish_seen_subcommand_from detached help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand run; and not __fish_seen_subcommand_from detached help" -a "detached" -d 'Run a command in a one-off dyno in the background; its output goes to the logs'
complete -c tug -n "__fish_tug_using_subcommand run; and not __fish_seen_subcommand_from detached help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand run; and __fish_seen_subcommand_from detached" -s e -l env -d 'A variable for this dyno only, on top of the config vars (repeatable)' -r
complete -c tug -n "__fish_tug_using_subcommand run; and __fish_seen_subcommand_from detached" -s s -l size -d 'The dyno size [default: the platform\'s]' -r
complete -c tug -n "__fish_tug_using_subcommand run; and __fish_seen_subcommand_from detached" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand run; and __fish_seen_subcommand_from detached" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand run; and __fish_seen_subcommand_from detached" -l no-tty -d 'Never allocate a terminal, even when this one is'
complete -c tug -n "__fish_tug_using_subcommand run; and __fish_seen_subcommand_from detached" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand run; and __fish_seen_subcommand_from detached" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand run; and __fish_seen_subcommand_from help" -f -a "detached" -d 'Run a command in a one-off dyno in the background; its output goes to the logs'
complete -c tug -n "__fish_tug_using_subcommand run; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand open" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand open" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand open" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand open" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand up" -s a -l app -d 'The app to deploy to, created if it does not exist [default: the directory\'s name]' -r
complete -c tug -n "__fish_tug_using_subcommand up" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand deploy; and not __fish_seen_subcommand_from lock unlock help" -s e -l env -d 'Deploy to this environment of deploy.yml (its app, and the checks it requires)' -r
complete -c tug -n "__fish_tug_using_subcommand deploy; and not __fish_seen_subcommand_from lock unlock help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand deploy; and not __fish_seen_subcommand_from lock unlock help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand deploy; and not __fish_seen_subcommand_from lock unlock help" -l no-wait -d 'Return once the deployment is accepted, without following the build'
complete -c tug -n "__fish_tug_using_subcommand deploy; and not __fish_seen_subcommand_from lock unlock help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand deploy; and not __fish_seen_subcommand_from lock unlock help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand deploy; and not __fish_seen_subcommand_from lock unlock help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand deploy; and not __fish_seen_subcommand_from lock unlock help" -a "lock" -d 'Freeze the app\'s deploys: every push, deploy, `tug up` and rollback is refused'
complete -c tug -n "__fish_tug_using_subcommand deploy; and not __fish_seen_subcommand_from lock unlock help" -a "unlock" -d 'Let the app\'s deploys through again'
complete -c tug -n "__fish_tug_using_subcommand deploy; and not __fish_seen_subcommand_from lock unlock help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from lock" -l reason -d 'Why, for whoever is refused (`"release freeze"`)' -r
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from lock" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from lock" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from lock" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from lock" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from lock" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from unlock" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from unlock" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from unlock" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from unlock" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from unlock" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from help" -f -a "lock" -d 'Freeze the app\'s deploys: every push, deploy, `tug up` and rollback is refused'
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from help" -f -a "unlock" -d 'Let the app\'s deploys through again'
complete -c tug -n "__fish_tug_using_subcommand deploy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand deployments; and not __fish_seen_subcommand_from list info help" -s n -l num -d 'How many deployments to show, newest first' -r
complete -c tug -n "__fish_tug_using_subcommand deployments; and not __fish_seen_subcommand_from list info help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand deployments; and not __fish_seen_subcommand_from list info help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand deployments; and not __fish_seen_subcommand_from list info help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand deployments; and not __fish_seen_subcommand_from list info help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand deployments; and not __fish_seen_subcommand_from list info help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand deployments; and not __fish_seen_subcommand_from list info help" -f -a "list" -d 'List the newest deployments (the default)'
complete -c tug -n "__fish_tug_using_subcommand deployments; and not __fish_seen_subcommand_from list info help" -f -a "info" -d 'Show a deployment and every state it went through'
complete -c tug -n "__fish_tug_using_subcommand deployments; and not __fish_seen_subcommand_from list info help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from list" -s n -l num -d 'How many deployments to show, newest first' -r
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from list" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from list" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from info" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from info" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from info" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from info" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the newest deployments (the default)'
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show a deployment and every state it went through'
complete -c tug -n "__fish_tug_using_subcommand deployments; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand statuses; and not __fish_seen_subcommand_from list set help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand statuses; and not __fish_seen_subcommand_from list set help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand statuses; and not __fish_seen_subcommand_from list set help" -l all -d 'Every status in order, not only the latest of each context'
complete -c tug -n "__fish_tug_using_subcommand statuses; and not __fish_seen_subcommand_from list set help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand statuses; and not __fish_seen_subcommand_from list set help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand statuses; and not __fish_seen_subcommand_from list set help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand statuses; and not __fish_seen_subcommand_from list set help" -a "list" -d 'Show a commit\'s statuses, the latest of each context (the default)'
complete -c tug -n "__fish_tug_using_subcommand statuses; and not __fish_seen_subcommand_from list set help" -a "set" -d 'Report a status for a commit: `tug statuses:set HEAD ci/test success`'
complete -c tug -n "__fish_tug_using_subcommand statuses; and not __fish_seen_subcommand_from list set help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from list" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from list" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from list" -l all -d 'Every status in order, not only the latest of each context'
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from set" -s d -l description -d 'A short note, like "42 tests passed"' -r
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from set" -s t -l target-url -d 'Where the details are (the CI run)' -r
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from set" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from set" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from set" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from set" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show a commit\'s statuses, the latest of each context (the default)'
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from help" -f -a "set" -d 'Report a status for a commit: `tug statuses:set HEAD ci/test success`'
complete -c tug -n "__fish_tug_using_subcommand statuses; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand logs" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand logs" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand logs" -s n -l num -d 'How many lines of history to show' -r
complete -c tug -n "__fish_tug_using_subcommand logs" -s d -l dyno -l dyno-name -d 'Only this dyno (`web.1`), process type (`web`) or `router`' -r
complete -c tug -n "__fish_tug_using_subcommand logs" -s s -l source -d 'Only this source: `app` (the dynos\' own output) or `heroku` (the platform\'s)' -r
complete -c tug -n "__fish_tug_using_subcommand logs" -s t -l tail -d 'Keep following the log as new lines arrive'
complete -c tug -n "__fish_tug_using_subcommand logs" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand logs" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand logs" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand drains; and not __fish_seen_subcommand_from list add remove help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand drains; and not __fish_seen_subcommand_from list add remove help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand drains; and not __fish_seen_subcommand_from list add remove help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand drains; and not __fish_seen_subcommand_from list add remove help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand drains; and not __fish_seen_subcommand_from list add remove help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand drains; and not __fish_seen_subcommand_from list add remove help" -f -a "list" -d 'List the app\'s log drains (the default)'
complete -c tug -n "__fish_tug_using_subcommand drains; and not __fish_seen_subcommand_from list add remove help" -f -a "add" -d 'Send the app\'s log to a URL: syslog+tcp://host:port, syslog://host:port, http(s)://…'
complete -c tug -n "__fish_tug_using_subcommand drains; and not __fish_seen_subcommand_from list add remove help" -f -a "remove" -d 'Stop sending the app\'s log to a drain, named by its URL, token or id'
complete -c tug -n "__fish_tug_using_subcommand drains; and not __fish_seen_subcommand_from list add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from list" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from list" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from add" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from add" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from add" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from remove" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from remove" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the app\'s log drains (the default)'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from help" -f -a "add" -d 'Send the app\'s log to a URL: syslog+tcp://host:port, syslog://host:port, http(s)://…'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Stop sending the app\'s log to a drain, named by its URL, token or id'
complete -c tug -n "__fish_tug_using_subcommand drains; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -f -a "list" -d 'List the app\'s domains: its own, then the custom ones (the default)'
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -f -a "add" -d 'Add a custom domain; then point its DNS (a CNAME) at the app\'s own domain'
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -f -a "info" -d 'Show a domain and whether its DNS points at the platform'
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -f -a "remove" -d 'Remove a custom domain'
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -f -a "clear" -d 'Remove every custom domain of the app'
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -f -a "wait" -d 'Wait until a custom domain\'s DNS points at the platform'
complete -c tug -n "__fish_tug_using_subcommand domains; and not __fish_seen_subcommand_from list add info remove clear wait help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from list" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from list" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from add" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from add" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from add" -l wait -d 'Wait until the hostname\'s DNS points at the platform'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from add" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from info" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from info" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from info" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from info" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from remove" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from remove" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from clear" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from clear" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from clear" -s c -l confirm -d 'The app\'s name again, to confirm without a prompt' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from clear" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from clear" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from wait" -l timeout -d 'Give up after this many seconds' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from wait" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from wait" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from wait" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from wait" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the app\'s domains: its own, then the custom ones (the default)'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a custom domain; then point its DNS (a CNAME) at the app\'s own domain'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show a domain and whether its DNS points at the platform'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a custom domain'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove every custom domain of the app'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait until a custom domain\'s DNS points at the platform'
complete -c tug -n "__fish_tug_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand certs; and not __fish_seen_subcommand_from list add info update remove help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and not __fish_seen_subcommand_from list add info update remove help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and not __fish_seen_subcommand_from list add info update remove help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand certs; and not __fish_seen_subcommand_from list add info update remove help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand certs; and not __fish_seen_subcommand_from list add info update remove help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand certs; and not __fish_seen_subcommand_from list add info update remove help" -f -a "list" -d 'List the app\'s certificates (the default)'
complete -c tug -n "__fish_tug_using_subcommand certs; and not __fish_seen_subcommand_from list add info update remove help" -f -a "add" -d 'Upload a certificate chain (PEM, leaf first) and its private key'
complete -c tug -n "__fish_tug_using_subcommand certs; and not __fish_seen_subcommand_from list add info update remove help" -f -a "info" -d 'Show a certificate: the names it covers, its issuer and dates'
complete -c tug -n "__fish_tug_using_subcommand certs; and not __fish_seen_subcommand_from list add info update remove help" -f -a "update" -d 'Replace a certificate\'s chain and key'
complete -c tug -n "__fish_tug_using_subcommand certs; and not __fish_seen_subcommand_from list add info update remove help" -f -a "remove" -d 'Remove a certificate'
complete -c tug -n "__fish_tug_using_subcommand certs; and not __fish_seen_subcommand_from list add info update remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from list" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from list" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from add" -l name -d 'Which certificate to replace (`certs:update`) [default: the app\'s only one]' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from add" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from add" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from add" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from info" -l name -d 'The certificate\'s name (see `tug certs`) [default: the app\'s only one]' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from info" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from info" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from info" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from info" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from update" -l name -d 'Which certificate to replace (`certs:update`) [default: the app\'s only one]' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from update" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from update" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from update" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from update" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from remove" -l name -d 'The certificate\'s name [default: the app\'s only one]' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from remove" -s c -l confirm -d 'The app\'s name again, to confirm without a prompt' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from remove" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from remove" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the app\'s certificates (the default)'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "add" -d 'Upload a certificate chain (PEM, leaf first) and its private key'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show a certificate: the names it covers, its issuer and dates'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "update" -d 'Replace a certificate\'s chain and key'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a certificate'
complete -c tug -n "__fish_tug_using_subcommand certs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -f -a "list" -d 'List the app\'s webhooks (the default)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -f -a "add" -d 'Add a webhook: the platform POSTs the chosen events to a URL, signed with a secret'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -f -a "info" -d 'Show a webhook'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -f -a "update" -d 'Change a webhook\'s URL, events, level, secret or Authorization header'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -f -a "remove" -d 'Remove a webhook'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -f -a "events" -d 'List the events sent to the app\'s webhooks, newest first'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -f -a "deliveries" -d 'List the deliveries of events to the app\'s webhooks and how they went, newest first'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and not __fish_seen_subcommand_from list add info update remove events deliveries help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from list" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from list" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from add" -s u -l url -d 'Where to POST the events: https://… or http://…' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from add" -s i -l include -d 'The events to send, comma-separated: api:build, api:release, api:formation, api:deployment, dyno' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from add" -s l -l level -d '`sync`: retried until the receiver answers 2xx (tug\'s default); `notify`: one attempt' -r -f -a "notify\t''
sync\t''"
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from add" -s s -l secret -d 'The secret that signs every request [default: one the platform makes, printed once]' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from add" -s t -l authorization -d 'A value for the `Authorization` header of every request, like `Bearer 9266671b`' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from add" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from add" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from add" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from info" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from info" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from info" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from info" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from update" -s u -l url -d 'Where to POST the events: https://… or http://…' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from update" -s i -l include -d 'The events to send, comma-separated (replaces the list)' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from update" -s l -l level -d '`sync` (retried until the receiver answers 2xx) or `notify` (one attempt)' -r -f -a "notify\t''
sync\t''"
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from update" -s s -l secret -d 'A new secret to sign the requests with' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from update" -s t -l authorization -d 'A new `Authorization` header value; an empty one removes the header' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from update" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from update" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l new-secret -d 'Have the platform make a new signing secret, printed on stdout'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from events" -s n -l num -d 'How many events to show, newest first' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from events" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from events" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from events" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from events" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -s s -l status -d 'Only deliveries with this status' -r -f -a "pending\t''
scheduled\t''
retrying\t''
failed\t''
succeeded\t''"
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -s n -l num -d 'How many deliveries to show, newest first' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the app\'s webhooks (the default)'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a webhook: the platform POSTs the chosen events to a URL, signed with a secret'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "info" -d 'Show a webhook'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a webhook\'s URL, events, level, secret or Authorization header'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a webhook'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "events" -d 'List the events sent to the app\'s webhooks, newest first'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "deliveries" -d 'List the deliveries of events to the app\'s webhooks and how they went, newest first'
complete -c tug -n "__fish_tug_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand access; and not __fish_seen_subcommand_from list add remove help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand access; and not __fish_seen_subcommand_from list add remove help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand access; and not __fish_seen_subcommand_from list add remove help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand access; and not __fish_seen_subcommand_from list add remove help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand access; and not __fish_seen_subcommand_from list add remove help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand access; and not __fish_seen_subcommand_from list add remove help" -f -a "list" -d 'List the app\'s owner and collaborators (the default)'
complete -c tug -n "__fish_tug_using_subcommand access; and not __fish_seen_subcommand_from list add remove help" -f -a "add" -d 'Give an account access to the app'
complete -c tug -n "__fish_tug_using_subcommand access; and not __fish_seen_subcommand_from list add remove help" -f -a "remove" -d 'Take an account\'s access away'
complete -c tug -n "__fish_tug_using_subcommand access; and not __fish_seen_subcommand_from list add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from list" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from list" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from list" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from add" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from add" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from add" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from remove" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from remove" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the app\'s owner and collaborators (the default)'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "add" -d 'Give an account access to the app'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Take an account\'s access away'
complete -c tug -n "__fish_tug_using_subcommand access; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and not __fish_seen_subcommand_from on off help" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand maintenance; and not __fish_seen_subcommand_from on off help" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand maintenance; and not __fish_seen_subcommand_from on off help" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and not __fish_seen_subcommand_from on off help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and not __fish_seen_subcommand_from on off help" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and not __fish_seen_subcommand_from on off help" -f -a "on" -d 'Turn maintenance mode on'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and not __fish_seen_subcommand_from on off help" -f -a "off" -d 'Turn maintenance mode off'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and not __fish_seen_subcommand_from on off help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from on" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from on" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from on" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from on" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from on" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from off" -s a -l app -d 'The app to act on [default: found from the git remotes]' -r
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from off" -s r -l remote -d 'The git remote that points at the app' -r
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from off" -l json -d 'Print JSON (the API\'s own objects) instead of text'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from off" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from off" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from help" -f -a "on" -d 'Turn maintenance mode on'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from help" -f -a "off" -d 'Turn maintenance mode off'
complete -c tug -n "__fish_tug_using_subcommand maintenance; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand completions" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand completions" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l data-dir -d 'Where the platform keeps its state [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l api -d 'Address of the API and git listener (port 0 picks a free port)' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l router -d 'Address of the router that serves the apps' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l domain -d 'Apps answer at http://APP.DOMAIN' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l tls-cert -d 'Serve the API over HTTPS with this certificate chain (PEM)' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l tls-key -d 'The private key for --tls-cert (PEM)' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l router-tls -d 'Also serve the apps over HTTPS on this address (TLS 1.3 and 1.2, HTTP/2 and HTTP/1.1)' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l router-tls-cert -d 'The platform\'s certificate chain for `*.DOMAIN` on the HTTPS router (PEM)' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l router-tls-key -d 'The private key for --router-tls-cert (PEM)' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l max-quantity -d 'The most dynos one process type may be scaled to' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l max-app-dynos -d 'The most dynos one app may run, its process types and one-offs together' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l max-account-dynos -d 'The most dynos the apps of one account may run together' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l max-apps -d 'The most apps one account may own' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l max-process-types -d 'The most process types one release may declare' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l max-config-size -d 'The most config one app may carry, keys and values together, in bytes' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l boot-timeout -d 'Seconds a web dyno has to accept on $PORT before it is crashed (R10)' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l stop-grace -d 'Seconds between SIGTERM and SIGKILL when a dyno stops' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l restart-backoff -d 'Seconds before the second restart of a crashing dyno; doubles after each crash' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l webhook-retry-base-ms -d 'Milliseconds before the first retry of a failed `sync` webhook delivery; doubles after each retry (tests shorten it)' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l sandbox -d 'Wall off app code (dynos, one-offs, release phase, builds): `auto` does what this kernel allows and says what it cannot; `on` refuses to start without the whole wall' -r -f -a "auto\t'Wall off app code wherever this kernel allows, and say what it could not do'
on\t'Refuse to start without the whole wall'
off\t'Run app code as the server\'s own user, with the server\'s view of the machine'"
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l build-memory -d 'Memory a build may use, in MB, before it fails' -r
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l secret-key-file -d 'The key file that encrypts config vars, webhook URLs and secrets, and drain URLs in the database [default: DATA/secret.key, made on first start]' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l buildpack-dir -d 'A directory local buildpacks (absolute paths, `file://` URLs) may come from; repeat it, or list several in TUG_BUILDPACK_DIRS separated by `:`' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l allow-private-urls -d 'Let source and buildpack URLs, drains and webhooks reach loopback, private, link-local and other non-public addresses (for tests and single-user machines)'
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -f -a "users:add" -d 'Add an account to the platform (run on the server machine)'
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -f -a "stop" -d 'Stop a running `tug server` (the one using the data dir)'
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -f -a "secrets:rotate" -d 'Re-encrypt every stored secret with a new key and drop the old key (server stopped)'
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -f -a "hook" -d 'The pre-receive hook of app repositories (run by git, not by hand)'
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -f -a "sandbox" -d 'Runs one process inside the sandbox (started by the server, not by hand)'
complete -c tug -n "__fish_tug_using_subcommand server; and not __fish_seen_subcommand_from users:add stop secrets:rotate hook sandbox help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from users:add" -l data-dir -d 'Where the platform keeps its state [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from users:add" -l secret-key-file -d 'The key file the server uses [default: DATA/secret.key]' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from users:add" -l password-stdin -d 'Read the account\'s password from standard input (else it can log in with its token only)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from users:add" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from users:add" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from stop" -l data-dir -d 'The data dir of the server to stop [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from stop" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from secrets:rotate" -l data-dir -d 'The data dir whose secrets to re-encrypt [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from secrets:rotate" -l secret-key-file -d 'The key file the server uses, rewritten in place [default: DATA/secret.key]' -r -F
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from secrets:rotate" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from secrets:rotate" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from hook" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from hook" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from sandbox" -l no-color -d 'Never use colour (also: `NO_COLOR`)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from sandbox" -s h -l help -d 'Print help'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "users:add" -d 'Add an account to the platform (run on the server machine)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop a running `tug server` (the one using the data dir)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "secrets:rotate" -d 'Re-encrypt every stored secret with a new key and drop the old key (server stopped)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "hook" -d 'The pre-receive hook of app repositories (run by git, not by hand)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "sandbox" -d 'Runs one process inside the sandbox (started by the server, not by hand)'
complete -c tug -n "__fish_tug_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "login" -d 'Log in to a tug platform and store the token'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "logout" -d 'Forget the stored token (and revoke it when `tug login` created it)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "whoami" -d 'Show the email of the account in use'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "auth" -d 'Log in and out, and show the account or the token'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "create" -d 'Create an app (same as `tug apps create`)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "apps" -d 'List, create, inspect, rename and destroy apps'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "info" -d 'Show an app (same as `tug apps info`)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "rename" -d 'Rename an app (same as `tug apps rename`)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "destroy" -d 'Destroy an app (same as `tug apps destroy`)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "git" -d 'Wire a git repository to an app: set its remote, or clone it'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "builds" -d 'List an app\'s builds, and show one\'s details or output'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "buildpacks" -d 'Show and change the buildpacks an app\'s builds run'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "config" -d 'Show and change an app\'s config vars; each change is a new release'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "releases" -d 'List and inspect an app\'s releases, and roll back to an earlier one'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "rollback" -d 'Roll back to an earlier release (same as `tug releases rollback`)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "ps" -d 'List an app\'s dynos; scale, restart, stop and resize them'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "scale" -d 'Show or change the formation (same as `tug ps scale`)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "restart" -d 'Restart dynos (same as `tug ps restart`)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "stop" -d 'Stop dynos (same as `tug ps stop`)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "run" -d 'Run a command in a one-off dyno, attached to this terminal'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "open" -d 'Open the app\'s URL in a browser (`BROWSER`, else `xdg-open` or `open`)'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "up" -d 'Deploy a directory: start a local platform if none runs, create the app, build, serve'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "deploy" -d 'Deploy a branch, tag or commit of this repository, after checking it is safe'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "deployments" -d 'The record of every deploy of an app, and each one\'s history'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "statuses" -d 'Show and set commit statuses: what CI says about a commit'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "logs" -d 'Show an app\'s log: the newest lines, or follow it with --tail'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "drains" -d 'List, add and remove log drains: where an app\'s log is also sent'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "domains" -d 'The hostnames an app answers at: list, add, inspect, remove and wait for custom domains'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "certs" -d 'Certificates for an app\'s custom domains on the HTTPS router: upload, list, replace'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "webhooks" -d 'HTTP notifications of an app\'s builds, releases, scaling and dynos: add, list, inspect'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "access" -d 'Who can use an app: list, add and remove collaborators'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "maintenance" -d 'Show, or turn on and off, an app\'s maintenance mode'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "completions" -d 'Print a shell completion script to stdout'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "server" -d 'Run the tug platform: the Platform API, git over HTTP, builds, dynos, the router and logs'
complete -c tug -n "__fish_tug_using_subcommand help; and not __fish_seen_subcommand_from login logout whoami auth create apps info rename destroy git builds buildpacks config releases rollback ps scale restart stop run open up deploy deployments statuses logs drains domains certs webhooks access maintenance completions server help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Log in to a tug platform and store the token'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Forget the stored token (and revoke it when `tug login` created it)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "whoami" -d 'Show the email of the account in use'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "token" -d 'Print the token in use'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "list" -d 'List the apps you own or collaborate on (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "create" -d 'Create an app, and a `tug` git remote for it in the current repository'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "info" -d 'Show an app'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "rename" -d 'Rename an app, and update git remotes that point at it'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "destroy" -d 'Destroy an app and everything in it'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from git" -f -a "remote" -d 'Point a git remote (`tug` by default) at an app, so that `git push tug main` deploys it'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from git" -f -a "clone" -d 'Clone an app\'s repository, ready to push back to it'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from git" -f -a "credentials" -d 'The credential helper git runs for the platform: answers `get` with the token'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from builds" -f -a "list" -d 'List the newest builds (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from builds" -f -a "info" -d 'Show a build'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from builds" -f -a "output" -d 'Print a build\'s output; a running build is followed to its end'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from buildpacks" -f -a "list" -d 'List the app\'s buildpacks in the order builds run them (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from buildpacks" -f -a "set" -d 'Set the buildpack: replace the first one, or the one at --index'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from buildpacks" -f -a "add" -d 'Add a buildpack: at the end, or at --index'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from buildpacks" -f -a "remove" -d 'Remove a buildpack, named or at --index'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from buildpacks" -f -a "clear" -d 'Remove all the buildpacks: builds then try the built-ins in turn'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'Show all config vars (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print the values of config vars; a missing one is an error'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set config vars (a new release)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Remove config vars (a new release)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from releases" -f -a "list" -d 'List the newest releases (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from releases" -f -a "info" -d 'Show a release and its config vars'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from releases" -f -a "rollback" -d 'Roll back: a new release with the code and config vars of an earlier one'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from ps" -f -a "scale" -d 'Show the formation, or change how many dynos of each type run and their size'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from ps" -f -a "restart" -d 'Restart every dyno, the dynos of one type, or one dyno'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from ps" -f -a "stop" -d 'Stop one dyno, or the dynos of one type (the formation brings them back on a restart)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from ps" -f -a "type" -d 'Show the size of each process type, or change it (`web=standard-2X`, or a size for all)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from run" -f -a "detached" -d 'Run a command in a one-off dyno in the background; its output goes to the logs'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from deploy" -f -a "lock" -d 'Freeze the app\'s deploys: every push, deploy, `tug up` and rollback is refused'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from deploy" -f -a "unlock" -d 'Let the app\'s deploys through again'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from deployments" -f -a "list" -d 'List the newest deployments (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from deployments" -f -a "info" -d 'Show a deployment and every state it went through'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from statuses" -f -a "list" -d 'Show a commit\'s statuses, the latest of each context (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from statuses" -f -a "set" -d 'Report a status for a commit: `tug statuses:set HEAD ci/test success`'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from drains" -f -a "list" -d 'List the app\'s log drains (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from drains" -f -a "add" -d 'Send the app\'s log to a URL: syslog+tcp://host:port, syslog://host:port, http(s)://…'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from drains" -f -a "remove" -d 'Stop sending the app\'s log to a drain, named by its URL, token or id'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "list" -d 'List the app\'s domains: its own, then the custom ones (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "add" -d 'Add a custom domain; then point its DNS (a CNAME) at the app\'s own domain'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "info" -d 'Show a domain and whether its DNS points at the platform'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "remove" -d 'Remove a custom domain'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "clear" -d 'Remove every custom domain of the app'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "wait" -d 'Wait until a custom domain\'s DNS points at the platform'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "list" -d 'List the app\'s certificates (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "add" -d 'Upload a certificate chain (PEM, leaf first) and its private key'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "info" -d 'Show a certificate: the names it covers, its issuer and dates'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "update" -d 'Replace a certificate\'s chain and key'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from certs" -f -a "remove" -d 'Remove a certificate'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "list" -d 'List the app\'s webhooks (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "add" -d 'Add a webhook: the platform POSTs the chosen events to a URL, signed with a secret'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "info" -d 'Show a webhook'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "update" -d 'Change a webhook\'s URL, events, level, secret or Authorization header'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "remove" -d 'Remove a webhook'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "events" -d 'List the events sent to the app\'s webhooks, newest first'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "deliveries" -d 'List the deliveries of events to the app\'s webhooks and how they went, newest first'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "list" -d 'List the app\'s owner and collaborators (the default)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "add" -d 'Give an account access to the app'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from access" -f -a "remove" -d 'Take an account\'s access away'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from maintenance" -f -a "on" -d 'Turn maintenance mode on'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from maintenance" -f -a "off" -d 'Turn maintenance mode off'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "users:add" -d 'Add an account to the platform (run on the server machine)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "stop" -d 'Stop a running `tug server` (the one using the data dir)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "secrets:rotate" -d 'Re-encrypt every stored secret with a new key and drop the old key (server stopped)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "hook" -d 'The pre-receive hook of app repositories (run by git, not by hand)'
complete -c tug -n "__fish_tug_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "sandbox" -d 'Runs one process inside the sandbox (started by the server, not by hand)'
