//! Adjacent string literals: handed to `literals::parse_strings` as one group.

use super::Res;
use crate::errors::ParseErr;
use crate::literals::{StrPart, parse_strings};
use oxpy_ast::{Expr, Loc};
use oxpy_lexer::Pos;

/// The `Constant` or `JoinedStr` for adjacent STRING tokens spanning `loc`.
pub fn strings(parts: Vec<(Pos, &str, Pos)>, loc: Loc) -> Res<Expr> {
    let parts: Vec<StrPart<'_>> = parts
        .into_iter()
        .map(|(start, text, end)| StrPart { text, start, end })
        .collect();
    let kind = parse_strings(&parts).map_err(ParseErr::Final)?;
    Ok(Expr { kind, loc })
}
