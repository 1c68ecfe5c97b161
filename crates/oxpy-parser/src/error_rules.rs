//! CPython's messages for a token the grammar did not expect.
//!
//! Each rule mirrors one of CPython's `invalid_*` grammar rules or forced tokens and
//! looks only at the tokens around the failure and LALRPOP's expected set. Rules are
//! tried in CPython's order; `None` means plain "invalid syntax" at the token.

use crate::errors::{ParseErr, error_between, op};
use crate::tokens::{Spanned, Tok};
use oxpy_lexer::{ErrorKind, Pos, TokKind};

/// The message for the unexpected token `toks[index]`, if a rule knows better than
/// "invalid syntax".
pub fn unexpected(toks: &[Spanned<'_>], index: usize, expected: &[String]) -> Option<ParseErr> {
    let (start, tok, end) = *toks.get(index)?;
    let expects = |t: &str| expected.iter().any(|e| e.trim_matches('"') == t);
    let prev = index.checked_sub(1).and_then(|i| toks.get(i));
    let line = line_start(toks, index);
    let header = toks.get(line).map(|t| t.1);

    if op(&tok) == Some(TokKind::Indent) {
        let at = Pos {
            col: end.col,
            ..end
        };
        return Some(indentation("unexpected indent", at, at, true));
    }
    if expects("INDENT") && prev.is_some_and(|p| op(&p.1) == Some(TokKind::Newline)) {
        let mut header_line = line_start(toks, index.saturating_sub(1));
        if matches!(toks.get(header_line), Some((_, Tok::TypeComment(_), _))) {
            // A def's signature type comment on a line of its own.
            header_line = line_start(toks, header_line.saturating_sub(1));
        }
        let (hs, htok, _) = *toks.get(header_line)?;
        let what = block_name(toks, header_line, htok)?;
        let msg = format!(
            "expected an indented block after {what} on line {}",
            hs.line
        );
        let at_end = toks[index..]
            .iter()
            .all(|t| matches!(op(&t.1), Some(TokKind::Dedent | TokKind::EndMarker)));
        if at_end {
            // CPython raises it from the tokenizer's end-of-input position.
            return match indentation(&msg, start, start, true) {
                ParseErr::Bytes(e) => Some(ParseErr::EndOfInput(e)),
                other => Some(other),
            };
        }
        return Some(indentation(&msg, start, end, false));
    }
    let at_newline = matches!(op(&tok), Some(TokKind::Newline | TokKind::EndMarker));
    if expects(":") && at_newline && header.is_some_and(is_block_header) {
        return Some(zero_width("expected ':'", start));
    }
    if expects(":")
        && matches!(header, Some(Tok::Op(TokKind::Def)))
        && bracket_depth(toks, index) == 0
        && !toks[line..index]
            .iter()
            .any(|t| op(&t.1) == Some(TokKind::Colon))
        && prev.is_some_and(|p| {
            matches!(op(&p.1), Some(TokKind::Rpar)) || matches!(p.1, Tok::Name(_) | Tok::Number(_))
        })
    {
        return Some(error_between(
            ErrorKind::SyntaxError,
            "expected ':'",
            start,
            end,
        ));
    }
    if header == Some(Tok::Op(TokKind::Def)) && index == line + 2 && expects("(") {
        return Some(error_between(
            ErrorKind::SyntaxError,
            "expected '('",
            start,
            end,
        ));
    }
    if matches!(header, Some(Tok::Op(TokKind::Def | TokKind::Lambda)))
        && matches!(
            op(&tok),
            Some(TokKind::Comma | TokKind::Rpar | TokKind::Colon)
        )
        && let Some((ps, Tok::Op(TokKind::Equal), pe)) = prev.copied()
    {
        let msg = "expected default value expression";
        return Some(error_between(ErrorKind::SyntaxError, msg, ps, pe));
    }
    if (expects("except") || expects("finally"))
        && !matches!(op(&tok), Some(TokKind::Except | TokKind::Finally))
    {
        let msg = "expected 'except' or 'finally' block";
        return Some(error_between(ErrorKind::SyntaxError, msg, start, end));
    }
    if op(&tok) == Some(TokKind::Comma) && header == Some(Tok::Op(TokKind::Except)) {
        let first = toks.get(line + 1)?.0;
        let last = line_tokens_until(toks, index, |t| {
            matches!(op(t), Some(TokKind::Colon | TokKind::As))
        });
        let msg = "multiple exception types must be parenthesized";
        return Some(error_between(ErrorKind::SyntaxError, msg, first, last));
    }
    if at_newline
        && header == Some(Tok::Op(TokKind::From))
        && prev.is_some_and(|p| op(&p.1) == Some(TokKind::Comma))
    {
        let msg = "trailing comma not allowed without surrounding parentheses";
        return Some(zero_width(msg, start));
    }
    if expects("else")
        && op(&tok) != Some(TokKind::Colon)
        && let Some(err) = missing_else(toks, index)
    {
        return Some(err);
    }
    if op(&tok) == Some(TokKind::Equal) {
        return assign_to_yield(toks, index).or_else(|| maybe_meant_equal(toks, index));
    }
    if expects(":")
        && matches!(op(&tok), Some(TokKind::Comma | TokKind::Rbrace))
        && let Some(err) = dict_key_without_value(toks, index)
    {
        return Some(err);
    }
    if at_newline {
        return Some(zero_width("invalid syntax", start));
    }
    if matches!(op(&tok), Some(TokKind::For | TokKind::Async))
        && let Some(err) = keyword_generator(toks, index)
    {
        return Some(err);
    }
    let no_comma_hint = match header {
        Some(Tok::Op(TokKind::Import | TokKind::From)) => true,
        Some(Tok::Op(TokKind::Def)) => bracket_depth(toks, index) == 1,
        _ => false,
    };
    if no_comma_hint {
        return None;
    }
    legacy_call(toks, index).or_else(|| forgot_comma(toks, index))
}

fn indentation(msg: &str, start: Pos, end: Pos, open_end: bool) -> ParseErr {
    let mut e = error_between(ErrorKind::IndentationError, msg, start, end);
    if open_end && let ParseErr::Bytes(se) = &mut e {
        // CPython reports `end_offset == -1` here; 0 is the nearest we can hold.
        se.offset = start.col;
        se.end_offset = 0;
    }
    e
}

fn zero_width(msg: &str, at: Pos) -> ParseErr {
    error_between(ErrorKind::SyntaxError, msg, at, at)
}

/// Index of the first token of the logical line holding `toks[index]`.
fn line_start(toks: &[Spanned<'_>], index: usize) -> usize {
    let mut i = index;
    while i > 0 {
        let t = toks[i - 1].1;
        if matches!(
            t,
            Tok::Op(TokKind::Newline | TokKind::Indent | TokKind::Dedent)
                | Tok::StartModule
                | Tok::StartInteractive
                | Tok::StartExpression
        ) {
            break;
        }
        i -= 1;
    }
    i
}

/// End of the last token before the first one after `from` matching `stop`.
fn line_tokens_until(toks: &[Spanned<'_>], from: usize, stop: impl Fn(&Tok<'_>) -> bool) -> Pos {
    let mut last = toks[from].2;
    for (_, t, e) in &toks[from..] {
        if stop(t) || matches!(op(t), Some(TokKind::Newline)) {
            break;
        }
        last = *e;
    }
    last
}

fn is_block_header(tok: Tok<'_>) -> bool {
    matches!(
        tok,
        Tok::Op(
            TokKind::If
                | TokKind::Elif
                | TokKind::Else
                | TokKind::While
                | TokKind::For
                | TokKind::With
                | TokKind::Try
                | TokKind::Except
                | TokKind::Finally
                | TokKind::Def
                | TokKind::Class
                | TokKind::Async
        ) | Tok::Match
            | Tok::Case
            | Tok::Name("match" | "case")
    )
}

/// How CPython names the statement whose block is missing.
fn block_name(toks: &[Spanned<'_>], header: usize, tok: Tok<'_>) -> Option<String> {
    let keyword = |k: &str| Some(format!("'{k}' statement"));
    match tok {
        Tok::Op(TokKind::Def) => Some("function definition".into()),
        Tok::Op(TokKind::Class) => Some("class definition".into()),
        Tok::Op(TokKind::If) => keyword("if"),
        Tok::Op(TokKind::Elif) => keyword("elif"),
        Tok::Op(TokKind::Else) => keyword("else"),
        Tok::Op(TokKind::While) => keyword("while"),
        Tok::Op(TokKind::For) => keyword("for"),
        Tok::Op(TokKind::With) => keyword("with"),
        Tok::Op(TokKind::Try) => keyword("try"),
        Tok::Op(TokKind::Finally) => keyword("finally"),
        Tok::Op(TokKind::Except) => {
            let star = toks
                .get(header + 1)
                .is_some_and(|t| op(&t.1) == Some(TokKind::Star));
            keyword(if star { "except*" } else { "except" })
        }
        Tok::Match => keyword("match"),
        Tok::Case => keyword("case"),
        Tok::Op(TokKind::At) => {
            // A decorated definition: the block belongs to the def/class line.
            None
        }
        Tok::Op(TokKind::Async) => {
            let next = toks.get(header + 1).map(|t| t.1)?;
            block_name(toks, header + 1, next)
        }
        _ => None,
    }
}

fn ends_operand(tok: &Tok<'_>) -> bool {
    matches!(tok, Tok::Name(_) | Tok::Number(_) | Tok::String(_))
        || matches!(
            op(tok),
            Some(
                TokKind::Rpar
                    | TokKind::Rsqb
                    | TokKind::Rbrace
                    | TokKind::True
                    | TokKind::False
                    | TokKind::None
                    | TokKind::Ellipsis
            )
        )
}

fn starts_operand(tok: &Tok<'_>) -> bool {
    matches!(tok, Tok::Name(_) | Tok::Number(_) | Tok::String(_))
        || matches!(
            op(tok),
            Some(
                TokKind::Lpar
                    | TokKind::Lsqb
                    | TokKind::Lbrace
                    | TokKind::True
                    | TokKind::False
                    | TokKind::None
                    | TokKind::Ellipsis
                    | TokKind::Minus
                    | TokKind::Plus
                    | TokKind::Tilde
                    | TokKind::Not
                    | TokKind::Await
                    | TokKind::Lambda
            )
        )
}

fn is_binary(tok: &Tok<'_>) -> bool {
    matches!(
        op(tok),
        Some(
            TokKind::Plus
                | TokKind::Minus
                | TokKind::Star
                | TokKind::Slash
                | TokKind::DoubleSlash
                | TokKind::Percent
                | TokKind::At
                | TokKind::DoubleStar
                | TokKind::Vbar
                | TokKind::Amper
                | TokKind::Circumflex
                | TokKind::LeftShift
                | TokKind::RightShift
                | TokKind::Less
                | TokKind::Greater
                | TokKind::EqEqual
                | TokKind::NotEqual
                | TokKind::LessEqual
                | TokKind::GreaterEqual
                | TokKind::In
                | TokKind::Is
                | TokKind::Not
                | TokKind::And
                | TokKind::Or
                | TokKind::Dot
        )
    )
}

fn is_open(tok: &Tok<'_>) -> bool {
    matches!(
        op(tok),
        Some(TokKind::Lpar | TokKind::Lsqb | TokKind::Lbrace)
    ) || *tok == Tok::WithLpar
}

fn is_close(tok: &Tok<'_>) -> bool {
    matches!(
        op(tok),
        Some(TokKind::Rpar | TokKind::Rsqb | TokKind::Rbrace)
    ) || *tok == Tok::WithRpar
}

/// Index just past a balanced bracket group opening at `i`.
fn skip_group(toks: &[Spanned<'_>], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some((_, t, _)) = toks.get(i) {
        if is_open(t) {
            depth += 1;
        } else if is_close(t) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return i + 1;
            }
        } else if matches!(op(t), Some(TokKind::Newline | TokKind::EndMarker)) {
            return i;
        }
        i += 1;
    }
    i
}

/// End (exclusive index) of the expression starting at `i`, roughly as far as a
/// `bitwise_or`/`expression` would reach.
fn expression_end(toks: &[Spanned<'_>], mut i: usize) -> usize {
    let mut want_operand = true;
    while let Some((_, t, _)) = toks.get(i) {
        if want_operand {
            if is_open(t) {
                i = skip_group(toks, i);
                want_operand = false;
                continue;
            }
            if matches!(
                op(t),
                Some(
                    TokKind::Minus | TokKind::Plus | TokKind::Tilde | TokKind::Not | TokKind::Await
                )
            ) {
                i += 1;
                continue;
            }
            if starts_operand(t) {
                want_operand = false;
                i += 1;
                continue;
            }
            break;
        }
        if is_open(t) && !matches!(op(t), Some(TokKind::Lbrace)) {
            i = skip_group(toks, i);
        } else if is_binary(t) {
            want_operand = true;
            i += 1;
        } else if matches!(t, Tok::String(_))
            && matches!(toks.get(i - 1).map(|x| x.1), Some(Tok::String(_)))
        {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Index of the first token of the expression that ends just before `index`, or
/// `None` when the context is not one where CPython looks for a missing comma.
fn expression_start(toks: &[Spanned<'_>], index: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = index;
    while i > 0 {
        let t = &toks[i - 1].1;
        if is_close(t) {
            depth += 1;
        } else if is_open(t) {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        } else if depth == 0 {
            match op(t) {
                Some(TokKind::For | TokKind::Async) => return None,
                Some(
                    TokKind::Comma
                    | TokKind::While
                    | TokKind::Elif
                    | TokKind::Colon
                    | TokKind::Equal
                    | TokKind::ColonEqual
                    | TokKind::If
                    | TokKind::Else
                    | TokKind::Lambda
                    | TokKind::Yield
                    | TokKind::Return
                    | TokKind::Newline
                    | TokKind::Indent
                    | TokKind::Dedent,
                ) => return Some(i),
                _ => {}
            }
            if matches!(
                t,
                Tok::StartModule | Tok::StartExpression | Tok::StartInteractive
            ) {
                return Some(i);
            }
        }
        i -= 1;
    }
    Some(i)
}

/// Bracket depth just before `index`.
fn bracket_depth(toks: &[Spanned<'_>], index: usize) -> usize {
    let line = line_start(toks, index);
    let mut depth = 0usize;
    for (_, t, _) in &toks[line..index] {
        if is_open(t) {
            depth += 1;
        } else if is_close(t) {
            depth = depth.saturating_sub(1);
        }
    }
    depth
}

/// "invalid syntax. Perhaps you forgot a comma?": two expressions side by side
/// inside brackets.
fn forgot_comma(toks: &[Spanned<'_>], index: usize) -> Option<ParseErr> {
    let prev = toks.get(index.checked_sub(1)?)?;
    let tok = &toks.get(index)?.1;
    if !ends_operand(&prev.1) || !starts_operand(tok) || bracket_depth(toks, index) == 0 {
        return None;
    }
    let a = expression_start(toks, index)?;
    if a >= index {
        return None;
    }
    // CPython skips `NAME STRING` (legacy print) and soft keywords.
    if matches!(toks[a].1, Tok::Name(_))
        && matches!(toks.get(a + 1).map(|t| t.1), Some(Tok::String(_)))
    {
        return None;
    }
    let b_end = expression_end(toks, index);
    let end = toks.get(b_end.checked_sub(1)?)?.2;
    let msg = "invalid syntax. Perhaps you forgot a comma?";
    Some(error_between(ErrorKind::SyntaxError, msg, toks[a].0, end))
}

/// `=` where an expression continues: "Maybe you meant '==' or ':='".
fn maybe_meant_equal(toks: &[Spanned<'_>], index: usize) -> Option<ParseErr> {
    let name_at = index.checked_sub(1)?;
    let (ns, ntok, _) = *toks.get(name_at)?;
    if !matches!(ntok, Tok::Name(_)) || expression_start(toks, name_at)? != name_at {
        return None;
    }
    // CPython's rule is in `named_expression`: an `if` before it must be a
    // statement's (a comprehension's or conditional's takes a disjunction), and
    // there is none in a keyword argument's value (`f(a=b=c)`).
    match name_at.checked_sub(1).map(|i| (i, op(&toks[i].1))) {
        Some((_, Some(TokKind::Equal))) => return None,
        Some((i, Some(TokKind::If))) if line_start(toks, i) != i => return None,
        _ => {}
    }
    let b_end = expression_end(toks, index + 1);
    // `!('=' | ':=')` after the value.
    let followed = toks.get(b_end).and_then(|t| op(&t.1));
    if b_end <= index + 1 || matches!(followed, Some(TokKind::Equal | TokKind::ColonEqual)) {
        return None;
    }
    let end = toks.get(b_end - 1)?.2;
    let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
    Some(error_between(ErrorKind::SyntaxError, msg, ns, end))
}

/// `yield x = 1` (the yield statement's value ends at the `=`): CPython's
/// `invalid_assignment` alternative for a yield expression target.
fn assign_to_yield(toks: &[Spanned<'_>], index: usize) -> Option<ParseErr> {
    let first = line_start(toks, index);
    let mut depth = 0usize;
    let mut at = index;
    loop {
        at = at.checked_sub(1)?;
        let t = &toks[at].1;
        if is_close(t) {
            depth += 1;
        } else if is_open(t) {
            depth = depth.checked_sub(1)?;
        } else if depth == 0 {
            match op(t) {
                Some(TokKind::Yield) => break,
                Some(TokKind::Equal | TokKind::Semi | TokKind::Newline) => return None,
                _ if at <= first => return None,
                _ => {}
            }
        }
    }
    let before = op(&toks.get(at.checked_sub(1)?)?.1);
    let starts_statement = matches!(
        before,
        Some(TokKind::Equal | TokKind::Semi | TokKind::Colon)
    );
    if at != first && !starts_statement {
        return None;
    }
    let msg = "assignment to yield expression not possible";
    Some(error_between(
        ErrorKind::SyntaxError,
        msg,
        toks[at].0,
        toks[index - 1].2,
    ))
}

/// `a if b` without `else`: "expected 'else' after 'if' expression".
fn missing_else(toks: &[Spanned<'_>], index: usize) -> Option<ParseErr> {
    let mut depth = 0usize;
    let mut i = index;
    while i > 0 {
        i -= 1;
        let t = &toks[i].1;
        if is_close(t) {
            depth += 1;
        } else if is_open(t) {
            if depth == 0 {
                return None;
            }
            depth -= 1;
        } else if depth == 0 && op(t) == Some(TokKind::If) {
            let a = expression_start(toks, i)?;
            if a >= i {
                return None;
            }
            let end = toks.get(index.checked_sub(1)?)?.2;
            let msg = "expected 'else' after 'if' expression";
            return Some(error_between(ErrorKind::SyntaxError, msg, toks[a].0, end));
        }
    }
    None
}

/// `f(k=x for x in y)`: CPython's `invalid_kwarg` — `NAME '=' expression
/// for_if_clauses` points at `k=`; another expression before the `=` gets
/// "expression cannot contain assignment".
fn keyword_generator(toks: &[Spanned<'_>], index: usize) -> Option<ParseErr> {
    if bracket_depth(toks, index) == 0 {
        return None;
    }
    let value = expression_start(toks, index)?;
    let eq = value.checked_sub(1)?;
    let (_, Tok::Op(TokKind::Equal), ee) = toks[eq] else {
        return None;
    };
    // The argument starts after the comma or bracket before it.
    let mut first = eq;
    let mut depth = 0usize;
    while first > 0 {
        let t = &toks[first - 1].1;
        if is_close(t) {
            depth += 1;
        } else if is_open(t) {
            if depth == 0 {
                break;
            }
            depth -= 1;
        } else if depth == 0 && op(t) == Some(TokKind::Comma) {
            break;
        } else if matches!(op(t), Some(TokKind::Newline | TokKind::Equal)) {
            return None;
        }
        first -= 1;
    }
    if first == eq {
        return None;
    }
    let constant = match op(&toks[first].1) {
        Some(TokKind::True) => Some("True"),
        Some(TokKind::False) => Some("False"),
        Some(TokKind::None) => Some("None"),
        _ => None,
    };
    if let Some(name) = constant.filter(|_| first + 1 == eq) {
        let msg = format!("cannot assign to {name}");
        return Some(error_between(
            ErrorKind::SyntaxError,
            msg,
            toks[first].0,
            ee,
        ));
    }
    if first + 1 == eq && matches!(toks[first].1, Tok::Name(_)) {
        let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
        return Some(error_between(
            ErrorKind::SyntaxError,
            msg,
            toks[first].0,
            ee,
        ));
    }
    // A parenthesised target starts at what the parentheses hold.
    while is_open(&toks[first].1) && skip_group(toks, first) == eq {
        first += 1;
    }
    let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
    Some(error_between(
        ErrorKind::SyntaxError,
        msg,
        toks[first].0,
        ee,
    ))
}

/// `print x` / `exec x`: "Missing parentheses in call to 'print'. Did you mean print(...)?"
fn legacy_call(toks: &[Spanned<'_>], index: usize) -> Option<ParseErr> {
    let name_at = index.checked_sub(1)?;
    let (ns, Tok::Name(name @ ("print" | "exec")), _) = *toks.get(name_at)? else {
        return None;
    };
    if !starts_operand(&toks.get(index)?.1) || expression_start(toks, name_at)? != name_at {
        return None;
    }
    // The argument list runs over comma-separated expressions.
    let mut end = expression_end(toks, index);
    while toks
        .get(end)
        .is_some_and(|t| op(&t.1) == Some(TokKind::Comma))
    {
        let next = expression_end(toks, end + 1);
        if next == end + 1 {
            end += 1;
            break;
        }
        end = next;
    }
    let last = toks.get(end.checked_sub(1)?)?.2;
    let msg = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
    Some(error_between(ErrorKind::SyntaxError, msg, ns, last))
}

/// `{1: 2, 3}`: "':' expected after dictionary key" at the key.
fn dict_key_without_value(toks: &[Spanned<'_>], index: usize) -> Option<ParseErr> {
    let a = expression_start(toks, index)?;
    if a >= index {
        return None;
    }
    // The innermost open bracket must be a brace.
    let mut depth = 0usize;
    let mut i = a;
    let mut in_dict = false;
    while i > 0 {
        i -= 1;
        let t = &toks[i].1;
        if is_close(t) {
            depth += 1;
        } else if is_open(t) {
            if depth == 0 {
                in_dict = op(t) == Some(TokKind::Lbrace);
                break;
            }
            depth -= 1;
        }
    }
    if !in_dict {
        return None;
    }
    let at = toks[a].0;
    let msg = "':' expected after dictionary key";
    let mut err = error_between(ErrorKind::SyntaxError, msg, at, at);
    if let ParseErr::Bytes(e) = &mut err {
        // CPython reports `end_offset == -1` here; 0 is the nearest we can hold.
        e.end_offset = 0;
    }
    Some(err)
}
