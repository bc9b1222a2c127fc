//! Matching one line of input against an action's verb, as FluffOS's
//! `user_parser()` does. Pure string work: no VM here.
//!
//! Flag bits of an action (FluffOS's `V_SHORT`, `V_NOSPACE`): with neither,
//! the first word must equal the verb (an empty verb takes every line);
//! with either, the line need only start with the verb. They differ in
//! what `query_verb()` reports and what argument the function gets.

/// `add_action(..., 1)`: the line starts with the verb; `query_verb()` is
/// the whole first word.
pub const V_SHORT: i64 = 1;
/// `add_action(..., 2)`: the line starts with the verb; `query_verb()` is
/// what follows the verb in the first word, the argument everything after
/// the verb.
pub const V_NOSPACE: i64 = 2;
/// Reported by `commands()` for actions bound to a function pointer.
pub const V_FUNCTION: i64 = 4;

/// FluffOS keeps at most this many bytes of the first word (its verb
/// buffer holds 100 bytes with the terminator).
const MAX_VERB_BYTES: usize = 99;

/// A line of input ready for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The line without trailing spaces.
    pub line: String,
    /// Byte offset of the first space, if any (the first word ends there).
    pub first_space: Option<usize>,
}

impl Input {
    /// The first word: everything before the first space.
    pub fn word(&self) -> &str {
        &self.line[..self.first_space.unwrap_or(self.line.len())]
    }

    /// The first word as FluffOS keeps it for `query_verb()`: cut to 99
    /// bytes on a character boundary.
    pub fn verb_buffer(&self) -> &str {
        let word = self.word();
        if word.len() <= MAX_VERB_BYTES {
            return word;
        }
        let mut end = MAX_VERB_BYTES;
        while !word.is_char_boundary(end) {
            end -= 1;
        }
        &word[..end]
    }
}

/// Prepares a line: trailing spaces go (only spaces, and only at the end:
/// leading spaces stay and make the first word empty, as in FluffOS). An
/// empty result is not a command.
pub fn prepare(line: &str) -> Option<Input> {
    let line = line.trim_end_matches(' ');
    if line.is_empty() {
        return None;
    }
    Some(Input {
        line: line.to_string(),
        first_space: line.find(' '),
    })
}

/// Whether an action with this verb and flags takes the line.
pub fn matches(input: &Input, verb: &str, flags: i64) -> bool {
    if flags & (V_SHORT | V_NOSPACE) != 0 {
        input.line.starts_with(verb)
    } else {
        verb.is_empty() || verb == input.word()
    }
}

/// What `query_verb()` reports while a matching action runs.
pub fn query_verb(input: &Input, verb: &str, flags: i64) -> String {
    let buffer = input.verb_buffer();
    if flags & V_NOSPACE != 0 {
        // The rest of the first word after the verb; "" when the verb is
        // as long as the word or longer (a verb that spans a space).
        if verb.len() < buffer.len() && buffer.is_char_boundary(verb.len()) {
            buffer[verb.len()..].to_string()
        } else {
            String::new()
        }
    } else if verb.is_empty() || flags & V_SHORT != 0 {
        buffer.to_string()
    } else {
        verb.to_string()
    }
}

/// The argument the action's function gets: with `V_NOSPACE` everything
/// after the verb (possibly ""), else everything after the first space, or
/// None (LPC 0) when the line is a single word.
pub fn argument(input: &Input, verb: &str, flags: i64) -> Option<String> {
    if flags & V_NOSPACE != 0 {
        return Some(input.line[verb.len()..].to_string());
    }
    input.first_space.map(|i| input.line[i + 1..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(line: &str) -> Input {
        prepare(line).expect("a command")
    }

    #[test]
    fn trailing_spaces_go_and_empty_lines_are_not_commands() {
        assert_eq!(input("look  ").line, "look");
        assert_eq!(prepare(""), None);
        assert_eq!(prepare("    "), None);
        // Only spaces are stripped, and only at the end.
        assert_eq!(input("look\t").line, "look\t");
        assert_eq!(input("  look").word(), "");
    }

    #[test]
    fn exact_verbs_match_the_first_word() {
        let i = input("look at sword");
        assert!(matches(&i, "look", 0));
        assert!(!matches(&i, "lo", 0));
        assert!(!matches(&input("looking"), "look", 0));
        assert_eq!(query_verb(&i, "look", 0), "look");
        assert_eq!(argument(&i, "look", 0).as_deref(), Some("at sword"));
        assert_eq!(argument(&input("look"), "look", 0), None);
        // Spaces after the first one belong to the argument.
        assert_eq!(
            argument(&input("look   at"), "look", 0).as_deref(),
            Some("  at")
        );
    }

    #[test]
    fn an_empty_verb_takes_every_line() {
        let i = input("dance wildly");
        assert!(matches(&i, "", 0));
        assert_eq!(query_verb(&i, "", 0), "dance");
        assert_eq!(argument(&i, "", 0).as_deref(), Some("wildly"));
        // A leading space makes the first word empty: only "" verbs match.
        let lead = input(" look");
        assert!(matches(&lead, "", 0));
        assert!(!matches(&lead, "look", 0));
        assert_eq!(argument(&lead, "", 0).as_deref(), Some("look"));
    }

    #[test]
    fn short_verbs_match_a_prefix_and_report_the_word() {
        let i = input("examine sword");
        assert!(matches(&i, "exa", V_SHORT));
        assert!(!matches(&i, "exb", V_SHORT));
        assert_eq!(query_verb(&i, "exa", V_SHORT), "examine");
        assert_eq!(argument(&i, "exa", V_SHORT).as_deref(), Some("sword"));
        // The prefix is of the whole line, so it may span the space.
        assert!(matches(&i, "examine sw", V_SHORT));
        assert_eq!(
            argument(&i, "examine sw", V_SHORT).as_deref(),
            Some("sword")
        );
    }

    #[test]
    fn nospace_verbs_report_what_follows_the_verb() {
        let i = input("'hello there");
        assert!(matches(&i, "'", V_NOSPACE));
        assert_eq!(query_verb(&i, "'", V_NOSPACE), "hello");
        assert_eq!(argument(&i, "'", V_NOSPACE).as_deref(), Some("hello there"));
        let exact = input("say");
        assert_eq!(query_verb(&exact, "say", V_NOSPACE), "");
        assert_eq!(argument(&exact, "say", V_NOSPACE).as_deref(), Some(""));
        // A verb longer than the first word leaves query_verb() empty.
        let spanning = input("ab cd");
        assert!(matches(&spanning, "ab c", V_NOSPACE));
        assert_eq!(query_verb(&spanning, "ab c", V_NOSPACE), "");
        assert_eq!(argument(&spanning, "ab c", V_NOSPACE).as_deref(), Some("d"));
        // Both bits: V_NOSPACE decides the verb and the argument.
        assert_eq!(query_verb(&i, "'", V_SHORT | V_NOSPACE), "hello");
    }

    #[test]
    fn the_verb_buffer_keeps_99_bytes_of_whole_characters() {
        let long = "a".repeat(150);
        assert_eq!(input(&long).verb_buffer().len(), 99);
        let wide = format!("{}é", "a".repeat(98));
        assert_eq!(input(&wide).verb_buffer(), "a".repeat(98));
        assert_eq!(query_verb(&input(&long), "", 0).len(), 99);
        // Exact verbs compare the whole word, not the buffer.
        assert!(matches(&input(&long), &long, 0));
    }
}
