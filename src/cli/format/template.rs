//! A Go text/template subset for `--format`: the fields, pipelines and actions Podman users
//! write (`{{.State.ExitCode}}`, `{{json .}}`, `{{range .RepoTags}}{{println .}}{{end}}`,
//! `{{if .Running}}…{{else}}…{{end}}`), evaluated over JSON values. One engine serves every
//! command's `--format`.
use super::funcs::{call, to_text, truthy, type_name};
use serde_json::Value;

#[derive(Debug, thiserror::Error, PartialEq)]
pub(crate) enum TemplateError {
    #[error("template: {0}")]
    Parse(String),
    #[error("template: {0}")]
    Exec(String),
}

pub(super) type Result<T> = std::result::Result<T, TemplateError>;

/// A parsed template, ready to run over many values.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    nodes: Vec<Node>,
}

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Action(Pipeline),
    If(Pipeline, Vec<Node>, Vec<Node>),
    Range(Pipeline, Vec<Node>, Vec<Node>),
    With(Pipeline, Vec<Node>, Vec<Node>),
}

#[derive(Debug, Clone)]
struct Pipeline(Vec<Command>);

#[derive(Debug, Clone)]
struct Command(Vec<Arg>);

#[derive(Debug, Clone)]
enum Arg {
    /// `.A.B` relative to dot (empty path is dot itself); `$.A` from the root.
    Field {
        root: bool,
        path: Vec<String>,
    },
    Str(String),
    Num(f64),
    Bool(bool),
    Func(String),
    Sub(Pipeline),
    /// `(pipeline).A.B`: fields of what the pipeline gives.
    Chain(Pipeline, Vec<String>),
}

impl Template {
    /// Parses `src`; errors name the problem the way Go's parser does.
    pub(crate) fn parse(src: &str) -> Result<Template> {
        let tokens = lex(src)?;
        let mut pos = 0;
        let (nodes, end) = parse_nodes(&tokens, &mut pos)?;
        match end {
            None => Ok(Template { nodes }),
            Some(word) => Err(TemplateError::Parse(format!("unexpected {{{{{word}}}}}"))),
        }
    }

    /// Runs the template with `data` as dot.
    pub(crate) fn render(&self, data: &Value) -> Result<String> {
        let mut out = String::new();
        exec(&self.nodes, data, data, &mut out)?;
        Ok(out)
    }
}

enum Token {
    Text(String),
    Action(String),
}

fn lex(src: &str) -> Result<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut rest = src;
    let mut trim_next = false;
    while let Some(start) = rest.find("{{") {
        let mut text = &rest[..start];
        if trim_next {
            text = text.trim_start();
        }
        let after = &rest[start + 2..];
        let trim_left =
            after.starts_with("- ") || after.starts_with("-\t") || after.starts_with("-\n");
        if trim_left {
            text = text.trim_end();
        }
        if !text.is_empty() {
            tokens.push(Token::Text(text.to_string()));
        }
        let body_start = if trim_left { 1 } else { 0 };
        let close = find_close(&after[body_start..])
            .ok_or_else(|| TemplateError::Parse("unclosed action: missing }}".into()))?;
        let mut body = &after[body_start..body_start + close];
        trim_next = false;
        if body.ends_with(" -") || body.ends_with("\t-") || body.ends_with("\n-") {
            body = &body[..body.len() - 1];
            trim_next = true;
        }
        let body = body.trim();
        if !(body.starts_with("/*") && body.ends_with("*/")) {
            tokens.push(Token::Action(body.to_string()));
        }
        rest = &after[body_start + close + 2..];
    }
    let text = if trim_next { rest.trim_start() } else { rest };
    if !text.is_empty() {
        tokens.push(Token::Text(text.to_string()));
    }
    Ok(tokens)
}

/// The offset of the `}}` closing an action, skipping quoted strings.
fn find_close(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'`' => {
                i += 1;
                while i < b.len() && b[i] != b'`' {
                    i += 1;
                }
            }
            b'}' if b.get(i + 1) == Some(&b'}') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Parses nodes up to an `{{end}}` or `{{else …}}`, returning which keyword stopped it.
fn parse_nodes(tokens: &[Token], pos: &mut usize) -> Result<(Vec<Node>, Option<String>)> {
    let mut nodes = Vec::new();
    while *pos < tokens.len() {
        let tok = &tokens[*pos];
        *pos += 1;
        match tok {
            Token::Text(t) => nodes.push(Node::Text(t.clone())),
            Token::Action(a) => {
                let (word, rest) = split_word(a);
                match word {
                    "end" => return Ok((nodes, Some("end".into()))),
                    "else" => return Ok((nodes, Some(a.clone()))),
                    "if" | "range" | "with" => {
                        let pipe = parse_pipeline(rest)?;
                        let (body, stop) = parse_nodes(tokens, pos)?;
                        let alt = parse_else(tokens, pos, stop, word)?;
                        nodes.push(match word {
                            "if" => Node::If(pipe, body, alt),
                            "range" => Node::Range(pipe, body, alt),
                            _ => Node::With(pipe, body, alt),
                        });
                    }
                    _ => nodes.push(Node::Action(parse_pipeline(a)?)),
                }
            }
        }
    }
    Ok((nodes, None))
}

/// After a block body: handles `{{else}}` and `{{else if …}}` chains up to `{{end}}`.
fn parse_else(
    tokens: &[Token],
    pos: &mut usize,
    stop: Option<String>,
    kw: &str,
) -> Result<Vec<Node>> {
    match stop.as_deref() {
        Some("end") => Ok(Vec::new()),
        None => Err(TemplateError::Parse(format!(
            "unexpected EOF: {{{{{kw}}}}} has no {{{{end}}}}"
        ))),
        Some(other) => {
            let rest = split_word(other).1;
            if rest.is_empty() {
                let (alt, stop) = parse_nodes(tokens, pos)?;
                return match stop.as_deref() {
                    Some("end") => Ok(alt),
                    _ => Err(TemplateError::Parse(
                        "expected {{end}} after {{else}}".into(),
                    )),
                };
            }
            let (word, cond) = split_word(rest);
            if word != "if" {
                return Err(TemplateError::Parse(format!(
                    "unexpected {{{{else {rest}}}}}"
                )));
            }
            let pipe = parse_pipeline(cond)?;
            let (body, stop) = parse_nodes(tokens, pos)?;
            let alt = parse_else(tokens, pos, stop, "if")?;
            Ok(vec![Node::If(pipe, body, alt)])
        }
    }
}

fn split_word(s: &str) -> (&str, &str) {
    let s = s.trim();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    }
}

fn parse_pipeline(src: &str) -> Result<Pipeline> {
    let mut chars = src.chars().peekable();
    let pipe = parse_pipe_chars(&mut chars)?;
    if let Some(c) = chars.next() {
        return Err(TemplateError::Parse(format!("unexpected {c:?} in {src:?}")));
    }
    Ok(pipe)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn parse_pipe_chars(chars: &mut Chars) -> Result<Pipeline> {
    let mut cmds = Vec::new();
    let mut args = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.peek().copied() {
            None | Some(')') => break,
            Some('|') => {
                chars.next();
                if args.is_empty() {
                    return Err(TemplateError::Parse("missing command before |".into()));
                }
                cmds.push(Command(std::mem::take(&mut args)));
            }
            Some('(') => {
                chars.next();
                let sub = parse_pipe_chars(chars)?;
                if chars.next() != Some(')') {
                    return Err(TemplateError::Parse("unclosed (".into()));
                }
                if chars.next_if_eq(&'.').is_some() {
                    let word = take_word(chars);
                    args.push(Arg::Chain(
                        sub,
                        split_fields(&word, &format!("(…).{word}"))?,
                    ));
                } else {
                    args.push(Arg::Sub(sub));
                }
            }
            Some('"') => {
                chars.next();
                args.push(Arg::Str(parse_quoted(chars)?));
            }
            Some('`') => {
                chars.next();
                let s: String = chars.by_ref().take_while(|&c| c != '`').collect();
                args.push(Arg::Str(s));
            }
            Some(_) => {
                let word = take_word(chars);
                args.push(parse_word(&word)?);
            }
        }
    }
    if args.is_empty() {
        if cmds.is_empty() {
            return Err(TemplateError::Parse("missing value for command".into()));
        }
        return Err(TemplateError::Parse("missing command after |".into()));
    }
    cmds.push(Command(args));
    Ok(Pipeline(cmds))
}

/// The characters up to a space, `|` or parenthesis.
fn take_word(chars: &mut Chars) -> String {
    let mut word = String::new();
    while let Some(c) = chars.next_if(|&c| !(c.is_whitespace() || "|()".contains(c))) {
        word.push(c);
    }
    word
}

fn parse_quoted(chars: &mut Chars) -> Result<String> {
    let mut s = String::new();
    loop {
        match chars.next() {
            None => return Err(TemplateError::Parse("unterminated quoted string".into())),
            Some('"') => return Ok(s),
            Some('\\') => match chars.next() {
                Some('n') => s.push('\n'),
                Some('t') => s.push('\t'),
                Some(c) => s.push(c),
                None => return Err(TemplateError::Parse("unterminated quoted string".into())),
            },
            Some(c) => s.push(c),
        }
    }
}

fn parse_word(w: &str) -> Result<Arg> {
    if w == "." {
        return Ok(Arg::Field {
            root: false,
            path: vec![],
        });
    }
    if w == "$" {
        return Ok(Arg::Field {
            root: true,
            path: vec![],
        });
    }
    if let Some(rest) = w.strip_prefix("$.") {
        return Ok(Arg::Field {
            root: true,
            path: split_fields(rest, w)?,
        });
    }
    if let Some(rest) = w.strip_prefix('.') {
        return Ok(Arg::Field {
            root: false,
            path: split_fields(rest, w)?,
        });
    }
    match w {
        "true" => return Ok(Arg::Bool(true)),
        "false" => return Ok(Arg::Bool(false)),
        _ => {}
    }
    if let Ok(n) = w.parse::<f64>() {
        return Ok(Arg::Num(n));
    }
    if w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && FUNCS.contains(&w) {
        return Ok(Arg::Func(w.to_string()));
    }
    Err(TemplateError::Parse(format!("function {w:?} not defined")))
}

fn split_fields(rest: &str, whole: &str) -> Result<Vec<String>> {
    let parts: Vec<String> = rest.split('.').map(str::to_string).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_alphanumeric() || c == '_'))
    {
        return Err(TemplateError::Parse(format!("bad field name {whole:?}")));
    }
    Ok(parts)
}

const FUNCS: &[&str] = &[
    "json", "lower", "upper", "title", "join", "index", "len", "print", "println", "printf",
    "truncate", "eq", "ne", "not", "and", "or", "split", "trim",
];

fn exec(nodes: &[Node], dot: &Value, root: &Value, out: &mut String) -> Result<()> {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Action(p) => out.push_str(&to_text(&eval_pipe(p, dot, root)?)),
            Node::If(p, body, alt) => {
                let v = eval_pipe(p, dot, root)?;
                exec(if truthy(&v) { body } else { alt }, dot, root, out)?;
            }
            Node::With(p, body, alt) => {
                let v = eval_pipe(p, dot, root)?;
                if truthy(&v) {
                    exec(body, &v, root, out)?;
                } else {
                    exec(alt, dot, root, out)?;
                }
            }
            Node::Range(p, body, alt) => {
                let v = eval_pipe(p, dot, root)?;
                let items: Vec<&Value> = match &v {
                    Value::Array(a) => a.iter().collect(),
                    Value::Object(m) => {
                        let mut keys: Vec<&String> = m.keys().collect();
                        keys.sort();
                        keys.into_iter().map(|k| &m[k]).collect()
                    }
                    Value::Null => Vec::new(),
                    other => {
                        return Err(TemplateError::Exec(format!(
                            "range can't iterate over {}",
                            to_text(other)
                        )))
                    }
                };
                if items.is_empty() {
                    exec(alt, dot, root, out)?;
                }
                for item in items {
                    exec(body, item, root, out)?;
                }
            }
        }
    }
    Ok(())
}

fn eval_pipe(p: &Pipeline, dot: &Value, root: &Value) -> Result<Value> {
    let mut prev: Option<Value> = None;
    for cmd in &p.0 {
        prev = Some(eval_cmd(cmd, dot, root, prev)?);
    }
    Ok(prev.unwrap_or(Value::Null))
}

fn eval_cmd(cmd: &Command, dot: &Value, root: &Value, piped: Option<Value>) -> Result<Value> {
    let (first, rest) = cmd
        .0
        .split_first()
        .expect("parser never builds an empty command");
    if let Arg::Func(name) = first {
        let mut args = rest
            .iter()
            .map(|a| eval_arg(a, dot, root))
            .collect::<Result<Vec<_>>>()?;
        args.extend(piped);
        return call(name, args);
    }
    if !rest.is_empty() || piped.is_some() {
        return Err(TemplateError::Exec(
            "can't give argument to non-function".into(),
        ));
    }
    eval_arg(first, dot, root)
}

/// A field by its key, else by the one key that differs only in case: Go templates name the
/// struct field (`.ID`) where the JSON names its tag (`"Id"`), and scripts use both.
fn field<'a>(m: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a Value> {
    m.get(name).or_else(|| {
        let mut it = m.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name));
        match (it.next(), it.next()) {
            (Some((_, v)), None) => Some(v),
            _ => None,
        }
    })
}

fn eval_arg(arg: &Arg, dot: &Value, root: &Value) -> Result<Value> {
    match arg {
        Arg::Field {
            root: from_root,
            path,
        } => walk(if *from_root { root } else { dot }, path),
        Arg::Str(s) => Ok(Value::String(s.clone())),
        Arg::Num(n) => Ok(serde_json::Number::from_f64(*n)
            .map(Value::Number)
            .unwrap_or(Value::Null)),
        Arg::Bool(b) => Ok(Value::Bool(*b)),
        Arg::Func(name) => call(name, Vec::new()),
        Arg::Sub(p) => eval_pipe(p, dot, root),
        Arg::Chain(p, path) => walk(&eval_pipe(p, dot, root)?, path),
    }
}

/// The value at `path` below `v`; a missing object field is an error, null stays null.
fn walk(mut v: &Value, path: &[String]) -> Result<Value> {
    for name in path {
        v = match v {
            Value::Object(m) => field(m, name).ok_or_else(|| {
                TemplateError::Exec(format!("can't evaluate field {name} in type object"))
            })?,
            Value::Null => &Value::Null,
            _ => {
                return Err(TemplateError::Exec(format!(
                    "can't evaluate field {name} in type {}",
                    type_name(v)
                )))
            }
        };
    }
    Ok(v.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(t: &str, v: &Value) -> String {
        Template::parse(t).unwrap().render(v).unwrap()
    }

    #[test]
    fn fields_and_nesting() {
        let v = json!({"State": {"ExitCode": 3, "Running": false}, "Name": "web"});
        assert_eq!(render("{{.State.ExitCode}}", &v), "3");
        assert_eq!(render("{{.Name}}:{{ .State.Running }}", &v), "web:false");
        assert_eq!(render("{{$.Name}}", &v), "web");
        // Fields of a parenthesized pipeline.
        let v = json!({"Containers": [{"ID": "abc", "State": {"Pid": 7}}, {"ID": "def"}]});
        assert_eq!(render("{{(index .Containers 0).ID}}", &v), "abc");
        assert_eq!(render("{{ (index .Containers 0).State.Pid }}", &v), "7");
        assert_eq!(render("{{(index .Containers 1).ID | upper}}", &v), "DEF");
        assert!(Template::parse("{{(index .Containers 0).}}").is_err());
        assert!(Template::parse("{{(index .Containers 0).Bad}}")
            .unwrap()
            .render(&v)
            .is_err());
    }

    #[test]
    fn json_range_if_println() {
        let v = json!({"RepoTags": ["a:1", "b:2"], "Labels": null, "On": true});
        assert_eq!(render("{{json .RepoTags}}", &v), r#"["a:1","b:2"]"#);
        assert_eq!(
            render("{{range .RepoTags}}{{println .}}{{end}}", &v),
            "a:1\nb:2\n"
        );
        assert_eq!(render("{{if .On}}yes{{else}}no{{end}}", &v), "yes");
        assert_eq!(
            render("{{if .Labels}}yes{{else if .On}}on{{else}}no{{end}}", &v),
            "on"
        );
        assert_eq!(render("{{range .Labels}}x{{else}}none{{end}}", &v), "none");
        assert_eq!(render("{{.RepoTags | json}}", &v), r#"["a:1","b:2"]"#);
        assert_eq!(render("{{json .}}", &json!({"a":1})), r#"{"a":1}"#);
    }

    #[test]
    fn functions_and_trim() {
        let v = json!({"Names": ["x", "y"], "Id": "abcdef123456789", "M": {"k": "v"}});
        assert_eq!(render("{{join .Names \",\"}}", &v), "x,y");
        assert_eq!(render("{{truncate .Id 6}}", &v), "abcdef");
        assert_eq!(render("{{index .M \"k\"}} {{len .Names}}", &v), "v 2");
        assert_eq!(render("{{upper (index .Names 1)}}", &v), "Y");
        assert_eq!(
            render("a  {{- truncate .Id 3 -}}  b", &json!({"Id": "xyz9"})),
            "axyzb"
        );
        assert_eq!(render("{{printf \"%-4s|%d\" \"ab\" 7}}", &v), "ab  |7");
        assert_eq!(
            render("{{if eq .Id \"abcdef123456789\"}}same{{end}}", &v),
            "same"
        );
        assert_eq!(render("{{.M}} {{/* comment */}}", &v), "map[k:v] ");
    }

    #[test]
    fn errors_are_reported() {
        assert!(Template::parse("{{if .A}}x").is_err());
        assert!(Template::parse("{{nosuchfunc .A}}").is_err());
        assert!(Template::parse("{{.A").is_err());
        assert!(Template::parse("{{end}}").is_err());
        let t = Template::parse("{{.Missing}}").unwrap();
        assert!(t.render(&json!({"A": 1})).is_err());
        let t = Template::parse("{{.ID}}").unwrap();
        assert_eq!(t.render(&json!({"Id": "f0"})).unwrap(), "f0");
        assert!(t.render(&json!({"Id": 1, "id": 2})).is_err());
    }
}
