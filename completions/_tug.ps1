
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tug' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tug'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tug' {
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a tug platform and store the token')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the stored token (and revoke it when `tug login` created it)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the email of the account in use')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in and out, and show the account or the token')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an app (same as `tug apps create`)')
            [CompletionResult]::new('apps', 'apps', [CompletionResultType]::ParameterValue, 'List, create, inspect, rename and destroy apps')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show an app (same as `tug apps info`)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an app (same as `tug apps rename`)')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Destroy an app (same as `tug apps destroy`)')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Wire a git repository to an app: set its remote, or clone it')
            [CompletionResult]::new('builds', 'builds', [CompletionResultType]::ParameterValue, 'List an app''s builds, and show one''s details or output')
            [CompletionResult]::new('buildpacks', 'buildpacks', [CompletionResultType]::ParameterValue, 'Show and change the buildpacks an app''s builds run')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and change an app''s config vars; each change is a new release')
            [CompletionResult]::new('releases', 'releases', [CompletionResultType]::ParameterValue, 'List and inspect an app''s releases, and roll back to an earlier one')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Roll back to an earlier release (same as `tug releases rollback`)')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'List an app''s dynos; scale, restart, stop and resize them')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Show or change the formation (same as `tug ps scale`)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart dynos (same as `tug ps restart`)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop dynos (same as `tug ps stop`)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command in a one-off dyno, attached to this terminal')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open the app''s URL in a browser (`BROWSER`, else `xdg-open` or `open`)')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Deploy a directory: start a local platform if none runs, create the app, build, serve')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a branch, tag or commit of this repository, after checking it is safe')
            [CompletionResult]::new('deployments', 'deployments', [CompletionResultType]::ParameterValue, 'The record of every deploy of an app, and each one''s history')
            [CompletionResult]::new('statuses', 'statuses', [CompletionResultType]::ParameterValue, 'Show and set commit statuses: what CI says about a commit')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show an app''s log: the newest lines, or follow it with --tail')
            [CompletionResult]::new('drains', 'drains', [CompletionResultType]::ParameterValue, 'List, add and remove log drains: where an app''s log is also sent')
            [CompletionResult]::new('domains', 'domains', [CompletionResultType]::ParameterValue, 'The hostnames an app answers at: list, add, inspect, remove and wait for custom domains')
            [CompletionResult]::new('certs', 'certs', [CompletionResultType]::ParameterValue, 'Certificates for an app''s custom domains on the HTTPS router: upload, list, replace')
            [CompletionResult]::new('webhooks', 'webhooks', [CompletionResultType]::ParameterValue, 'HTTP notifications of an app''s builds, releases, scaling and dynos: add, list, inspect')
            [CompletionResult]::new('access', 'access', [CompletionResultType]::ParameterValue, 'Who can use an app: list, add and remove collaborators')
            [CompletionResult]::new('maintenance', 'maintenance', [CompletionResultType]::ParameterValue, 'Show, or turn on and off, an app''s maintenance mode')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script to stdout')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the tug platform: the Platform API, git over HTTP, builds, dynos, the router and logs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;login' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The account''s email address (the password is asked for, or read with --password-stdin)')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The account''s email address (the password is asked for, or read with --password-stdin)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The platform to log in to; remembered for later commands')
            [CompletionResult]::new('--with-token', '--with-token', [CompletionResultType]::ParameterName, 'Read an API token from stdin instead of asking for an email and password')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from stdin')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tug;logout' {
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;whoami' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;auth' {
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a tug platform and store the token')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the stored token (and revoke it when `tug login` created it)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the email of the account in use')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the token in use')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;auth;login' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'The account''s email address (the password is asked for, or read with --password-stdin)')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The account''s email address (the password is asked for, or read with --password-stdin)')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'The platform to log in to; remembered for later commands')
            [CompletionResult]::new('--with-token', '--with-token', [CompletionResultType]::ParameterName, 'Read an API token from stdin instead of asking for an email and password')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from stdin')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tug;auth;logout' {
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;auth;whoami' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;auth;token' {
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;auth;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a tug platform and store the token')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the stored token (and revoke it when `tug login` created it)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the email of the account in use')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the token in use')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;auth;help;login' {
            break
        }
        'tug;auth;help;logout' {
            break
        }
        'tug;auth;help;whoami' {
            break
        }
        'tug;auth;help;token' {
            break
        }
        'tug;auth;help;help' {
            break
        }
        'tug;create' {
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'A buildpack for the app''s builds: a built-in (`python`, `node`, `procfile`, `null`), a git URL with an optional `#ref`, or a path on the server; repeat it for several')
            [CompletionResult]::new('--buildpack', '--buildpack', [CompletionResultType]::ParameterName, 'A buildpack for the app''s builds: a built-in (`python`, `node`, `procfile`, `null`), a git URL with an optional `#ref`, or a path on the server; repeat it for several')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Name of the git remote to add')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Name of the git remote to add')
            [CompletionResult]::new('--no-remote', '--no-remote', [CompletionResultType]::ParameterName, 'Do not add a git remote')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;apps' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the apps you own or collaborate on (the default)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List the apps you own or collaborate on (the default)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an app, and a `tug` git remote for it in the current repository')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show an app')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an app, and update git remotes that point at it')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Destroy an app and everything in it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;apps;list' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;apps;ls' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;apps;create' {
            [CompletionResult]::new('-b', '-b', [CompletionResultType]::ParameterName, 'A buildpack for the app''s builds: a built-in (`python`, `node`, `procfile`, `null`), a git URL with an optional `#ref`, or a path on the server; repeat it for several')
            [CompletionResult]::new('--buildpack', '--buildpack', [CompletionResultType]::ParameterName, 'A buildpack for the app''s builds: a built-in (`python`, `node`, `procfile`, `null`), a git URL with an optional `#ref`, or a path on the server; repeat it for several')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Name of the git remote to add')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Name of the git remote to add')
            [CompletionResult]::new('--no-remote', '--no-remote', [CompletionResultType]::ParameterName, 'Do not add a git remote')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;apps;info' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Print `key=value` lines for a shell')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Print `key=value` lines for a shell')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;apps;rename' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;apps;destroy' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The app''s name again, to confirm without a prompt')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The app''s name again, to confirm without a prompt')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;apps;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the apps you own or collaborate on (the default)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an app, and a `tug` git remote for it in the current repository')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show an app')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an app, and update git remotes that point at it')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Destroy an app and everything in it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;apps;help;list' {
            break
        }
        'tug;apps;help;create' {
            break
        }
        'tug;apps;help;info' {
            break
        }
        'tug;apps;help;rename' {
            break
        }
        'tug;apps;help;destroy' {
            break
        }
        'tug;apps;help;help' {
            break
        }
        'tug;info' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Print `key=value` lines for a shell')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Print `key=value` lines for a shell')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;rename' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;destroy' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The app''s name again, to confirm without a prompt')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The app''s name again, to confirm without a prompt')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;git' {
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('remote', 'remote', [CompletionResultType]::ParameterValue, 'Point a git remote (`tug` by default) at an app, so that `git push tug main` deploys it')
            [CompletionResult]::new('clone', 'clone', [CompletionResultType]::ParameterValue, 'Clone an app''s repository, ready to push back to it')
            [CompletionResult]::new('credentials', 'credentials', [CompletionResultType]::ParameterValue, 'The credential helper git runs for the platform: answers `get` with the token')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;git;remote' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Name of the git remote to add or update')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Name of the git remote to add or update')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;git;clone' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to clone [default: `TUG_APP`, else found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to clone [default: `TUG_APP`, else found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Name of the clone''s git remote')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'Name of the clone''s git remote')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;git;credentials' {
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;git;help' {
            [CompletionResult]::new('remote', 'remote', [CompletionResultType]::ParameterValue, 'Point a git remote (`tug` by default) at an app, so that `git push tug main` deploys it')
            [CompletionResult]::new('clone', 'clone', [CompletionResultType]::ParameterValue, 'Clone an app''s repository, ready to push back to it')
            [CompletionResult]::new('credentials', 'credentials', [CompletionResultType]::ParameterValue, 'The credential helper git runs for the platform: answers `get` with the token')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;git;help;remote' {
            break
        }
        'tug;git;help;clone' {
            break
        }
        'tug;git;help;credentials' {
            break
        }
        'tug;git;help;help' {
            break
        }
        'tug;builds' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many builds to show, newest first')
            [CompletionResult]::new('--num', '--num', [CompletionResultType]::ParameterName, 'How many builds to show, newest first')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest builds (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a build')
            [CompletionResult]::new('output', 'output', [CompletionResultType]::ParameterValue, 'Print a build''s output; a running build is followed to its end')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;builds;list' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many builds to show, newest first')
            [CompletionResult]::new('--num', '--num', [CompletionResultType]::ParameterName, 'How many builds to show, newest first')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;builds;info' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;builds;output' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;builds;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest builds (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a build')
            [CompletionResult]::new('output', 'output', [CompletionResultType]::ParameterValue, 'Print a build''s output; a running build is followed to its end')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;builds;help;list' {
            break
        }
        'tug;builds;help;info' {
            break
        }
        'tug;builds;help;output' {
            break
        }
        'tug;builds;help;help' {
            break
        }
        'tug;buildpacks' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s buildpacks in the order builds run them (the default)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the buildpack: replace the first one, or the one at --index')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a buildpack: at the end, or at --index')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a buildpack, named or at --index')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove all the buildpacks: builds then try the built-ins in turn')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;buildpacks;list' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;buildpacks;set' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The position in the list, starting at 1')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'The position in the list, starting at 1')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;buildpacks;add' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The position in the list, starting at 1')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'The position in the list, starting at 1')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;buildpacks;remove' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The position of the buildpack to remove, starting at 1')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'The position of the buildpack to remove, starting at 1')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;buildpacks;clear' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;buildpacks;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s buildpacks in the order builds run them (the default)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the buildpack: replace the first one, or the one at --index')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a buildpack: at the end, or at --index')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a buildpack, named or at --index')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove all the buildpacks: builds then try the built-ins in turn')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;buildpacks;help;list' {
            break
        }
        'tug;buildpacks;help;set' {
            break
        }
        'tug;buildpacks;help;add' {
            break
        }
        'tug;buildpacks;help;remove' {
            break
        }
        'tug;buildpacks;help;clear' {
            break
        }
        'tug;buildpacks;help;help' {
            break
        }
        'tug;config' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Print `KEY=value` lines for a shell')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Print `KEY=value` lines for a shell')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show all config vars (the default)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the values of config vars; a missing one is an error')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set config vars (a new release)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Set config vars (a new release)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove config vars (a new release)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove config vars (a new release)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;config;list' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Print `KEY=value` lines for a shell')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Print `KEY=value` lines for a shell')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;config;get' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Print `KEY=value` lines for a shell')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Print `KEY=value` lines for a shell')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;config;set' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;config;add' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;config;unset' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;config;remove' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;config;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show all config vars (the default)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the values of config vars; a missing one is an error')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set config vars (a new release)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove config vars (a new release)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;config;help;list' {
            break
        }
        'tug;config;help;get' {
            break
        }
        'tug;config;help;set' {
            break
        }
        'tug;config;help;unset' {
            break
        }
        'tug;config;help;help' {
            break
        }
        'tug;releases' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many releases to show, newest first')
            [CompletionResult]::new('--num', '--num', [CompletionResultType]::ParameterName, 'How many releases to show, newest first')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest releases (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a release and its config vars')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Roll back: a new release with the code and config vars of an earlier one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;releases;list' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many releases to show, newest first')
            [CompletionResult]::new('--num', '--num', [CompletionResultType]::ParameterName, 'How many releases to show, newest first')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;releases;info' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Print the release''s config vars as `KEY=value` lines for a shell')
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Print the release''s config vars as `KEY=value` lines for a shell')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;releases;rollback' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;releases;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest releases (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a release and its config vars')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Roll back: a new release with the code and config vars of an earlier one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;releases;help;list' {
            break
        }
        'tug;releases;help;info' {
            break
        }
        'tug;releases;help;rollback' {
            break
        }
        'tug;releases;help;help' {
            break
        }
        'tug;rollback' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;ps' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Show the formation, or change how many dynos of each type run and their size')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart every dyno, the dynos of one type, or one dyno')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop one dyno, or the dynos of one type (the formation brings them back on a restart)')
            [CompletionResult]::new('type', 'type', [CompletionResultType]::ParameterValue, 'Show the size of each process type, or change it (`web=standard-2X`, or a size for all)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;ps;scale' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tug;ps;restart' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The dyno to restart (`web.1`)')
            [CompletionResult]::new('--dyno-name', '--dyno-name', [CompletionResultType]::ParameterName, 'The dyno to restart (`web.1`)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The process type whose dynos to restart (`web`)')
            [CompletionResult]::new('--process-type', '--process-type', [CompletionResultType]::ParameterName, 'The process type whose dynos to restart (`web`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;ps;stop' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The dyno to stop (`run.2`)')
            [CompletionResult]::new('--dyno-name', '--dyno-name', [CompletionResultType]::ParameterName, 'The dyno to stop (`run.2`)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The process type whose dynos to stop (`worker`)')
            [CompletionResult]::new('--process-type', '--process-type', [CompletionResultType]::ParameterName, 'The process type whose dynos to stop (`worker`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;ps;type' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;ps;help' {
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Show the formation, or change how many dynos of each type run and their size')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart every dyno, the dynos of one type, or one dyno')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop one dyno, or the dynos of one type (the formation brings them back on a restart)')
            [CompletionResult]::new('type', 'type', [CompletionResultType]::ParameterValue, 'Show the size of each process type, or change it (`web=standard-2X`, or a size for all)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;ps;help;scale' {
            break
        }
        'tug;ps;help;restart' {
            break
        }
        'tug;ps;help;stop' {
            break
        }
        'tug;ps;help;type' {
            break
        }
        'tug;ps;help;help' {
            break
        }
        'tug;scale' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;restart' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The dyno to restart (`web.1`)')
            [CompletionResult]::new('--dyno-name', '--dyno-name', [CompletionResultType]::ParameterName, 'The dyno to restart (`web.1`)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The process type whose dynos to restart (`web`)')
            [CompletionResult]::new('--process-type', '--process-type', [CompletionResultType]::ParameterName, 'The process type whose dynos to restart (`web`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;stop' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The dyno to stop (`run.2`)')
            [CompletionResult]::new('--dyno-name', '--dyno-name', [CompletionResultType]::ParameterName, 'The dyno to stop (`run.2`)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The process type whose dynos to stop (`worker`)')
            [CompletionResult]::new('--process-type', '--process-type', [CompletionResultType]::ParameterName, 'The process type whose dynos to stop (`worker`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;run' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'A variable for this dyno only, on top of the config vars (repeatable)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'A variable for this dyno only, on top of the config vars (repeatable)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The dyno size [default: the platform''s]')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'The dyno size [default: the platform''s]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--no-tty', '--no-tty', [CompletionResultType]::ParameterName, 'Never allocate a terminal, even when this one is')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('detached', 'detached', [CompletionResultType]::ParameterValue, 'Run a command in a one-off dyno in the background; its output goes to the logs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;run;detached' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'A variable for this dyno only, on top of the config vars (repeatable)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'A variable for this dyno only, on top of the config vars (repeatable)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The dyno size [default: the platform''s]')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'The dyno size [default: the platform''s]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--no-tty', '--no-tty', [CompletionResultType]::ParameterName, 'Never allocate a terminal, even when this one is')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;run;help' {
            [CompletionResult]::new('detached', 'detached', [CompletionResultType]::ParameterValue, 'Run a command in a one-off dyno in the background; its output goes to the logs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;run;help;detached' {
            break
        }
        'tug;run;help;help' {
            break
        }
        'tug;open' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;up' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to deploy to, created if it does not exist [default: the directory''s name]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to deploy to, created if it does not exist [default: the directory''s name]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tug;deploy' {
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Deploy to this environment of deploy.yml (its app, and the checks it requires)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Deploy to this environment of deploy.yml (its app, and the checks it requires)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the deployment is accepted, without following the build')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Freeze the app''s deploys: every push, deploy, `tug up` and rollback is refused')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Let the app''s deploys through again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;deploy;lock' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why, for whoever is refused (`"release freeze"`)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;deploy;unlock' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;deploy;help' {
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Freeze the app''s deploys: every push, deploy, `tug up` and rollback is refused')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Let the app''s deploys through again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;deploy;help;lock' {
            break
        }
        'tug;deploy;help;unlock' {
            break
        }
        'tug;deploy;help;help' {
            break
        }
        'tug;deployments' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many deployments to show, newest first')
            [CompletionResult]::new('--num', '--num', [CompletionResultType]::ParameterName, 'How many deployments to show, newest first')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest deployments (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a deployment and every state it went through')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;deployments;list' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many deployments to show, newest first')
            [CompletionResult]::new('--num', '--num', [CompletionResultType]::ParameterName, 'How many deployments to show, newest first')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;deployments;info' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;deployments;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest deployments (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a deployment and every state it went through')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;deployments;help;list' {
            break
        }
        'tug;deployments;help;info' {
            break
        }
        'tug;deployments;help;help' {
            break
        }
        'tug;statuses' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every status in order, not only the latest of each context')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show a commit''s statuses, the latest of each context (the default)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Report a status for a commit: `tug statuses:set HEAD ci/test success`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;statuses;list' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every status in order, not only the latest of each context')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;statuses;set' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'A short note, like "42 tests passed"')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'A short note, like "42 tests passed"')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Where the details are (the CI run)')
            [CompletionResult]::new('--target-url', '--target-url', [CompletionResultType]::ParameterName, 'Where the details are (the CI run)')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;statuses;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show a commit''s statuses, the latest of each context (the default)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Report a status for a commit: `tug statuses:set HEAD ci/test success`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;statuses;help;list' {
            break
        }
        'tug;statuses;help;set' {
            break
        }
        'tug;statuses;help;help' {
            break
        }
        'tug;logs' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many lines of history to show')
            [CompletionResult]::new('--num', '--num', [CompletionResultType]::ParameterName, 'How many lines of history to show')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Only this dyno (`web.1`), process type (`web`) or `router`')
            [CompletionResult]::new('--dyno', '--dyno', [CompletionResultType]::ParameterName, 'Only this dyno (`web.1`), process type (`web`) or `router`')
            [CompletionResult]::new('--dyno-name', '--dyno-name', [CompletionResultType]::ParameterName, 'Only this dyno (`web.1`), process type (`web`) or `router`')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only this source: `app` (the dynos'' own output) or `heroku` (the platform''s)')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Only this source: `app` (the dynos'' own output) or `heroku` (the platform''s)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Keep following the log as new lines arrive')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Keep following the log as new lines arrive')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;drains' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s log drains (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Send the app''s log to a URL: syslog+tcp://host:port, syslog://host:port, http(s)://…')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop sending the app''s log to a drain, named by its URL, token or id')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;drains;list' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;drains;add' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;drains;remove' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;drains;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s log drains (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Send the app''s log to a URL: syslog+tcp://host:port, syslog://host:port, http(s)://…')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop sending the app''s log to a drain, named by its URL, token or id')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;drains;help;list' {
            break
        }
        'tug;drains;help;add' {
            break
        }
        'tug;drains;help;remove' {
            break
        }
        'tug;drains;help;help' {
            break
        }
        'tug;domains' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s domains: its own, then the custom ones (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a custom domain; then point its DNS (a CNAME) at the app''s own domain')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a domain and whether its DNS points at the platform')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a custom domain')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove every custom domain of the app')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a custom domain''s DNS points at the platform')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;domains;list' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;domains;add' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the hostname''s DNS points at the platform')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tug;domains;info' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;domains;remove' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;domains;clear' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The app''s name again, to confirm without a prompt')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The app''s name again, to confirm without a prompt')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;domains;wait' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this many seconds')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;domains;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s domains: its own, then the custom ones (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a custom domain; then point its DNS (a CNAME) at the app''s own domain')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a domain and whether its DNS points at the platform')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a custom domain')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove every custom domain of the app')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a custom domain''s DNS points at the platform')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;domains;help;list' {
            break
        }
        'tug;domains;help;add' {
            break
        }
        'tug;domains;help;info' {
            break
        }
        'tug;domains;help;remove' {
            break
        }
        'tug;domains;help;clear' {
            break
        }
        'tug;domains;help;wait' {
            break
        }
        'tug;domains;help;help' {
            break
        }
        'tug;certs' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s certificates (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Upload a certificate chain (PEM, leaf first) and its private key')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a certificate: the names it covers, its issuer and dates')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Replace a certificate''s chain and key')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a certificate')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;certs;list' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;certs;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Which certificate to replace (`certs:update`) [default: the app''s only one]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tug;certs;info' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The certificate''s name (see `tug certs`) [default: the app''s only one]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;certs;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Which certificate to replace (`certs:update`) [default: the app''s only one]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;certs;remove' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The certificate''s name [default: the app''s only one]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The app''s name again, to confirm without a prompt')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The app''s name again, to confirm without a prompt')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;certs;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s certificates (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Upload a certificate chain (PEM, leaf first) and its private key')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a certificate: the names it covers, its issuer and dates')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Replace a certificate''s chain and key')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a certificate')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;certs;help;list' {
            break
        }
        'tug;certs;help;add' {
            break
        }
        'tug;certs;help;info' {
            break
        }
        'tug;certs;help;update' {
            break
        }
        'tug;certs;help;remove' {
            break
        }
        'tug;certs;help;help' {
            break
        }
        'tug;webhooks' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s webhooks (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a webhook: the platform POSTs the chosen events to a URL, signed with a secret')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a webhook')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook''s URL, events, level, secret or Authorization header')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a webhook')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'List the events sent to the app''s webhooks, newest first')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'List the deliveries of events to the app''s webhooks and how they went, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;webhooks;list' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;webhooks;add' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Where to POST the events: https://… or http://…')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Where to POST the events: https://… or http://…')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The events to send, comma-separated: api:build, api:release, api:formation, api:deployment, dyno')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'The events to send, comma-separated: api:build, api:release, api:formation, api:deployment, dyno')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, '`sync`: retried until the receiver answers 2xx (tug''s default); `notify`: one attempt')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, '`sync`: retried until the receiver answers 2xx (tug''s default); `notify`: one attempt')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The secret that signs every request [default: one the platform makes, printed once]')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The secret that signs every request [default: one the platform makes, printed once]')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'A value for the `Authorization` header of every request, like `Bearer 9266671b`')
            [CompletionResult]::new('--authorization', '--authorization', [CompletionResultType]::ParameterName, 'A value for the `Authorization` header of every request, like `Bearer 9266671b`')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'tug;webhooks;info' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;webhooks;update' {
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Where to POST the events: https://… or http://…')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Where to POST the events: https://… or http://…')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'The events to send, comma-separated (replaces the list)')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'The events to send, comma-separated (replaces the list)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, '`sync` (retried until the receiver answers 2xx) or `notify` (one attempt)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, '`sync` (retried until the receiver answers 2xx) or `notify` (one attempt)')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'A new secret to sign the requests with')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A new secret to sign the requests with')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'A new `Authorization` header value; an empty one removes the header')
            [CompletionResult]::new('--authorization', '--authorization', [CompletionResultType]::ParameterName, 'A new `Authorization` header value; an empty one removes the header')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--new-secret', '--new-secret', [CompletionResultType]::ParameterName, 'Have the platform make a new signing secret, printed on stdout')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;webhooks;remove' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;webhooks;events' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many events to show, newest first')
            [CompletionResult]::new('--num', '--num', [CompletionResultType]::ParameterName, 'How many events to show, newest first')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;webhooks;deliveries' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only deliveries with this status')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only deliveries with this status')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many deliveries to show, newest first')
            [CompletionResult]::new('--num', '--num', [CompletionResultType]::ParameterName, 'How many deliveries to show, newest first')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;webhooks;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s webhooks (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a webhook: the platform POSTs the chosen events to a URL, signed with a secret')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a webhook')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook''s URL, events, level, secret or Authorization header')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a webhook')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'List the events sent to the app''s webhooks, newest first')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'List the deliveries of events to the app''s webhooks and how they went, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;webhooks;help;list' {
            break
        }
        'tug;webhooks;help;add' {
            break
        }
        'tug;webhooks;help;info' {
            break
        }
        'tug;webhooks;help;update' {
            break
        }
        'tug;webhooks;help;remove' {
            break
        }
        'tug;webhooks;help;events' {
            break
        }
        'tug;webhooks;help;deliveries' {
            break
        }
        'tug;webhooks;help;help' {
            break
        }
        'tug;access' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s owner and collaborators (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give an account access to the app')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take an account''s access away')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;access;list' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;access;add' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;access;remove' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;access;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s owner and collaborators (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give an account access to the app')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take an account''s access away')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;access;help;list' {
            break
        }
        'tug;access;help;add' {
            break
        }
        'tug;access;help;remove' {
            break
        }
        'tug;access;help;help' {
            break
        }
        'tug;maintenance' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('on', 'on', [CompletionResultType]::ParameterValue, 'Turn maintenance mode on')
            [CompletionResult]::new('off', 'off', [CompletionResultType]::ParameterValue, 'Turn maintenance mode off')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;maintenance;on' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;maintenance;off' {
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'The app to act on [default: found from the git remotes]')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--remote', '--remote', [CompletionResultType]::ParameterName, 'The git remote that points at the app')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON (the API''s own objects) instead of text')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;maintenance;help' {
            [CompletionResult]::new('on', 'on', [CompletionResultType]::ParameterValue, 'Turn maintenance mode on')
            [CompletionResult]::new('off', 'off', [CompletionResultType]::ParameterValue, 'Turn maintenance mode off')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;maintenance;help;on' {
            break
        }
        'tug;maintenance;help;off' {
            break
        }
        'tug;maintenance;help;help' {
            break
        }
        'tug;completions' {
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;server' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where the platform keeps its state [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Address of the API and git listener (port 0 picks a free port)')
            [CompletionResult]::new('--router', '--router', [CompletionResultType]::ParameterName, 'Address of the router that serves the apps')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Apps answer at http://APP.DOMAIN')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve the API over HTTPS with this certificate chain (PEM)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The private key for --tls-cert (PEM)')
            [CompletionResult]::new('--router-tls', '--router-tls', [CompletionResultType]::ParameterName, 'Also serve the apps over HTTPS on this address (TLS 1.3 and 1.2, HTTP/2 and HTTP/1.1)')
            [CompletionResult]::new('--router-tls-cert', '--router-tls-cert', [CompletionResultType]::ParameterName, 'The platform''s certificate chain for `*.DOMAIN` on the HTTPS router (PEM)')
            [CompletionResult]::new('--router-tls-key', '--router-tls-key', [CompletionResultType]::ParameterName, 'The private key for --router-tls-cert (PEM)')
            [CompletionResult]::new('--max-quantity', '--max-quantity', [CompletionResultType]::ParameterName, 'The most dynos one process type may be scaled to')
            [CompletionResult]::new('--max-app-dynos', '--max-app-dynos', [CompletionResultType]::ParameterName, 'The most dynos one app may run, its process types and one-offs together')
            [CompletionResult]::new('--max-account-dynos', '--max-account-dynos', [CompletionResultType]::ParameterName, 'The most dynos the apps of one account may run together')
            [CompletionResult]::new('--max-apps', '--max-apps', [CompletionResultType]::ParameterName, 'The most apps one account may own')
            [CompletionResult]::new('--max-process-types', '--max-process-types', [CompletionResultType]::ParameterName, 'The most process types one release may declare')
            [CompletionResult]::new('--max-config-size', '--max-config-size', [CompletionResultType]::ParameterName, 'The most config one app may carry, keys and values together, in bytes')
            [CompletionResult]::new('--boot-timeout', '--boot-timeout', [CompletionResultType]::ParameterName, 'Seconds a web dyno has to accept on $PORT before it is crashed (R10)')
            [CompletionResult]::new('--stop-grace', '--stop-grace', [CompletionResultType]::ParameterName, 'Seconds between SIGTERM and SIGKILL when a dyno stops')
            [CompletionResult]::new('--restart-backoff', '--restart-backoff', [CompletionResultType]::ParameterName, 'Seconds before the second restart of a crashing dyno; doubles after each crash')
            [CompletionResult]::new('--webhook-retry-base-ms', '--webhook-retry-base-ms', [CompletionResultType]::ParameterName, 'Milliseconds before the first retry of a failed `sync` webhook delivery; doubles after each retry (tests shorten it)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Wall off app code (dynos, one-offs, release phase, builds): `auto` does what this kernel allows and says what it cannot; `on` refuses to start without the whole wall')
            [CompletionResult]::new('--build-memory', '--build-memory', [CompletionResultType]::ParameterName, 'Memory a build may use, in MB, before it fails')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'The key file that encrypts config vars, webhook URLs and secrets, and drain URLs in the database [default: DATA/secret.key, made on first start]')
            [CompletionResult]::new('--buildpack-dir', '--buildpack-dir', [CompletionResultType]::ParameterName, 'A directory local buildpacks (absolute paths, `file://` URLs) may come from; repeat it, or list several in TUG_BUILDPACK_DIRS separated by `:`')
            [CompletionResult]::new('--allow-private-urls', '--allow-private-urls', [CompletionResultType]::ParameterName, 'Let source and buildpack URLs, drains and webhooks reach loopback, private, link-local and other non-public addresses (for tests and single-user machines)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('users:add', 'users:add', [CompletionResultType]::ParameterValue, 'Add an account to the platform (run on the server machine)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running `tug server` (the one using the data dir)')
            [CompletionResult]::new('secrets:rotate', 'secrets:rotate', [CompletionResultType]::ParameterValue, 'Re-encrypt every stored secret with a new key and drop the old key (server stopped)')
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'The pre-receive hook of app repositories (run by git, not by hand)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Runs one process inside the sandbox (started by the server, not by hand)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;server;users:add' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where the platform keeps its state [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'The key file the server uses [default: DATA/secret.key]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the account''s password from standard input (else it can log in with its token only)')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;server;stop' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'The data dir of the server to stop [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;server;secrets:rotate' {
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'The data dir whose secrets to re-encrypt [default: $XDG_DATA_HOME/tug or ~/.local/share/tug]')
            [CompletionResult]::new('--secret-key-file', '--secret-key-file', [CompletionResultType]::ParameterName, 'The key file the server uses, rewritten in place [default: DATA/secret.key]')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;server;hook' {
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;server;sandbox' {
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (also: `NO_COLOR`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'tug;server;help' {
            [CompletionResult]::new('users:add', 'users:add', [CompletionResultType]::ParameterValue, 'Add an account to the platform (run on the server machine)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running `tug server` (the one using the data dir)')
            [CompletionResult]::new('secrets:rotate', 'secrets:rotate', [CompletionResultType]::ParameterValue, 'Re-encrypt every stored secret with a new key and drop the old key (server stopped)')
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'The pre-receive hook of app repositories (run by git, not by hand)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Runs one process inside the sandbox (started by the server, not by hand)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;server;help;users:add' {
            break
        }
        'tug;server;help;stop' {
            break
        }
        'tug;server;help;secrets:rotate' {
            break
        }
        'tug;server;help;hook' {
            break
        }
        'tug;server;help;sandbox' {
            break
        }
        'tug;server;help;help' {
            break
        }
        'tug;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a tug platform and store the token')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the stored token (and revoke it when `tug login` created it)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the email of the account in use')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Log in and out, and show the account or the token')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an app (same as `tug apps create`)')
            [CompletionResult]::new('apps', 'apps', [CompletionResultType]::ParameterValue, 'List, create, inspect, rename and destroy apps')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show an app (same as `tug apps info`)')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an app (same as `tug apps rename`)')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Destroy an app (same as `tug apps destroy`)')
            [CompletionResult]::new('git', 'git', [CompletionResultType]::ParameterValue, 'Wire a git repository to an app: set its remote, or clone it')
            [CompletionResult]::new('builds', 'builds', [CompletionResultType]::ParameterValue, 'List an app''s builds, and show one''s details or output')
            [CompletionResult]::new('buildpacks', 'buildpacks', [CompletionResultType]::ParameterValue, 'Show and change the buildpacks an app''s builds run')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and change an app''s config vars; each change is a new release')
            [CompletionResult]::new('releases', 'releases', [CompletionResultType]::ParameterValue, 'List and inspect an app''s releases, and roll back to an earlier one')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Roll back to an earlier release (same as `tug releases rollback`)')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'List an app''s dynos; scale, restart, stop and resize them')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Show or change the formation (same as `tug ps scale`)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart dynos (same as `tug ps restart`)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop dynos (same as `tug ps stop`)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command in a one-off dyno, attached to this terminal')
            [CompletionResult]::new('open', 'open', [CompletionResultType]::ParameterValue, 'Open the app''s URL in a browser (`BROWSER`, else `xdg-open` or `open`)')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Deploy a directory: start a local platform if none runs, create the app, build, serve')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a branch, tag or commit of this repository, after checking it is safe')
            [CompletionResult]::new('deployments', 'deployments', [CompletionResultType]::ParameterValue, 'The record of every deploy of an app, and each one''s history')
            [CompletionResult]::new('statuses', 'statuses', [CompletionResultType]::ParameterValue, 'Show and set commit statuses: what CI says about a commit')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show an app''s log: the newest lines, or follow it with --tail')
            [CompletionResult]::new('drains', 'drains', [CompletionResultType]::ParameterValue, 'List, add and remove log drains: where an app''s log is also sent')
            [CompletionResult]::new('domains', 'domains', [CompletionResultType]::ParameterValue, 'The hostnames an app answers at: list, add, inspect, remove and wait for custom domains')
            [CompletionResult]::new('certs', 'certs', [CompletionResultType]::ParameterValue, 'Certificates for an app''s custom domains on the HTTPS router: upload, list, replace')
            [CompletionResult]::new('webhooks', 'webhooks', [CompletionResultType]::ParameterValue, 'HTTP notifications of an app''s builds, releases, scaling and dynos: add, list, inspect')
            [CompletionResult]::new('access', 'access', [CompletionResultType]::ParameterValue, 'Who can use an app: list, add and remove collaborators')
            [CompletionResult]::new('maintenance', 'maintenance', [CompletionResultType]::ParameterValue, 'Show, or turn on and off, an app''s maintenance mode')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script to stdout')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the tug platform: the Platform API, git over HTTP, builds, dynos, the router and logs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tug;help;login' {
            break
        }
        'tug;help;logout' {
            break
        }
        'tug;help;whoami' {
            break
        }
        'tug;help;auth' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in to a tug platform and store the token')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the stored token (and revoke it when `tug login` created it)')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the email of the account in use')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the token in use')
            break
        }
        'tug;help;auth;login' {
            break
        }
        'tug;help;auth;logout' {
            break
        }
        'tug;help;auth;whoami' {
            break
        }
        'tug;help;auth;token' {
            break
        }
        'tug;help;create' {
            break
        }
        'tug;help;apps' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the apps you own or collaborate on (the default)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an app, and a `tug` git remote for it in the current repository')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show an app')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Rename an app, and update git remotes that point at it')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Destroy an app and everything in it')
            break
        }
        'tug;help;apps;list' {
            break
        }
        'tug;help;apps;create' {
            break
        }
        'tug;help;apps;info' {
            break
        }
        'tug;help;apps;rename' {
            break
        }
        'tug;help;apps;destroy' {
            break
        }
        'tug;help;info' {
            break
        }
        'tug;help;rename' {
            break
        }
        'tug;help;destroy' {
            break
        }
        'tug;help;git' {
            [CompletionResult]::new('remote', 'remote', [CompletionResultType]::ParameterValue, 'Point a git remote (`tug` by default) at an app, so that `git push tug main` deploys it')
            [CompletionResult]::new('clone', 'clone', [CompletionResultType]::ParameterValue, 'Clone an app''s repository, ready to push back to it')
            [CompletionResult]::new('credentials', 'credentials', [CompletionResultType]::ParameterValue, 'The credential helper git runs for the platform: answers `get` with the token')
            break
        }
        'tug;help;git;remote' {
            break
        }
        'tug;help;git;clone' {
            break
        }
        'tug;help;git;credentials' {
            break
        }
        'tug;help;builds' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest builds (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a build')
            [CompletionResult]::new('output', 'output', [CompletionResultType]::ParameterValue, 'Print a build''s output; a running build is followed to its end')
            break
        }
        'tug;help;builds;list' {
            break
        }
        'tug;help;builds;info' {
            break
        }
        'tug;help;builds;output' {
            break
        }
        'tug;help;buildpacks' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s buildpacks in the order builds run them (the default)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set the buildpack: replace the first one, or the one at --index')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a buildpack: at the end, or at --index')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a buildpack, named or at --index')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove all the buildpacks: builds then try the built-ins in turn')
            break
        }
        'tug;help;buildpacks;list' {
            break
        }
        'tug;help;buildpacks;set' {
            break
        }
        'tug;help;buildpacks;add' {
            break
        }
        'tug;help;buildpacks;remove' {
            break
        }
        'tug;help;buildpacks;clear' {
            break
        }
        'tug;help;config' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show all config vars (the default)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the values of config vars; a missing one is an error')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set config vars (a new release)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove config vars (a new release)')
            break
        }
        'tug;help;config;list' {
            break
        }
        'tug;help;config;get' {
            break
        }
        'tug;help;config;set' {
            break
        }
        'tug;help;config;unset' {
            break
        }
        'tug;help;releases' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest releases (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a release and its config vars')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Roll back: a new release with the code and config vars of an earlier one')
            break
        }
        'tug;help;releases;list' {
            break
        }
        'tug;help;releases;info' {
            break
        }
        'tug;help;releases;rollback' {
            break
        }
        'tug;help;rollback' {
            break
        }
        'tug;help;ps' {
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Show the formation, or change how many dynos of each type run and their size')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart every dyno, the dynos of one type, or one dyno')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop one dyno, or the dynos of one type (the formation brings them back on a restart)')
            [CompletionResult]::new('type', 'type', [CompletionResultType]::ParameterValue, 'Show the size of each process type, or change it (`web=standard-2X`, or a size for all)')
            break
        }
        'tug;help;ps;scale' {
            break
        }
        'tug;help;ps;restart' {
            break
        }
        'tug;help;ps;stop' {
            break
        }
        'tug;help;ps;type' {
            break
        }
        'tug;help;scale' {
            break
        }
        'tug;help;restart' {
            break
        }
        'tug;help;stop' {
            break
        }
        'tug;help;run' {
            [CompletionResult]::new('detached', 'detached', [CompletionResultType]::ParameterValue, 'Run a command in a one-off dyno in the background; its output goes to the logs')
            break
        }
        'tug;help;run;detached' {
            break
        }
        'tug;help;open' {
            break
        }
        'tug;help;up' {
            break
        }
        'tug;help;deploy' {
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Freeze the app''s deploys: every push, deploy, `tug up` and rollback is refused')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Let the app''s deploys through again')
            break
        }
        'tug;help;deploy;lock' {
            break
        }
        'tug;help;deploy;unlock' {
            break
        }
        'tug;help;deployments' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest deployments (the default)')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a deployment and every state it went through')
            break
        }
        'tug;help;deployments;list' {
            break
        }
        'tug;help;deployments;info' {
            break
        }
        'tug;help;statuses' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show a commit''s statuses, the latest of each context (the default)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Report a status for a commit: `tug statuses:set HEAD ci/test success`')
            break
        }
        'tug;help;statuses;list' {
            break
        }
        'tug;help;statuses;set' {
            break
        }
        'tug;help;logs' {
            break
        }
        'tug;help;drains' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s log drains (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Send the app''s log to a URL: syslog+tcp://host:port, syslog://host:port, http(s)://…')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop sending the app''s log to a drain, named by its URL, token or id')
            break
        }
        'tug;help;drains;list' {
            break
        }
        'tug;help;drains;add' {
            break
        }
        'tug;help;drains;remove' {
            break
        }
        'tug;help;domains' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s domains: its own, then the custom ones (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a custom domain; then point its DNS (a CNAME) at the app''s own domain')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a domain and whether its DNS points at the platform')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a custom domain')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove every custom domain of the app')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until a custom domain''s DNS points at the platform')
            break
        }
        'tug;help;domains;list' {
            break
        }
        'tug;help;domains;add' {
            break
        }
        'tug;help;domains;info' {
            break
        }
        'tug;help;domains;remove' {
            break
        }
        'tug;help;domains;clear' {
            break
        }
        'tug;help;domains;wait' {
            break
        }
        'tug;help;certs' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s certificates (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Upload a certificate chain (PEM, leaf first) and its private key')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a certificate: the names it covers, its issuer and dates')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Replace a certificate''s chain and key')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a certificate')
            break
        }
        'tug;help;certs;list' {
            break
        }
        'tug;help;certs;add' {
            break
        }
        'tug;help;certs;info' {
            break
        }
        'tug;help;certs;update' {
            break
        }
        'tug;help;certs;remove' {
            break
        }
        'tug;help;webhooks' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s webhooks (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a webhook: the platform POSTs the chosen events to a URL, signed with a secret')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Show a webhook')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook''s URL, events, level, secret or Authorization header')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a webhook')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'List the events sent to the app''s webhooks, newest first')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'List the deliveries of events to the app''s webhooks and how they went, newest first')
            break
        }
        'tug;help;webhooks;list' {
            break
        }
        'tug;help;webhooks;add' {
            break
        }
        'tug;help;webhooks;info' {
            break
        }
        'tug;help;webhooks;update' {
            break
        }
        'tug;help;webhooks;remove' {
            break
        }
        'tug;help;webhooks;events' {
            break
        }
        'tug;help;webhooks;deliveries' {
            break
        }
        'tug;help;access' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the app''s owner and collaborators (the default)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give an account access to the app')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take an account''s access away')
            break
        }
        'tug;help;access;list' {
            break
        }
        'tug;help;access;add' {
            break
        }
        'tug;help;access;remove' {
            break
        }
        'tug;help;maintenance' {
            [CompletionResult]::new('on', 'on', [CompletionResultType]::ParameterValue, 'Turn maintenance mode on')
            [CompletionResult]::new('off', 'off', [CompletionResultType]::ParameterValue, 'Turn maintenance mode off')
            break
        }
        'tug;help;maintenance;on' {
            break
        }
        'tug;help;maintenance;off' {
            break
        }
        'tug;help;completions' {
            break
        }
        'tug;help;server' {
            [CompletionResult]::new('users:add', 'users:add', [CompletionResultType]::ParameterValue, 'Add an account to the platform (run on the server machine)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop a running `tug server` (the one using the data dir)')
            [CompletionResult]::new('secrets:rotate', 'secrets:rotate', [CompletionResultType]::ParameterValue, 'Re-encrypt every stored secret with a new key and drop the old key (server stopped)')
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'The pre-receive hook of app repositories (run by git, not by hand)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Runs one process inside the sandbox (started by the server, not by hand)')
            break
        }
        'tug;help;server;users:add' {
            break
        }
        'tug;help;server;stop' {
            break
        }
        'tug;help;server;secrets:rotate' {
            break
        }
        'tug;help;server;hook' {
            break
        }
        'tug;help;server;sandbox' {
            break
        }
        'tug;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
