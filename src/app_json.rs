//! `app.json` at a repository's root (Heroku's schema): what an app needs to be created from
//! its source: config vars (`env`: a value, a `generator: secret`, or `required`), `formation`,
//! `buildpacks`, `scripts` (`postdeploy`, `pr-predestroy`), `stack`, and `addons` (read, and
//! left to the add-on providers). Every error names the line and the field.
//!
//! Keys Heroku's schema has for other purposes (`name`, `description`, `keywords`, `website`,
//! `repository`, `logo`, `success_url`, `environments`, `image`) are accepted and not used;
//! other keys are errors, so a misspelt `formation` does not silently do nothing.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::api::names::{check_config_key, check_config_value, check_process_type};

/// The file's name at the repository root.
pub const FILE_NAME: &str = "app.json";

/// The largest app.json read; real ones are a few kilobytes.
pub const MAX_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppJson {
    pub env: BTreeMap<String, EnvVar>,
    /// Process type → (quantity, size).
    pub formation: BTreeMap<String, (Option<u32>, Option<String>)>,
    pub buildpacks: Vec<String>,
    pub postdeploy: Option<String>,
    pub pr_predestroy: Option<String>,
    pub stack: Option<String>,
    /// Add-on plans as written (`heroku-postgresql:mini`), for the add-on providers.
    pub addons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvVar {
    /// A fixed value.
    Value(String),
    /// A random value made once, when the app is created.
    Secret,
    /// The creator must give a value; `description` says what it is.
    Required { description: Option<String> },
    /// Optional, with nothing to set unless the creator gives one.
    Optional,
}

impl AppJson {
    /// The config vars a new app starts with: app.json's values, a fresh secret from
    /// `secret()` for each `generator: secret`, and `given` (the creator's values, which win
    /// and may add vars app.json does not name). Errors list every required var left unset.
    pub fn config(
        &self,
        given: &BTreeMap<String, String>,
        mut secret: impl FnMut() -> Result<String, String>,
    ) -> Result<BTreeMap<String, String>, Vec<String>> {
        let mut out = BTreeMap::new();
        let mut missing = vec![];
        for (key, var) in &self.env {
            if let Some(value) = given.get(key) {
                out.insert(key.clone(), value.clone());
                continue;
            }
            match var {
                EnvVar::Value(v) => {
                    out.insert(key.clone(), v.clone());
                }
                EnvVar::Secret => {
                    out.insert(key.clone(), secret().map_err(|e| vec![e])?);
                }
                EnvVar::Required { description } => missing.push(match description {
                    Some(d) => format!("config var `{key}` is required ({d})"),
                    None => format!("config var `{key}` is required"),
                }),
                EnvVar::Optional => {}
            }
        }
        if !missing.is_empty() {
            return Err(missing);
        }
        for (key, value) in given {
            out.entry(key.clone()).or_insert_with(|| value.clone());
        }
        Ok(out)
    }
}

const IGNORED: [&str; 9] = [
    "name",
    "description",
    "keywords",
    "website",
    "repository",
    "logo",
    "success_url",
    "environments",
    "image",
];

/// Parses app.json. Errors read `line N: field: …`.
pub fn parse(text: &str) -> Result<AppJson, String> {
    if text.len() > MAX_BYTES {
        return Err(format!(
            "line 1: the file is {} bytes; at most {MAX_BYTES} are read",
            text.len()
        ));
    }
    let root: Value = serde_json::from_str(text)
        .map_err(|e| format!("line {}: not valid JSON: {e}", e.line()))?;
    let at = |field: &str, msg: String| format!("line {}: `{field}`: {msg}", line_of(text, field));
    let Value::Object(top) = &root else {
        return Err("line 1: app.json must be an object like {\"env\": {...}}".into());
    };
    let mut out = AppJson::default();
    for (key, value) in top {
        match key.as_str() {
            "env" => out.env = env(text, value)?,
            "formation" => out.formation = formation(text, value)?,
            "buildpacks" => {
                let Value::Array(items) = value else {
                    return Err(at(
                        key,
                        "must be a list like [{\"url\": \"heroku/python\"}]".into(),
                    ));
                };
                for item in items {
                    match item.get("url").and_then(Value::as_str) {
                        Some(url) if !url.trim().is_empty() => out.buildpacks.push(url.to_string()),
                        _ => return Err(at(key, "each buildpack needs a `url`".into())),
                    }
                }
            }
            "scripts" => {
                let Value::Object(scripts) = value else {
                    return Err(at(
                        key,
                        "must be an object like {\"postdeploy\": \"…\"}".into(),
                    ));
                };
                for (name, script) in scripts {
                    let command = match script {
                        Value::String(s) if !s.trim().is_empty() => s.clone(),
                        _ => return Err(at(name, "must be a command".into())),
                    };
                    match name.as_str() {
                        "postdeploy" => out.postdeploy = Some(command),
                        "pr-predestroy" => out.pr_predestroy = Some(command),
                        // Heroku CI's and others' scripts are theirs.
                        _ => {}
                    }
                }
            }
            "stack" => match value {
                Value::String(s) => out.stack = Some(s.clone()),
                _ => return Err(at(key, "must be a stack name like `heroku-24`".into())),
            },
            "addons" => {
                let Value::Array(items) = value else {
                    return Err(at(key, "must be a list of plans".into()));
                };
                for item in items {
                    let plan = match item {
                        Value::String(s) => Some(s.as_str()),
                        Value::Object(o) => o.get("plan").and_then(Value::as_str),
                        _ => None,
                    };
                    match plan {
                        Some(p) if !p.trim().is_empty() => out.addons.push(p.to_string()),
                        _ => {
                            return Err(at(
                                key,
                                "each add-on is a plan name or {\"plan\": …}".into(),
                            ));
                        }
                    }
                }
            }
            k if IGNORED.contains(&k) => {}
            other => {
                return Err(at(
                    other,
                    "unknown key: the keys are `env`, `formation`, `buildpacks`, `scripts`, `stack`, `addons` and Heroku's descriptive ones".into(),
                ));
            }
        }
    }
    Ok(out)
}

fn env(text: &str, value: &Value) -> Result<BTreeMap<String, EnvVar>, String> {
    let Value::Object(vars) = value else {
        return Err(format!(
            "line {}: `env`: must be an object of config vars",
            line_of(text, "env")
        ));
    };
    let mut out = BTreeMap::new();
    for (key, spec) in vars {
        let at = |msg: String| format!("line {}: `env.{key}`: {msg}", line_of(text, key));
        check_config_key(key).map_err(at)?;
        let var = match spec {
            Value::String(v) => EnvVar::Value(v.clone()),
            Value::Object(o) => {
                let required = match o.get("required") {
                    None => true,
                    Some(Value::Bool(b)) => *b,
                    Some(_) => return Err(at("`required` must be true or false".into())),
                };
                match (o.get("value"), o.get("generator")) {
                    (_, Some(Value::String(g))) if g == "secret" => EnvVar::Secret,
                    (_, Some(_)) => {
                        return Err(at("the only `generator` is `secret`".into()));
                    }
                    (Some(Value::String(v)), None) => EnvVar::Value(v.clone()),
                    (Some(_), None) => return Err(at("`value` must be text".into())),
                    (None, None) if required => EnvVar::Required {
                        description: o
                            .get("description")
                            .and_then(Value::as_str)
                            .map(str::to_string),
                    },
                    (None, None) => EnvVar::Optional,
                }
            }
            _ => return Err(at("must be text or an object like {\"value\": …}".into())),
        };
        if let EnvVar::Value(v) = &var {
            check_config_value(key, v).map_err(at)?;
        }
        out.insert(key.clone(), var);
    }
    Ok(out)
}

type Formation = BTreeMap<String, (Option<u32>, Option<String>)>;

fn formation(text: &str, value: &Value) -> Result<Formation, String> {
    let Value::Object(types) = value else {
        return Err(format!(
            "line {}: `formation`: must be an object like {{\"web\": {{\"quantity\": 1}}}}",
            line_of(text, "formation")
        ));
    };
    let mut out = BTreeMap::new();
    for (kind, spec) in types {
        let at = |msg: String| format!("line {}: `formation.{kind}`: {msg}", line_of(text, kind));
        check_process_type(kind).map_err(at)?;
        let Value::Object(o) = spec else {
            return Err(at("must be an object like {\"quantity\": 1}".into()));
        };
        let quantity = match o.get("quantity") {
            None => None,
            Some(q) => Some(
                q.as_u64()
                    .and_then(|q| u32::try_from(q).ok())
                    .ok_or_else(|| at("`quantity` must be a whole number, 0 or more".into()))?,
            ),
        };
        let size = match o.get("size") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(at("`size` must be text like `standard-1X`".into())),
        };
        out.insert(kind.clone(), (quantity, size));
    }
    Ok(out)
}

/// The line of the first `"field"` used as a key, for errors; 1 when it cannot be found.
fn line_of(text: &str, field: &str) -> usize {
    let quoted = format!("\"{field}\"");
    let mut from = 0;
    while let Some(i) = text[from..].find(&quoted) {
        let end = from + i + quoted.len();
        if text[end..].trim_start().starts_with(':') {
            return text[..end].matches('\n').count() + 1;
        }
        from = end;
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{
  "name": "shop",
  "env": {
    "GREETING": "hello",
    "SECRET_KEY_BASE": {"generator": "secret"},
    "STRIPE_KEY": {"description": "the key", "required": true},
    "OPTIONAL": {"required": false},
    "PLAIN": {"value": "x"}
  },
  "formation": {"web": {"quantity": 2, "size": "standard-1X"}, "worker": {}},
  "buildpacks": [{"url": "heroku/python"}],
  "scripts": {"postdeploy": "python seed.py", "pr-predestroy": "python bye.py", "test": "x"},
  "addons": ["heroku-postgresql:mini", {"plan": "heroku-redis"}],
  "stack": "heroku-24"
}"#;

    #[test]
    fn reads_heroku_app_json() {
        let a = parse(EXAMPLE).unwrap();
        assert_eq!(a.env["GREETING"], EnvVar::Value("hello".into()));
        assert_eq!(a.env["SECRET_KEY_BASE"], EnvVar::Secret);
        assert_eq!(
            a.env["STRIPE_KEY"],
            EnvVar::Required {
                description: Some("the key".into())
            }
        );
        assert_eq!(a.env["OPTIONAL"], EnvVar::Optional);
        assert_eq!(a.env["PLAIN"], EnvVar::Value("x".into()));
        assert_eq!(a.formation["web"], (Some(2), Some("standard-1X".into())));
        assert_eq!(a.formation["worker"], (None, None));
        assert_eq!(a.buildpacks, ["heroku/python"]);
        assert_eq!(a.postdeploy.as_deref(), Some("python seed.py"));
        assert_eq!(a.pr_predestroy.as_deref(), Some("python bye.py"));
        assert_eq!(a.addons, ["heroku-postgresql:mini", "heroku-redis"]);
        assert_eq!(a.stack.as_deref(), Some("heroku-24"));
        assert_eq!(parse("{}").unwrap(), AppJson::default());
    }

    #[test]
    fn errors_name_the_line_and_the_field() {
        for (text, want) in [
            (
                "{\n  \"env\": {\n    \"BAD-KEY\": \"x\"\n  }\n}",
                "line 3: `env.BAD-KEY`",
            ),
            (
                "{\n  \"env\": {\"A\": {\"generator\": \"uuid\"}}\n}",
                "line 2: `env.A`: the only `generator`",
            ),
            (
                "{\n\n  \"formation\": {\"web\": {\"quantity\": -1}}}",
                "line 3: `formation.web`: `quantity`",
            ),
            ("{\"formaton\": {}}", "line 1: `formaton`: unknown key"),
            ("{\n  \"env\": [1]\n}", "line 2: `env`: must be an object"),
            (
                "{\n  \"scripts\": {\"postdeploy\": 3}}",
                "line 2: `postdeploy`",
            ),
            ("{\n  \"buildpacks\": [{}]}", "line 2: `buildpacks`"),
            ("{\n  \"env\": {\n", "line 3: not valid JSON"),
            ("[1]", "line 1: app.json must be an object"),
            ("{\"env\": {\"A\": \"a\\u0000b\"}}", "NUL"),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.starts_with(want) || e.contains(want), "{text:?}: {e}");
        }
        assert!(parse(&" ".repeat(MAX_BYTES + 1)).is_err());
    }

    #[test]
    fn config_takes_values_secrets_and_the_creators_values() {
        let a = parse(EXAMPLE).unwrap();
        let mut n = 0;
        let mut secret = || {
            n += 1;
            Ok(format!("s{n}"))
        };
        let missing = a.config(&BTreeMap::new(), &mut secret).unwrap_err();
        assert_eq!(missing, ["config var `STRIPE_KEY` is required (the key)"]);
        let given: BTreeMap<String, String> =
            [("STRIPE_KEY", "sk"), ("GREETING", "hi"), ("EXTRA", "e")]
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .into();
        let config = a.config(&given, &mut secret).unwrap();
        assert_eq!(config["STRIPE_KEY"], "sk");
        assert_eq!(config["GREETING"], "hi");
        assert_eq!(config["EXTRA"], "e");
        assert_eq!(config["PLAIN"], "x");
        assert!(config["SECRET_KEY_BASE"].starts_with('s'));
        assert!(!config.contains_key("OPTIONAL"));
    }

    #[test]
    fn lines_are_found_for_keys_not_values() {
        let text = "{\n \"a\": \"env\",\n \"env\": {}\n}";
        assert_eq!(line_of(text, "env"), 3);
        assert_eq!(line_of(text, "missing"), 1);
    }
}
