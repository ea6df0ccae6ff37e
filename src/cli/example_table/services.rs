//! Examples for the services around apps: add-ons and their data commands, domains and
//! certificates, pipelines and review apps, labs.

/// Like [`super::EXAMPLES`], for these topics.
pub(in crate::cli) const SERVICES: &[(&str, &[&str])] = &[
    ("addons", &["tug addons -a demo", "tug addons --all --json"]),
    (
        "addons:list",
        &["tug addons:list -a demo", "tug addons:list --all"],
    ),
    (
        "addons:create",
        &[
            "tug addons:create heroku-postgresql -a demo",
            "tug addons:create heroku-postgresql:standard-0 --as REPORTING_DB -a demo",
        ],
    ),
    (
        "addons:info",
        &[
            "tug addons:info postgresql-curved-12345",
            "tug addons:info redis-rigid-23456 --json",
        ],
    ),
    (
        "addons:destroy",
        &[
            "tug addons:destroy postgresql-curved-12345 --confirm demo",
            "tug addons:destroy redis-rigid-23456 -c demo --json",
        ],
    ),
    (
        "addons:attach",
        &[
            "tug addons:attach postgresql-curved-12345 -a worker",
            "tug addons:attach postgresql-curved-12345 --as SHARED_DB -a worker",
        ],
    ),
    (
        "addons:detach",
        &[
            "tug addons:detach SHARED_DB -a worker",
            "tug addons:detach DATABASE -a demo --json",
        ],
    ),
    (
        "addons:services",
        &["tug addons:services", "tug addons:services --json"],
    ),
    (
        "addons:plans",
        &[
            "tug addons:plans heroku-postgresql",
            "tug addons:plans postgres --json",
        ],
    ),
    (
        "addons:upgrade",
        &[
            "tug addons:upgrade postgresql-curved-12345 essential-1",
            "tug addons:upgrade REDIS premium-0 -a demo",
        ],
    ),
    (
        "addons:rename",
        &[
            "tug addons:rename postgresql-curved-12345 orders-db",
            "tug addons:rename DATABASE orders-db -a demo",
        ],
    ),
    (
        "addons:downgrade",
        &[
            "tug addons:downgrade DATABASE heroku-postgresql:essential-0 -a demo",
            "tug addons:downgrade postgresql-curved-12345 essential-0 --json",
        ],
    ),
    ("pg", &["tug pg:info -a demo", "tug pg:psql -a demo"]),
    (
        "pg:info",
        &["tug pg:info -a demo", "tug pg:info REPORTING_DB -a demo"],
    ),
    (
        "pg:psql",
        &[
            "tug pg:psql -a demo",
            "tug pg:psql -a demo -c 'select count(*) from users'",
        ],
    ),
    (
        "pg:credentials",
        &[
            "tug pg:credentials:rotate -a demo --confirm demo",
            "tug pg:credentials:rotate REPORTING_DB -a demo --confirm demo",
        ],
    ),
    (
        "pg:credentials:rotate",
        &[
            "tug pg:credentials:rotate -a demo --confirm demo",
            "tug pg:credentials:rotate REPORTING_DB -a demo --confirm demo",
        ],
    ),
    (
        "pg:backups",
        &["tug pg:backups -a demo", "tug pg:backups:capture -a demo"],
    ),
    (
        "pg:backups:capture",
        &[
            "tug pg:backups:capture -a demo",
            "tug pg:backups:capture --database REPORTING_DB -a demo --json",
        ],
    ),
    (
        "pg:backups:restore",
        &[
            "tug pg:backups:restore -a demo --confirm demo",
            "tug pg:backups:restore b003 -a demo --confirm demo",
        ],
    ),
    (
        "pg:backups:download",
        &[
            "tug pg:backups:download -a demo",
            "tug pg:backups:download b003 -a demo -o latest.dump",
        ],
    ),
    (
        "pg:backups:schedule",
        &[
            "tug pg:backups:schedule --at 02:00 -a demo",
            "tug pg:backups:schedule --at '02:00 America/New_York' -a demo",
            "tug pg:backups:schedule --at '02:00 UTC' --database REPORTING_DB -a demo",
        ],
    ),
    (
        "pg:backups:unschedule",
        &[
            "tug pg:backups:unschedule -a demo",
            "tug pg:backups:unschedule --database REPORTING_DB -a demo",
        ],
    ),
    (
        "pg:backups:schedules",
        &[
            "tug pg:backups:schedules -a demo",
            "tug pg:backups:schedules -a demo --json",
        ],
    ),
    (
        "pg:reset",
        &[
            "tug pg:reset -a demo --confirm demo",
            "tug pg:reset REPORTING_DB -a demo --confirm demo",
        ],
    ),
    (
        "redis",
        &["tug redis:info -a demo", "tug redis:cli -a demo"],
    ),
    (
        "redis:info",
        &[
            "tug redis:info -a demo",
            "tug redis:info CACHE -a demo --json",
        ],
    ),
    (
        "redis:credentials",
        &[
            "tug redis:credentials:rotate -a demo --confirm demo",
            "tug redis:credentials:rotate CACHE -a demo --confirm demo",
        ],
    ),
    (
        "redis:credentials:rotate",
        &[
            "tug redis:credentials:rotate -a demo --confirm demo",
            "tug redis:credentials:rotate CACHE -a demo --confirm demo",
        ],
    ),
    (
        "redis:cli",
        &[
            "tug redis:cli -a demo",
            "tug redis:cli -a demo -c 'GET greeting'",
        ],
    ),
    (
        "domains",
        &[
            "tug domains -a demo",
            "tug domains:add www.example.com -a demo",
        ],
    ),
    (
        "domains:list",
        &[
            "tug domains:list -a demo",
            "tug domains:list -a demo --json",
        ],
    ),
    (
        "domains:add",
        &[
            "tug domains:add www.example.com -a demo",
            "tug domains:add '*.example.com' -a demo --wait",
        ],
    ),
    (
        "domains:info",
        &[
            "tug domains:info www.example.com -a demo",
            "tug domains:info www.example.com -a demo --json",
        ],
    ),
    (
        "domains:remove",
        &[
            "tug domains:remove www.example.com -a demo",
            "tug domains:remove '*.example.com' -a demo",
        ],
    ),
    (
        "domains:clear",
        &[
            "tug domains:clear -a demo --confirm demo",
            "tug domains:clear -r staging --confirm demo-staging",
        ],
    ),
    (
        "domains:wait",
        &[
            "tug domains:wait www.example.com -a demo",
            "tug domains:wait -a demo --timeout 600",
        ],
    ),
    (
        "certs",
        &[
            "tug certs -a demo",
            "tug certs:add cert.pem key.pem -a demo",
        ],
    ),
    (
        "certs:list",
        &["tug certs:list -a demo", "tug certs:list -a demo --json"],
    ),
    (
        "certs:add",
        &[
            "tug certs:add fullchain.pem privkey.pem -a demo",
            "tug certs:add fullchain.pem privkey.pem -a demo --json",
        ],
    ),
    (
        "certs:info",
        &[
            "tug certs:info -a demo",
            "tug certs:info --name sni-1 -a demo",
        ],
    ),
    (
        "certs:update",
        &[
            "tug certs:update fullchain.pem privkey.pem -a demo",
            "tug certs:update --name sni-2 fullchain.pem privkey.pem -a demo",
        ],
    ),
    (
        "certs:remove",
        &[
            "tug certs:remove -a demo --confirm demo",
            "tug certs:remove --name sni-2 -a demo --confirm demo",
        ],
    ),
    (
        "certs:auto",
        &["tug certs:auto -a demo", "tug certs:auto -a demo --json"],
    ),
    (
        "certs:auto:enable",
        &[
            "tug certs:auto:enable -a demo",
            "tug domains:wait www.example.com -a demo",
        ],
    ),
    (
        "certs:auto:disable",
        &[
            "tug certs:auto:disable -a demo --confirm demo",
            "tug certs:auto:disable -r staging --confirm demo-staging",
        ],
    ),
    (
        "certs:auto:refresh",
        &[
            "tug certs:auto:refresh -a demo",
            "tug certs:auto:refresh -a demo --json",
        ],
    ),
    (
        "pipelines",
        &[
            "tug pipelines",
            "tug pipelines:create shop -a shop-staging --stage staging",
        ],
    ),
    (
        "pipelines:list",
        &["tug pipelines:list", "tug pipelines:list --json"],
    ),
    (
        "pipelines:create",
        &[
            "tug pipelines:create shop -a shop-staging --stage staging",
            "tug pipelines:create -a shop-staging -s staging",
        ],
    ),
    (
        "pipelines:add",
        &[
            "tug pipelines:add shop -a shop-prod --stage production",
            "tug pipelines:add shop -a shop-dev -s development --json",
        ],
    ),
    (
        "pipelines:info",
        &["tug pipelines:info shop", "tug pipelines:info shop --json"],
    ),
    (
        "pipelines:rename",
        &[
            "tug pipelines:rename shop store",
            "tug pipelines:rename 01234567-89ab-cdef-0123-456789abcdef store --json",
        ],
    ),
    (
        "pipelines:remove",
        &[
            "tug pipelines:remove -a shop-review",
            "tug pipelines:remove -r staging --json",
        ],
    ),
    (
        "pipelines:update",
        &[
            "tug pipelines:update -a shop-eu --stage production",
            "tug pipelines:update -a shop-staging -s production --json",
        ],
    ),
    (
        "pipelines:destroy",
        &[
            "tug pipelines:destroy shop --confirm shop",
            "tug pipelines:destroy 01234567-89ab-cdef-0123-456789abcdef --confirm shop",
        ],
    ),
    (
        "pipelines:promote",
        &[
            "tug pipelines:promote -a shop-staging",
            "tug pipelines:promote -a shop-staging --to shop-prod,shop-eu",
        ],
    ),
    (
        "pipelines:diff",
        &[
            "tug pipelines:diff -a shop-staging",
            "tug pipelines:diff -a shop-staging --json",
            "tug pipelines:diff -r staging",
        ],
    ),
    (
        "dyno-sizes",
        &["tug dyno-sizes", "tug ps:type web=standard-2X -a demo"],
    ),
    (
        "reviewapps",
        &[
            "tug reviewapps -p shop",
            "tug reviewapps -a shop-staging --json",
        ],
    ),
    (
        "reviewapps:list",
        &[
            "tug reviewapps:list -p shop --json",
            "tug reviewapps:list -a shop-staging",
        ],
    ),
    (
        "reviewapps:enable",
        &[
            "tug reviewapps:enable -p shop --autodeploy",
            "tug reviewapps:enable -p shop --autodeploy --autodestroy 5d --env STAGE=review",
        ],
    ),
    (
        "reviewapps:disable",
        &[
            "tug reviewapps:disable -p shop",
            "tug reviewapps:disable -a shop-staging --json",
        ],
    ),
    (
        "reviewapps:create",
        &[
            "tug reviewapps:create feature-y -p shop",
            "tug reviewapps:create fix-login -a shop-staging --json",
        ],
    ),
    (
        "reviewapps:destroy",
        &[
            "tug reviewapps:destroy feature-y -p shop --confirm shop-pr-feature-y",
            "tug reviewapps:destroy feature-y -a shop-staging",
        ],
    ),
    (
        "labs",
        &[
            "tug labs -a demo",
            "tug labs:enable runtime-dyno-metadata -a demo",
        ],
    ),
    (
        "labs:info",
        &[
            "tug labs:info preboot -a demo",
            "tug labs:info runtime-dyno-metadata -a demo --json",
        ],
    ),
    (
        "labs:enable",
        &[
            "tug labs:enable runtime-dyno-metadata -a demo",
            "tug labs:enable log-runtime-metrics -a demo",
        ],
    ),
    (
        "labs:disable",
        &[
            "tug labs:disable preboot -a demo",
            "tug labs:disable runtime-dyno-metadata -a demo --json",
        ],
    ),
];
