//! The functions a `--format` template may call (`json`, `index`, `printf`, `eq`…), and how a
//! value prints, as Go's text/template and Podman's added functions behave.
use super::template::{Result, TemplateError};
use serde_json::Value;
use std::fmt::Write as _;

pub(super) fn call(name: &str, args: Vec<Value>) -> Result<Value> {
    let need = |n: usize| {
        if args.len() == n {
            Ok(())
        } else {
            Err(TemplateError::Exec(format!(
                "wrong number of args for {name}: want {n} got {}",
                args.len()
            )))
        }
    };
    let s = |v: &Value| to_text(v);
    Ok(match name {
        "json" => {
            need(1)?;
            Value::String(serde_json::to_string(&args[0]).unwrap_or_default())
        }
        "lower" => {
            need(1)?;
            Value::String(s(&args[0]).to_lowercase())
        }
        "upper" => {
            need(1)?;
            Value::String(s(&args[0]).to_uppercase())
        }
        "title" => {
            need(1)?;
            let t = s(&args[0]);
            let mut c = t.chars();
            Value::String(
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default(),
            )
        }
        "trim" => {
            need(1)?;
            Value::String(s(&args[0]).trim().to_string())
        }
        "join" => {
            need(2)?;
            let items: Vec<String> = match &args[0] {
                Value::Array(a) => a.iter().map(to_text).collect(),
                other => vec![to_text(other)],
            };
            Value::String(items.join(&s(&args[1])))
        }
        "split" => {
            need(2)?;
            Value::Array(
                s(&args[0])
                    .split(&s(&args[1]))
                    .map(|p| Value::String(p.into()))
                    .collect(),
            )
        }
        "index" => {
            if args.len() < 2 {
                return Err(TemplateError::Exec("index needs a value and a key".into()));
            }
            let mut v = args[0].clone();
            for key in &args[1..] {
                v = match (&v, key) {
                    (Value::Object(m), k) => m.get(&to_text(k)).cloned().unwrap_or(Value::Null),
                    (Value::Array(a), Value::Number(n)) => a
                        .get(n.as_f64().unwrap_or(-1.0) as usize)
                        .cloned()
                        .ok_or_else(|| TemplateError::Exec(format!("index out of range: {n}")))?,
                    _ => {
                        return Err(TemplateError::Exec(format!(
                            "can't index item of type {}",
                            type_name(&v)
                        )))
                    }
                };
            }
            v
        }
        "len" => {
            need(1)?;
            let n = match &args[0] {
                Value::Array(a) => a.len(),
                Value::Object(m) => m.len(),
                Value::String(t) => t.len(),
                other => {
                    return Err(TemplateError::Exec(format!(
                        "len of type {}",
                        type_name(other)
                    )))
                }
            };
            Value::from(n)
        }
        "print" => Value::String(go_print(&args)),
        "println" => Value::String(args.iter().map(to_text).collect::<Vec<_>>().join(" ") + "\n"),
        "printf" => {
            let (fmt, rest) = args
                .split_first()
                .ok_or_else(|| TemplateError::Exec("printf needs a format".into()))?;
            Value::String(printf(&s(fmt), rest))
        }
        "truncate" => {
            need(2)?;
            let n = args[1].as_f64().unwrap_or(0.0).max(0.0) as usize;
            Value::String(s(&args[0]).chars().take(n).collect())
        }
        "eq" => {
            need(2)?;
            Value::Bool(loose_eq(&args[0], &args[1]))
        }
        "ne" => {
            need(2)?;
            Value::Bool(!loose_eq(&args[0], &args[1]))
        }
        "not" => {
            need(1)?;
            Value::Bool(!truthy(&args[0]))
        }
        "and" => args
            .iter()
            .find(|v| !truthy(v))
            .or(args.last())
            .cloned()
            .unwrap_or(Value::Null),
        "or" => args
            .iter()
            .find(|v| truthy(v))
            .or(args.last())
            .cloned()
            .unwrap_or(Value::Null),
        _ => {
            return Err(TemplateError::Exec(format!(
                "function {name:?} not defined"
            )))
        }
    })
}

fn loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Go's fmt.Print: spaces only between operands when neither is a string.
fn go_print(args: &[Value]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 && !a.is_string() && !args[i - 1].is_string() {
            out.push(' ');
        }
        out.push_str(&to_text(a));
    }
    out
}

fn printf(fmt: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut it = args.iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = String::new();
        while let Some(&d) = chars.peek() {
            if d.is_ascii_digit() || d == '-' || d == '.' {
                spec.push(d);
                chars.next();
            } else {
                break;
            }
        }
        let verb = chars.next().unwrap_or('%');
        if verb == '%' {
            out.push('%');
            continue;
        }
        let arg = it.next();
        let text = match (verb, arg) {
            (_, None) => format!("%!{verb}(MISSING)"),
            ('q', Some(v)) => format!("{:?}", to_text(v)),
            ('d', Some(v)) => v
                .as_f64()
                .map(|f| format!("{}", f as i64))
                .unwrap_or_else(|| to_text(v)),
            (_, Some(v)) => to_text(v),
        };
        let width: usize = spec
            .trim_start_matches('-')
            .split('.')
            .next()
            .and_then(|w| w.parse().ok())
            .unwrap_or(0);
        if spec.starts_with('-') {
            let _ = write!(out, "{text:<width$}");
        } else {
            let _ = write!(out, "{text:>width$}");
        }
    }
    out
}

pub(super) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

pub(super) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "nil",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "slice",
        Value::Object(_) => "map",
    }
}

/// A value printed the way Go's `{{.}}` prints it.
pub(crate) fn to_text(v: &Value) -> String {
    match v {
        Value::Null => "<no value>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(to_text).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .iter()
                .map(|k| format!("{k}:{}", to_text(&m[*k])))
                .collect();
            format!("map[{}]", parts.join(" "))
        }
    }
}
