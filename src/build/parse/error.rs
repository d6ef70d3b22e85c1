//! Why a Containerfile is refused: at parse time (`ParseError`, one line naming `file:line`,
//! the instruction and what to do), when an instruction's words are expanded (`ExpandError`,
//! which the builder places with `StepError`), and the pieces both share.
use super::Keyword;

/// A Containerfile that cannot be parsed: `Containerfile:7: unknown instruction "RUNN": …`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {kind}")]
pub(crate) struct ParseError {
    /// The name the file was given to `Containerfile::parse`.
    pub(crate) file: String,
    /// The 1-based line where the instruction (or directive) starts.
    pub(crate) line: usize,
    pub(crate) kind: ParseErrorKind,
}

/// What is wrong, without the place.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum ParseErrorKind {
    #[error("only one {name} parser directive can be used: remove the second")]
    DuplicateDirective { name: String },
    #[error("invalid escape directive {value:?}: expected \\ or `")]
    BadEscape { value: String },
    #[error("line longer than 65535 bytes: split it with line continuations")]
    LineTooLong,
    #[error("file with no instructions: a Containerfile starts with FROM")]
    Empty,
    #[error("no FROM: a Containerfile needs at least one stage (FROM image)")]
    NoStages,
    #[error("unknown instruction {name:?}: expected one of {}", Keyword::list())]
    UnknownInstruction { name: String },
    #[error("{instruction} before the first FROM: only ARG may come before FROM")]
    BeforeFrom { instruction: Keyword },
    #[error("{instruction}: heredoc <<{name} has no terminating {name} line")]
    UnterminatedHeredoc { instruction: Keyword, name: String },
    #[error("{instruction}: heredoc marker: {error}")]
    Heredoc {
        instruction: Keyword,
        error: WordError,
    },
    #[error("{instruction}: {problem}")]
    Instruction {
        instruction: Keyword,
        problem: InstError,
    },
    #[error("{instruction} --mount: {error}")]
    Mount {
        instruction: Keyword,
        error: MountError,
    },
    #[error("ONBUILD {0}")]
    Onbuild(Box<ParseErrorKind>),
    #[error("FROM: stage name {name:?} is already used by the stage on line {first_line}: give each stage its own name")]
    DuplicateStage { name: String, first_line: usize },
    #[error("an ONBUILD trigger must be exactly one instruction, not {count}")]
    TriggerCount { count: usize },
    #[error("FROM is not allowed as an ONBUILD trigger")]
    TriggerFrom,
}

/// A problem with one instruction's flags or arguments (at parse time, or after expansion).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum InstError {
    #[error("unknown flag {flag}: {}", expected_flags(known))]
    UnknownFlag {
        flag: String,
        known: &'static [&'static str],
    },
    #[error("flag {flag} given twice: keep one")]
    DuplicateFlag { flag: String },
    #[error("flag {flag} needs a value: {flag}=…")]
    MissingFlagValue { flag: String },
    #[error("{flag}={value}: expected true or false")]
    BadBool { flag: String, value: String },
    #[error("{flag}={value:?}: expected {expected}")]
    BadFlagValue {
        flag: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("a JSON array here must hold only strings")]
    NotStringArray,
    #[error("requires the arguments in JSON form, such as [\"/bin/bash\", \"-c\"]")]
    NotJson,
    #[error("requires at least one argument")]
    AtLeastOne,
    #[error("requires exactly one argument")]
    ExactlyOne,
    #[error("requires at least two arguments, sources and a destination, but only one was given")]
    NoDestination,
    #[error("a heredoc cannot be the destination: name the destination after it")]
    HeredocDestination,
    #[error("a name cannot be blank: use name=value")]
    BlankName,
    #[error("can't find = in {word:?}: use name=value")]
    MissingEquals { word: String },
    #[error("requires a name and a value (or name=value …)")]
    TwoArguments,
    #[error("expected FROM [--platform=…] image [AS name]")]
    FromArguments,
    #[error("invalid stage name {name:?}: a name starts with a letter and holds only letters, digits, -, _ and .")]
    BadStageName { name: String },
    #[error("chaining ONBUILD ONBUILD is not allowed")]
    OnbuildChain,
    #[error("{inner} is not allowed as an ONBUILD trigger")]
    OnbuildTrigger { inner: String },
    #[error("NONE takes no arguments")]
    HealthNoneArgs,
    #[error("unknown type {typ:?}: expected CMD or NONE")]
    HealthType { typ: String },
    #[error("missing command after CMD")]
    HealthMissingCommand,
    #[error("{flag}={value}: {why}")]
    BadDuration {
        flag: &'static str,
        value: String,
        why: Box<ValueError>,
    },
    #[error("{flag}={value}: must be 0 or at least 1ms")]
    DurationTooShort { flag: &'static str, value: String },
    #[error("--retries={value}: expected a whole number of 0 or more")]
    BadRetries { value: String },
    #[error("a volume path cannot be empty")]
    EmptyVolume,
    #[error("invalid port {port:?}: {why}")]
    BadPort { port: String, why: Box<ValueError> },
    #[error("invalid signal {signal:?}: expected a name (SIGTERM, TERM, RTMIN+3) or a number")]
    BadSignal { signal: String },
    #[error("--from={value} cannot use variables: define a stage FROM the image (a global ARG works there) and copy from that stage")]
    FromVariable { value: String },
    #[error("--from={value} names this stage itself: a stage cannot copy from itself")]
    OwnStage { value: String },
    #[error("--from={value} names the stage on line {line}, which comes later: define it before this stage")]
    LaterStage { value: String, line: usize },
    #[error(
        "--from={value}: there is no stage {value} (stages count from 0; this file has {count})"
    )]
    StageIndex { value: String, count: usize },
    #[error("base image {base:?} is empty after substitution")]
    BlankBase { base: String },
    #[error("--platform={platform:?} is empty after substitution")]
    BlankPlatform { platform: String },
}

fn expected_flags(known: &[&str]) -> String {
    if known.is_empty() {
        return "this instruction takes no flags".to_string();
    }
    let names: Vec<String> = known.iter().map(|k| format!("--{k}")).collect();
    format!("expected {}", names.join(", "))
}

/// Why a duration or an EXPOSE port is not valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum ValueError {
    #[error("invalid duration {0:?}")]
    Duration(String),
    #[error("missing unit in duration {0:?}")]
    MissingUnit(String),
    #[error("unknown unit {unit:?} in duration {text:?}")]
    UnknownUnit { unit: String, text: String },
    #[error("no port given")]
    NoPort,
    #[error("unknown protocol {0:?}: expected tcp, udp or sctp")]
    Protocol(String),
    #[error("invalid IP address {0:?}")]
    Ip(String),
    #[error("the ranges {port} and {host} are not the same length")]
    RangeLengths { port: String, host: String },
    #[error("{0:?} is not a port number")]
    NotAPort(String),
    #[error("{0} is out of range (0-65535)")]
    PortRange(i64),
    #[error("the range {0} ends before it starts")]
    Backwards(String),
    #[error("more than {0} ports in one EXPOSE")]
    TooManyPorts(usize),
}

/// A `RUN --mount=…` value that is not valid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum MountError {
    #[error("{spec:?} is not valid CSV: {why}")]
    Csv { spec: String, why: &'static str },
    #[error("unknown type {value:?}: expected bind, cache, tmpfs, secret or ssh")]
    UnknownType { value: String },
    #[error("unknown option {key:?}: expected type, target, source, from, readonly, readwrite, id, sharing, mode, uid, gid, size, required or env")]
    UnknownKey { key: String },
    #[error("{field:?} must be key=value")]
    NotKeyValue { field: String },
    #[error("{key} does not apply to type={kind} mounts")]
    KeyForType { key: String, kind: &'static str },
    #[error("{key}={value:?}: expected {expected}")]
    BadValue {
        key: String,
        value: String,
        expected: &'static str,
    },
    #[error("unknown sharing {value:?}: expected shared, private or locked")]
    UnknownSharing { value: String },
    #[error("{key} is not allowed for type={kind} mounts (only cache, secret and ssh)")]
    FileInfo {
        key: &'static str,
        kind: &'static str,
    },
    #[error("a secret mount cannot have from=")]
    SecretFrom,
    #[error("a secret mount cannot have sharing=")]
    SecretSharing,
    #[error("a secret mount needs id=, source= or target=")]
    SecretTarget,
    #[error("a secret mount takes source= or id=, not both")]
    SecretSourceAndId,
    #[error("sharing= applies only to type=cache mounts, not type={kind}")]
    SharingNotCache { kind: &'static str },
    #[error("from={value} cannot use variables: define a stage FROM the image and mount from that stage")]
    FromVariable { value: String },
    #[error("from={value} names this stage itself: a stage cannot mount from itself")]
    OwnStage { value: String },
    #[error("from={value} names the stage on line {line}, which comes later: define it before this stage")]
    LaterStage { value: String, line: usize },
    #[error("{value:?}: {error}")]
    Word {
        value: String,
        error: Box<WordError>,
    },
}

/// Why a word cannot be processed (substitution syntax, quotes).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum WordError {
    #[error("syntax error: missing '}}'")]
    MissingBrace,
    #[error("syntax error: bad substitution")]
    BadSubstitution,
    #[error("syntax error: missing '/' in ${{}}")]
    MissingSlash,
    #[error("unsupported modifier ({0}) in substitution: use :-, -, :+, +, :?, ?, #, ##, %, %%, / or //")]
    UnsupportedModifier(String),
    #[error("unexpected end of text while looking for matching {0}")]
    Unterminated(char),
    #[error("unterminated single quote: close it with '")]
    UnterminatedSingle,
    #[error("unterminated double quote: close it with \"")]
    UnterminatedDouble,
    #[error("{name}: {message}")]
    Required { name: String, message: String },
    #[error(
        "invalid pattern {pattern:?}: \\{escaped} is not an escape (only \\*, \\? and \\\\ are)"
    )]
    BadPattern { pattern: String, escaped: String },
    #[error("substitutions nested more than 64 deep")]
    TooDeep,
}

/// Why an instruction's words cannot be expanded; `StepError` adds the place.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum ExpandError {
    #[error("{instruction}: {word:?}: {error}")]
    Word {
        instruction: Keyword,
        word: String,
        error: WordError,
    },
    #[error("{instruction} --mount: {error}")]
    Mount {
        instruction: Keyword,
        error: MountError,
    },
    #[error("{instruction}: {problem}")]
    Invalid {
        instruction: Keyword,
        problem: InstError,
    },
}

/// An `ExpandError` at its place in the file: `Containerfile:9: COPY: "${X:?}": X: …`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {error}")]
pub(crate) struct StepError {
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) error: ExpandError,
}

/// `--target` names no stage.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}: target stage {target:?} not found: {}", known_stages(stages))]
pub(crate) struct TargetError {
    pub(crate) file: String,
    pub(crate) target: String,
    pub(crate) stages: Vec<String>,
}

fn known_stages(stages: &[String]) -> String {
    if stages.is_empty() {
        "no stage has a name (FROM image AS name)".to_string()
    } else {
        format!("the named stages are {}", stages.join(", "))
    }
}
