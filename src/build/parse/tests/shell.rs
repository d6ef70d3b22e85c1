//! Word processing: substitution forms, quotes, escapes, patterns, word splitting, and the
//! lexer's other modes (heredoc bodies, heredoc scanning).
use super::super::shell::Lexer;
use super::{strings, vars};

fn env() -> impl Fn(&str) -> Option<String> {
    vars(&[
        ("PWD", "/home"),
        ("SHELL", "bash"),
        ("KOREAN", "한국어"),
        ("NULL", ""),
        ("FILE", "archive.tar.gz"),
        ("PATHS", "/usr/local/bin:/usr/bin:/bin"),
        ("SPACE", "abc  def"),
        ("LEADING", "  ab c"),
        ("STAR", "a*b"),
    ])
}

/// `(input, Some(output))` or `(input, None)` for an error, with `\` as escape.
fn check_words(cases: &[(&str, Option<&str>)]) {
    let env = env();
    let lexer = Lexer::new('\\', &env);
    for (input, want) in cases {
        let got = lexer.word(input);
        match want {
            Some(w) => assert_eq!(got.as_deref(), Ok(*w), "{input:?}"),
            None => assert!(got.is_err(), "{input:?} gave {got:?}"),
        }
    }
}

#[test]
fn plain_words_quotes_and_escapes_follow_dockers_rules() {
    check_words(&[
        ("hello", Some("hello")),
        ("he'll'o", Some("hello")),
        ("he'llo", None),
        ("he\\'llo", Some("he'llo")),
        ("he\\\\'llo", None),
        ("abc\\tdef", Some("abctdef")),
        ("\"abc\\tdef\"", Some("abc\\tdef")),
        ("\"abc\\\\tdef\"", Some("abc\\tdef")),
        ("'abc\\tdef'", Some("abc\\tdef")),
        ("hello\\", Some("hello")),
        ("hello\\\\", Some("hello\\")),
        ("\"hello", None),
        ("\"hello\\\"", None),
        ("\"hel'lo\"", Some("hel'lo")),
        ("'hello", None),
        ("'hello\\'", Some("hello\\")),
        ("'hello\\there'", Some("hello\\there")),
        ("\"''\"", Some("''")),
        ("'\"hello\"'", Some("\"hello\"")),
        ("안'녕'하세요", Some("안녕하세요")),
        ("안녕\\t하세요", Some("안녕t하세요")),
        ("a b  c", Some("a b  c")),
    ]);
}

#[test]
fn dollar_forms_expand_or_stay_literal() {
    check_words(&[
        ("$.", Some("$.")),
        ("$", Some("$")),
        ("a$", Some("a$")),
        ("he$1x", Some("hex")),
        ("he$.x", Some("he$.x")),
        ("he$pwd.", Some("he.")),
        ("he$PWD", Some("he/home")),
        ("he\\$PWD", Some("he$PWD")),
        ("he\\\\$PWD", Some("he\\/home")),
        ("\"he\\$PWD\"", Some("he$PWD")),
        ("\"he\\\\$PWD\"", Some("he\\/home")),
        ("\"$PWD\"", Some("/home")),
        ("'$PWD'", Some("$PWD")),
        ("'\\$PWD'", Some("\\$PWD")),
        ("\"he'$PWD'\"", Some("he'/home'")),
        ("'he${XX}'", Some("he${XX}")),
        ("$KOREAN", Some("한국어")),
        ("안녕$KOREAN", Some("안녕한국어")),
        ("$PWD_x", Some("")),
        ("${PWD}_x", Some("/home_x")),
        ("\\${}", Some("${}")),
        ("he\\${}xx", Some("he${}xx")),
        ("he${hi}xx", Some("hexx")),
        ("he${PWD}", Some("he/home")),
    ]);
}

#[test]
fn positional_and_special_parameters_are_never_set() {
    check_words(&[
        ("$1", Some("")),
        ("${1}", Some("")),
        ("${1:-bbb}", Some("bbb")),
        ("${1:+bbb}", Some("")),
        ("$999aaa", Some("aaa")),
        ("${001:-bbb}aaa", Some("bbbaaa")),
        ("$@", Some("")),
        ("$@@@", Some("@@")),
        ("${@:-bbb}aaa", Some("bbbaaa")),
        ("$*", Some("")),
        ("$#", Some("")),
        ("$?", Some("")),
        ("$-", Some("")),
        ("$$", Some("")),
        ("${$:-bbb}", Some("bbb")),
        ("$!", Some("")),
        ("$0", Some("")),
        ("${0:+bbb}", Some("")),
    ]);
}

#[test]
fn defaults_alternatives_and_required_values() {
    check_words(&[
        ("he${XXX:-000}xx", Some("he000xx")),
        ("he${PWD:-000}xx", Some("he/homexx")),
        ("he${XXX:-$PWD}xx", Some("he/homexx")),
        ("he${XXX:-${PWD:-yyy}}xx", Some("he/homexx")),
        ("he${XXX:-${YYY:-yyy}}xx", Some("heyyyxx")),
        ("${NULL:-x}", Some("x")),
        ("${NULL-x}", Some("")),
        ("${XXX-x}", Some("x")),
        ("he${XXX:+${PWD}}xx", Some("hexx")),
        ("he${PWD:+${XXX}}xx", Some("hexx")),
        ("he${PWD:+${SHELL}}xx", Some("hebashxx")),
        ("he${XXX:+000}xx", Some("hexx")),
        ("he${PWD:+000}xx", Some("he000xx")),
        ("${NULL:+x}", Some("")),
        ("${NULL+x}", Some("x")),
        ("he${PWD?}", Some("he/home")),
        ("he${PWD:?}", Some("he/home")),
        ("he${NULL?}", Some("he")),
        ("he${NULL:?}", None),
        ("he${XXX?}", None),
        ("he${XXX:?}", None),
        ("he${PWD:+${PWD}:}xx", Some("he/home:xx")),
        ("he${XXX:-\\$PWD:}xx", Some("he$PWD:xx")),
        ("he${XXX:-\\${PWD}z}xx", Some("he${PWDz}xx")),
        ("${XXX:-\"a b\"}", Some("a b")),
        ("${XXX:-'$PWD'}", Some("$PWD")),
        ("${aaa}}", Some("}")),
        ("${aaa:-bbb}}", Some("bbb}")),
        ("${aaa:-bbb {foo}", Some("bbb {foo")),
    ]);
}

#[test]
fn bad_substitutions_are_errors() {
    check_words(&[
        ("${}", None),
        ("he${}xx", None),
        ("he${.}", None),
        ("he${XXX:YYY}", None),
        ("he${PWD:=000}xx", None),
        ("he${PWD", None),
        ("${", None),
        ("${{aaa}", None),
        ("${{aaa:-bbb}", None),
        ("${aaa:-bbb", None),
        ("${aaa:-bbb ${foo}", None),
        ("${:}", None),
        ("${:-bbb}", None),
        ("${:+bbb}", None),
        ("${aaa:#x}", None),
        ("${aaa:%x}", None),
        ("${aaa/x", None),
        ("${aaa/x/y", None),
    ]);
}

#[test]
fn error_messages_say_what_is_wrong() {
    let env = env();
    let lexer = Lexer::new('\\', &env);
    let cases = [
        ("${X:?}", "X: is not allowed to be unset"),
        ("${NULL:?}", "NULL: is not allowed to be empty"),
        ("${X:?set X first}", "X: set X first"),
        ("${X", "syntax error: missing '}'"),
        ("${}", "syntax error: bad substitution"),
        ("${X/a", "syntax error: missing '/' in ${}"),
        ("'a", "unterminated single quote: close it with '"),
        ("\"a", "unterminated double quote: close it with \""),
        (
            "${X*}",
            "unsupported modifier (*) in substitution: use :-, -, :+, +, :?, ?, #, ##, %, %%, / or //",
        ),
        (
            "${PWD#\\a}",
            "invalid pattern \"\\\\a\": \\a is not an escape (only \\*, \\? and \\\\ are)",
        ),
    ];
    for (input, want) in cases {
        let got = lexer.word(input).unwrap_err().to_string();
        assert_eq!(got, want, "{input:?}");
    }
}

#[test]
fn pattern_removal_and_replacement() {
    check_words(&[
        ("${FILE#*.}", Some("tar.gz")),
        ("${FILE##*.}", Some("gz")),
        ("${FILE%.*}", Some("archive.tar")),
        ("${FILE%%.*}", Some("archive")),
        ("${FILE#nomatch}", Some("archive.tar.gz")),
        ("${FILE#archive}", Some(".tar.gz")),
        ("${FILE%gz}", Some("archive.tar.")),
        ("${FILE#?}", Some("rchive.tar.gz")),
        ("${FILE%??}", Some("archive.tar.")),
        ("${PATHS#*:}", Some("/usr/bin:/bin")),
        ("${PATHS##*:}", Some("/bin")),
        ("${PATHS%:*}", Some("/usr/local/bin:/usr/bin")),
        ("${PATHS%%:*}", Some("/usr/local/bin")),
        ("${STAR#a\\*}", Some("b")),
        ("${STAR#a?}", Some("b")),
        ("${UNSET#x}", Some("")),
        ("${FILE/tar/zip}", Some("archive.zip.gz")),
        ("${FILE//a/A}", Some("Archive.tAr.gz")),
        ("${PATHS//:/ }", Some("/usr/local/bin /usr/bin /bin")),
        ("${FILE/*./}", Some("gz")),
        ("${FILE/x/y}", Some("archive.tar.gz")),
        ("${FILE/\\//x}", Some("archive.tar.gz")),
        ("${PATHS/\\//!}", Some("!usr/local/bin:/usr/bin:/bin")),
        ("${UNSET/a/b}", Some("")),
        ("${NULL//*/x}", Some("x")),
        ("${SHELL//*/x}", Some("x")),
    ]);
}

#[test]
fn the_backtick_escape_replaces_the_backslash() {
    let env = env();
    let lexer = Lexer::new('`', &env);
    assert_eq!(lexer.word("C:\\dir").unwrap(), "C:\\dir");
    assert_eq!(lexer.word("a`$PWD").unwrap(), "a$PWD");
    assert_eq!(lexer.word("\"a`\"b\"").unwrap(), "a\"b");
    assert_eq!(lexer.word("\"a\\\"").unwrap(), "a\\");
}

#[test]
fn words_split_at_unquoted_whitespace_including_values() {
    let env = vars(&[
        ("hi", "hi"),
        ("space", "abc  def"),
        ("leading", "  ab c"),
        ("trailing", "ab c   "),
    ]);
    let lexer = Lexer::new('\\', &env);
    let cases: &[(&str, &[&str])] = &[
        ("hello", &["hello"]),
        ("hello${hi}bye", &["hellohibye"]),
        ("hello${space}bye", &["helloabc", "defbye"]),
        ("hello\"${space}\"bye", &["helloabc  defbye"]),
        ("hello \"${space}\"bye", &["hello", "abc  defbye"]),
        ("hello${leading}def", &["hello", "ab", "cdef"]),
        ("hello\"${leading}\" def", &["hello  ab c", "def"]),
        ("hello${trailing}d", &["helloab", "c", "d"]),
        ("hello\" there  \"", &["hello there  "]),
        ("hello there     ", &["hello", "there"]),
        ("hello\\ there", &["hello there"]),
        ("hello\\\" there", &["hello\"", "there"]),
        ("hello'$there'", &["hello$there"]),
        ("80 443/udp", &["80", "443/udp"]),
    ];
    for (input, want) in cases {
        assert_eq!(lexer.words(input).unwrap(), strings(want), "{input:?}");
    }
    assert!(lexer.words("hello\" there").is_err());
}

#[test]
fn heredoc_bodies_expand_variables_but_keep_quotes() {
    let env = vars(&[("name", "world")]);
    let lexer = Lexer::heredoc_body(&env);
    assert_eq!(lexer.word("Hello ${name}!\n").unwrap(), "Hello world!\n");
    assert_eq!(lexer.word("Hello '${name}'!").unwrap(), "Hello 'world'!");
    assert_eq!(
        lexer.word("Hello \"${name}\"!").unwrap(),
        "Hello \"world\"!"
    );
    assert_eq!(lexer.word("cost \\$5").unwrap(), "cost $5");
    assert_eq!(lexer.word("a\\nb").unwrap(), "anb");
    assert_eq!(lexer.word("it's").unwrap(), "it's");
}

#[test]
fn the_heredoc_scan_keeps_everything_as_written() {
    let lexer = Lexer::heredoc_scan();
    assert_eq!(
        lexer.words("RUN cat <<\"EOF\" > $OUT 'a b' x\\ y").unwrap(),
        strings(&["RUN", "cat", "<<\"EOF\"", ">", "$OUT", "'a b'", "x\\ y"])
    );
    assert_eq!(
        lexer.words("RUN cat << EOF").unwrap(),
        strings(&["RUN", "cat", "<< EOF"])
    );
    assert_eq!(
        lexer.words("${X:-y} ${Z}").unwrap(),
        strings(&["${X:-y}", "${Z}"])
    );
}

#[test]
fn deep_nesting_is_refused_instead_of_overflowing_the_stack() {
    let env = env();
    let lexer = Lexer::new('\\', &env);
    let ok = format!("{}x{}", "${A:-".repeat(60), "}".repeat(60));
    assert_eq!(lexer.word(&ok).unwrap(), "x");
    let deep = format!("{}x{}", "${A:-".repeat(5000), "}".repeat(5000));
    assert_eq!(
        lexer.word(&deep).unwrap_err().to_string(),
        "substitutions nested more than 64 deep"
    );
}

#[test]
fn patterns_on_long_values_take_linear_time() {
    let long = "ab".repeat(50_000);
    let env = vars(&[("V", &long)]);
    let lexer = Lexer::new('\\', &env);
    let start = std::time::Instant::now();
    assert_eq!(lexer.word("${V//?*x/y}").unwrap().len(), long.len());
    assert_eq!(lexer.word("${V//b/}").unwrap(), "a".repeat(50_000));
    assert_eq!(lexer.word("${V##*a}").unwrap(), "b");
    assert_eq!(lexer.word("${V%%b*}").unwrap(), "a");
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
}
