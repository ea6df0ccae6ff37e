//! The examples help shows for each command (see `examples.rs`): the core commands here, the
//! services around apps (add-ons, domains, certificates, pipelines, labs) in `services.rs`.

mod services;

pub(super) use services::SERVICES;

/// Each command's examples, by its `topic:verb` name. Every visible command has an entry here
/// or in [`SERVICES`] (a unit test checks it).
pub(super) const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "tug",
        &[
            "tug create demo",
            "git push tug main",
            "tug logs --tail -a demo",
        ],
    ),
    (
        "login",
        &[
            "tug login",
            "tug login --api-url https://tug.example.com",
            "tug login --with-token < token.txt",
        ],
    ),
    (
        "logout",
        &[
            "tug logout",
            "tug logout && tug login --api-url https://tug.example.com",
        ],
    ),
    ("whoami", &["tug whoami", "tug whoami --json"]),
    ("auth", &["tug auth:whoami", "tug auth:token"]),
    (
        "authorizations",
        &["tug authorizations", "tug authorizations --json"],
    ),
    (
        "authorizations:rotate",
        &[
            "tug authorizations:rotate 01234567-89ab-cdef-0123-456789abcdef",
            "tug authorizations:rotate 01234567-89ab-cdef-0123-456789abcdef --json",
        ],
    ),
    (
        "auth:login",
        &[
            "tug auth:login",
            "tug auth:login --email ada@example.com --password-stdin < pw.txt",
        ],
    ),
    (
        "auth:logout",
        &["tug auth:logout", "tug auth:logout && tug auth:login"],
    ),
    (
        "auth:token",
        &[
            "tug auth:token",
            "curl -H \"Authorization: Bearer $(tug auth:token)\" http://127.0.0.1:7700/apps",
        ],
    ),
    (
        "auth:whoami",
        &["tug auth:whoami", "tug auth:whoami --json"],
    ),
    (
        "create",
        &[
            "tug create demo",
            "tug create --remote staging demo-staging",
        ],
    ),
    ("apps", &["tug apps", "tug apps --json"]),
    (
        "apps:create",
        &[
            "tug apps:create demo",
            "tug apps:create --remote staging demo-staging",
        ],
    ),
    (
        "apps:destroy",
        &[
            "tug apps:destroy -a demo",
            "tug apps:destroy demo --confirm demo",
        ],
    ),
    (
        "apps:info",
        &["tug apps:info -a demo", "tug apps:info -a demo --json"],
    ),
    ("apps:list", &["tug apps:list", "tug apps:list --json"]),
    (
        "apps:rename",
        &[
            "tug apps:rename demo-two -a demo",
            "tug apps:rename demo-staging-two -r staging",
        ],
    ),
    (
        "apps:setup",
        &[
            "tug apps:setup path/to/shop --name shop",
            "tug apps:setup --env STRIPE_KEY=sk_test_1 --json",
        ],
    ),
    ("git", &["tug git:remote -a demo", "tug git:clone -a demo"]),
    (
        "git:clone",
        &["tug git:clone -a demo", "tug git:clone -a demo work/demo"],
    ),
    (
        "git:remote",
        &[
            "tug git:remote -a demo",
            "tug git:remote -a demo-staging --remote staging",
        ],
    ),
    (
        "builds",
        &["tug builds -a demo", "tug builds:output -a demo"],
    ),
    (
        "builds:cancel",
        &[
            "tug builds:cancel -a demo",
            "tug builds:cancel 01234567 -a demo",
        ],
    ),
    (
        "builds:info",
        &[
            "tug builds:info -a demo",
            "tug builds:info 01234567 -a demo --json",
        ],
    ),
    (
        "builds:list",
        &["tug builds:list -a demo", "tug builds:list -a demo --json"],
    ),
    (
        "builds:output",
        &[
            "tug builds:output -a demo",
            "tug builds:output 01234567 -a demo",
        ],
    ),
    (
        "buildpacks",
        &[
            "tug buildpacks -a demo",
            "tug buildpacks:set heroku/python -a demo",
        ],
    ),
    (
        "buildpacks:add",
        &[
            "tug buildpacks:add heroku/nodejs -a demo",
            "tug buildpacks:add -i 1 heroku/python -a demo",
        ],
    ),
    (
        "buildpacks:clear",
        &[
            "tug buildpacks:clear -a demo",
            "tug buildpacks:clear -a demo --json",
        ],
    ),
    (
        "buildpacks:list",
        &[
            "tug buildpacks:list -a demo",
            "tug buildpacks:list -a demo --json",
        ],
    ),
    (
        "buildpacks:remove",
        &[
            "tug buildpacks:remove heroku/nodejs -a demo",
            "tug buildpacks:remove -i 2 -a demo",
        ],
    ),
    (
        "buildpacks:set",
        &[
            "tug buildpacks:set heroku/python -a demo",
            "tug buildpacks:set -i 2 https://github.com/heroku/heroku-buildpack-nodejs#v250 -a demo",
        ],
    ),
    (
        "config",
        &["tug config -a demo", "tug config:set DEBUG=1 -a demo"],
    ),
    (
        "config:get",
        &[
            "tug config:get DATABASE_URL -a demo",
            "tug config:get -s DATABASE_URL REDIS_URL -a demo >> .env",
        ],
    ),
    (
        "config:list",
        &["tug config:list -a demo", "tug config:list -a demo --json"],
    ),
    (
        "config:set",
        &[
            "tug config:set DEBUG=1 -a demo",
            "tug config:set A=1 B=2 -a demo",
        ],
    ),
    (
        "config:unset",
        &[
            "tug config:unset DEBUG -a demo",
            "tug config:unset DEBUG LOG_LEVEL -a demo",
        ],
    ),
    (
        "releases",
        &["tug releases -a demo", "tug releases:rollback v4 -a demo"],
    ),
    (
        "releases:info",
        &["tug releases:info -a demo", "tug releases:info v3 -a demo"],
    ),
    (
        "releases:output",
        &[
            "tug releases:output -a demo",
            "tug releases:output v7 -a demo",
        ],
    ),
    (
        "releases:list",
        &[
            "tug releases:list -a demo",
            "tug releases:list -n 5 -a demo",
        ],
    ),
    (
        "releases:rollback",
        &[
            "tug releases:rollback -a demo",
            "tug releases:rollback v4 -a demo",
        ],
    ),
    (
        "rollback",
        &["tug rollback -a demo", "tug rollback v4 -a demo"],
    ),
    (
        "ps",
        &[
            "tug ps -a demo",
            "tug ps web -a demo",
            "tug ps:scale web=2 -a demo",
        ],
    ),
    (
        "ps:restart",
        &[
            "tug ps:restart -a demo",
            "tug ps:restart web.1 -a demo",
            "tug ps:restart web --no-wait -a demo",
        ],
    ),
    (
        "ps:scale",
        &[
            "tug ps:scale web=2 -a demo",
            "tug ps:scale web=1 worker=2:standard-2X -a demo",
        ],
    ),
    (
        "ps:stop",
        &["tug ps:stop web.1 -a demo", "tug ps:stop worker -a demo"],
    ),
    (
        "ps:type",
        &["tug ps:type -a demo", "tug ps:type web=standard-2X -a demo"],
    ),
    (
        "scale",
        &["tug scale web=2 -a demo", "tug scale worker+1 -a demo"],
    ),
    (
        "restart",
        &["tug restart -a demo", "tug restart web --no-wait -a demo"],
    ),
    (
        "stop",
        &["tug stop web.1 -a demo", "tug stop -p worker -a demo"],
    ),
    (
        "run",
        &[
            "tug run bash -a demo",
            "tug run 'python manage.py migrate' -a demo",
        ],
    ),
    (
        "run:detached",
        &[
            "tug run:detached 'python worker.py --once' -a demo",
            "tug run:detached -e BATCH=7 -s standard-2X 'python import.py' -a demo",
        ],
    ),
    ("open", &["tug open -a demo", "tug open /admin -a demo"]),
    ("dashboard", &["tug dashboard", "tug dashboard -a demo"]),
    ("up", &["tug up", "tug up examples/hello --app hello"]),
    (
        "deploy",
        &["tug deploy -a demo", "tug deploy v1.2.0 -a demo"],
    ),
    (
        "deploy:lock",
        &[
            "tug deploy:lock -a demo",
            "tug deploy:lock --reason 'release freeze' -a demo",
        ],
    ),
    (
        "deploy:unlock",
        &[
            "tug deploy:unlock -a demo",
            "tug deploy:unlock -a demo --json",
        ],
    ),
    (
        "deployments",
        &["tug deployments -a demo", "tug deployments:info 3 -a demo"],
    ),
    (
        "deployments:info",
        &[
            "tug deployments:info 3 -a demo",
            "tug deployments:info 3 -a demo --json",
        ],
    ),
    (
        "deployments:list",
        &[
            "tug deployments:list -a demo",
            "tug deployments:list -n 5 -a demo --json",
        ],
    ),
    (
        "statuses",
        &["tug statuses HEAD", "tug statuses:set HEAD ci success"],
    ),
    (
        "statuses:list",
        &["tug statuses:list HEAD", "tug statuses:list v1.2.0 --json"],
    ),
    (
        "statuses:set",
        &[
            "tug statuses:set HEAD ci success",
            "tug statuses:set HEAD ci failure -t https://ci.example.com/run/7",
        ],
    ),
    (
        "logs",
        &[
            "tug logs -a demo",
            "tug logs --tail -a demo",
            "tug logs -d router -n 20 -a demo",
        ],
    ),
    (
        "drains",
        &[
            "tug drains -a demo",
            "tug drains:add syslog+tls://logs.example.com:6514 -a demo",
        ],
    ),
    (
        "drains:add",
        &[
            "tug drains:add syslog+tls://logs.example.com:6514 -a demo",
            "tug drains:add https://logs.example.com/in -a demo",
        ],
    ),
    (
        "drains:list",
        &["tug drains:list -a demo", "tug drains:list -a demo --json"],
    ),
    (
        "drains:remove",
        &[
            "tug drains:remove https://logs.example.com/in -a demo",
            "tug drains:remove d.01234567-89ab-cdef-0123-456789abcdef -a demo",
        ],
    ),
    (
        "webhooks",
        &[
            "tug webhooks -a demo",
            "tug webhooks:add -i api:release -u https://example.com/hook -a demo",
        ],
    ),
    (
        "webhooks:add",
        &[
            "tug webhooks:add -i api:release -u https://example.com/hook -a demo",
            "tug webhooks:add -i api:build,api:release -u https://example.com/hook -l sync -a demo",
        ],
    ),
    (
        "webhooks:deliveries",
        &[
            "tug webhooks:deliveries -a demo",
            "tug webhooks:deliveries -s failed -n 50 -a demo",
        ],
    ),
    (
        "webhooks:events",
        &[
            "tug webhooks:events -a demo",
            "tug webhooks:events -n 5 -a demo --json",
        ],
    ),
    (
        "webhooks:info",
        &[
            "tug webhooks:info 01234567 -a demo",
            "tug webhooks:info 01234567 -a demo --json",
        ],
    ),
    (
        "webhooks:list",
        &[
            "tug webhooks:list -a demo",
            "tug webhooks:list -a demo --json",
        ],
    ),
    (
        "webhooks:remove",
        &[
            "tug webhooks:remove 01234567 -a demo",
            "tug webhooks:remove 89abcdef -r staging",
        ],
    ),
    (
        "webhooks:update",
        &[
            "tug webhooks:update 01234567 -i api:release -a demo",
            "tug webhooks:update 01234567 --new-secret -a demo",
        ],
    ),
    (
        "access",
        &[
            "tug access -a demo",
            "tug access:add dev@example.com -a demo",
        ],
    ),
    (
        "access:add",
        &[
            "tug access:add dev@example.com -a demo",
            "tug access:add ops@example.com -r staging",
        ],
    ),
    (
        "access:list",
        &["tug access:list -a demo", "tug access:list -a demo --json"],
    ),
    (
        "access:remove",
        &[
            "tug access:remove dev@example.com -a demo",
            "tug access:remove ops@example.com -r staging",
        ],
    ),
    (
        "maintenance",
        &["tug maintenance -a demo", "tug maintenance:on -a demo"],
    ),
    (
        "maintenance:on",
        &[
            "tug maintenance:on -a demo",
            "tug maintenance:on -a demo && tug run 'python manage.py migrate' -a demo",
        ],
    ),
    (
        "maintenance:off",
        &[
            "tug maintenance:off -a demo",
            "tug maintenance:off -a demo --json",
        ],
    ),
    (
        "completions",
        &[
            "tug completions bash > /etc/bash_completion.d/tug",
            "tug completions zsh > \"${fpath[1]}/_tug\"",
        ],
    ),
    (
        "server",
        &[
            "tug server",
            "tug server --api 0.0.0.0:7700 --tls-cert cert.pem --tls-key key.pem",
            "tug server stop",
        ],
    ),
    (
        "server:stop",
        &["tug server stop", "tug server stop --data-dir /var/lib/tug"],
    ),
    (
        "server:users:add",
        &[
            "tug server users:add dev@example.com",
            "tug server users:add dev@example.com --password-stdin",
        ],
    ),
    (
        "server:secrets:rotate",
        &[
            "tug server secrets:rotate",
            "tug server secrets:rotate --data-dir /var/lib/tug --secret-key-file /etc/tug/secret.key",
        ],
    ),
    (
        "apps:stacks",
        &["tug apps:stacks -a demo", "tug apps:stacks --json"],
    ),
    (
        "apps:stacks:set",
        &[
            "tug apps:stacks:set heroku-24 -a demo",
            "tug apps:stacks:set local -a demo",
        ],
    ),
];
