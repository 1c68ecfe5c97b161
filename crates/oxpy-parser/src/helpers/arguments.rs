//! Parameter lists (`def`, `lambda`) and call arguments, checked in order with
//! CPython's messages.

use super::{CallArg, Param, Res, error, targets};
use oxpy_ast::{Arg, Arguments, Expr, ExprKind, Keyword, Loc};

/// `ast.arg`.
pub fn arg(name: String, annotation: Option<Expr>, loc: Loc) -> Arg {
    Arg {
        arg: name,
        annotation: annotation.map(Box::new),
        type_comment: None,
        loc,
    }
}

/// A def's parameter items with the type comment after each (`a,  # type: int`):
/// the comment goes to the item's `arg`. CPython takes none after `/` or a bare `*`.
pub fn typed_params(
    items: Vec<(Param, Option<(&str, Loc)>)>,
    last: Option<(Param, Option<(&str, Loc)>)>,
) -> Res<Vec<Param>> {
    let mut out = Vec::with_capacity(items.len() + 1);
    for (mut param, comment) in items.into_iter().chain(last) {
        if let Some((text, at)) = comment {
            let arg = match &mut param {
                Param::Plain(a, _) | Param::Star(_, Some(a)) | Param::DoubleStar(_, a) => a,
                Param::Star(_, None) => {
                    return Err(error("bare * has associated type comment", at));
                }
                _ => return Err(error("invalid syntax", at)),
            };
            arg.type_comment = Some(text.to_string());
        }
        out.push(param);
    }
    Ok(out)
}

/// A one-character range at the start of `loc`.
fn first_char(loc: Loc) -> Loc {
    Loc {
        end_lineno: loc.lineno,
        end_col_offset: loc.col_offset + 1,
        ..loc
    }
}

/// Where a parameter list stands while its items are read in order.
#[derive(PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Section {
    Positional,
    AfterSlash,
    KeywordOnly,
    AfterDoubleStar,
}

/// Build `ast.arguments` from the flat parameter list, in CPython's order rules.
pub fn parameters(items: Vec<Param>) -> Res<Arguments> {
    let mut out = Arguments {
        posonlyargs: Vec::new(),
        args: Vec::new(),
        vararg: None,
        kwonlyargs: Vec::new(),
        kw_defaults: Vec::new(),
        kwarg: None,
        defaults: Vec::new(),
    };
    let mut section = Section::Positional;
    let mut seen_slash = false;
    let mut bare_star: Option<Loc> = None;
    let mut seen_star = false;
    for item in items {
        if section == Section::AfterDoubleStar {
            let at = match &item {
                Param::Plain(a, _) => a.loc,
                Param::Slash(l) | Param::Star(l, _) | Param::DoubleStar(l, _) => *l,
                Param::StarDefault(l) | Param::DoubleStarDefault(l) => *l,
            };
            return Err(error("arguments cannot follow var-keyword argument", at));
        }
        match item {
            Param::Plain(a, default) => {
                if section >= Section::KeywordOnly {
                    bare_star = None;
                    out.kwonlyargs.push(a);
                    out.kw_defaults.push(default.map(|d| *d));
                } else {
                    match default {
                        Some(d) => out.defaults.push(*d),
                        None if !out.defaults.is_empty() => {
                            return Err(error(
                                "non-default argument follows default argument",
                                a.loc,
                            ));
                        }
                        None => {}
                    }
                    out.args.push(a);
                }
            }
            Param::Slash(l) => {
                if seen_slash {
                    return Err(error("/ may appear only once", l));
                }
                if section >= Section::KeywordOnly {
                    return Err(error("/ must be ahead of *", l));
                }
                if out.args.is_empty() {
                    return Err(error("at least one argument must precede /", l));
                }
                seen_slash = true;
                section = Section::AfterSlash;
                out.posonlyargs.append(&mut out.args);
            }
            Param::Star(l, a) => {
                if seen_star {
                    return Err(error("* argument may appear only once", first_char(l)));
                }
                seen_star = true;
                section = Section::KeywordOnly;
                if a.is_none() {
                    bare_star = Some(first_char(l));
                }
                out.vararg = a;
            }
            Param::StarDefault(l) => {
                return Err(error(
                    "var-positional argument cannot have default value",
                    l,
                ));
            }
            Param::DoubleStarDefault(l) => {
                return Err(error("var-keyword argument cannot have default value", l));
            }
            Param::DoubleStar(_, a) => {
                if let Some(star) = bare_star {
                    return Err(error("named arguments must follow bare *", star));
                }
                out.kwarg = Some(a);
                section = Section::AfterDoubleStar;
            }
        }
    }
    if let Some(star) = bare_star {
        return Err(error("named arguments must follow bare *", star));
    }
    Ok(out)
}

/// Split call arguments into positional and keyword ones, in CPython's order rules.
/// `parens` spans the call's parentheses.
pub fn call_arguments(items: Vec<CallArg>, parens: Loc) -> Res<(Vec<Expr>, Vec<Keyword>)> {
    let only = items.len() == 1;
    let mut args = Vec::new();
    let mut keywords: Vec<Keyword> = Vec::new();
    let mut seen_keyword = false;
    let mut seen_double_star = false;
    let close = Loc {
        lineno: parens.end_lineno,
        col_offset: parens.end_col_offset.saturating_sub(1),
        ..parens
    };
    for item in items {
        match item {
            CallArg::Positional(e) => {
                let starred = matches!(e.kind, ExprKind::Starred { .. });
                if starred && seen_double_star {
                    let msg = "iterable argument unpacking follows keyword argument unpacking";
                    return Err(error(msg, first_char(e.loc)));
                }
                if !starred && seen_double_star {
                    return Err(error(
                        "positional argument follows keyword argument unpacking",
                        close,
                    ));
                }
                if !starred && seen_keyword {
                    return Err(error("positional argument follows keyword argument", close));
                }
                args.push(e);
            }
            CallArg::Generator(parts, span, _) => {
                let (elt, generators) = *parts;
                if !only {
                    return Err(error("Generator expression must be parenthesized", span));
                }
                args.push(super::expressions::generator(elt, generators, parens));
            }
            CallArg::Keyword(pair, eq_span, loc) => {
                let (key, value) = *pair;
                let ExprKind::Name { id, .. } = key.kind else {
                    let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
                    let _ = targets::expr_name(&key);
                    return Err(error(msg, eq_span));
                };
                seen_keyword = true;
                keywords.push(Keyword {
                    arg: Some(id),
                    value: Box::new(value),
                    loc,
                });
            }
            CallArg::DoubleStar(value, loc) => {
                seen_double_star = true;
                keywords.push(Keyword {
                    arg: None,
                    value: Box::new(value),
                    loc,
                });
            }
        }
    }
    Ok((args, keywords))
}
