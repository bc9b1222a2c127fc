//! English words from FluffOS's contrib package: pluralize, query_num and
//! string_difference.

use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::value::Value;
use ferrum_vm::Vm;

/// How a word's plural is made: drop `chop` bytes, then add `suffix`.
struct Plural {
    chop: usize,
    suffix: &'static str,
}

const SAME: Plural = Plural {
    chop: 0,
    suffix: "",
};

const fn chop(chop: usize, suffix: &'static str) -> Plural {
    Plural { chop, suffix }
}

/// Words the general rules get wrong (compared without case).
const IRREGULAR: &[(&str, Plural)] = &[
    ("bison", SAME),
    ("bus", chop(0, "es")),
    ("child", chop(0, "ren")),
    ("deer", SAME),
    ("die", chop(1, "ce")),
    ("dynamo", chop(0, "s")),
    ("fish", SAME),
    ("foot", chop(3, "eet")),
    ("goose", chop(4, "eese")),
    ("human", chop(0, "s")),
    ("index", chop(2, "ices")),
    ("louse", chop(4, "ice")),
    ("mackerel", SAME),
    ("matrix", chop(1, "ces")),
    ("moose", SAME),
    ("mouse", chop(4, "ice")),
    ("ox", chop(0, "en")),
    ("roof", chop(0, "s")),
    ("shaman", chop(0, "s")),
    ("sheep", SAME),
    ("sphinx", chop(1, "ges")),
    ("staff", chop(2, "ves")),
    ("thief", chop(1, "ves")),
    ("tooth", chop(4, "eeth")),
    ("vax", chop(0, "en")),
    ("virus", chop(0, "es")),
    ("was", chop(2, "ere")),
];

fn is_vowel(c: u8) -> bool {
    matches!(c.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The general rules, by the word's last letters.
fn general_rule(word: &[u8]) -> Plural {
    let lower = |i: usize| {
        word.len()
            .checked_sub(i)
            .map(|k| word[k].to_ascii_lowercase())
            .unwrap_or(0)
    };
    let (last, before) = (lower(1), lower(2));
    match last {
        b'e' if before == b'f' => chop(2, "ves"),
        b'f' if before == b'f' => chop(0, "s"),
        b'f' => chop(1, "ves"),
        b'h' if before == b'c' || before == b's' => chop(0, "es"),
        b'n' if before == b'a' && lower(3) == b'm' => chop(3, "men"),
        b'o' if before != b'o' => chop(0, "es"),
        b's' if before == b'u' => chop(2, "i"),
        // Latin -sis/-xis (thesis, axis) become -es; penis, marquis do not.
        b's' if before == b'i' && matches!(lower(3), b's' | b'x') => chop(2, "es"),
        b's' | b'x' => chop(0, "es"),
        b'y' if before != 0 && !is_vowel(before) => chop(1, "ies"),
        b'z' if is_vowel(before) => chop(0, "zes"),
        b'z' => chop(0, "es"),
        _ => chop(0, "s"),
    }
}

/// FluffOS's `pluralize`: a leading article goes, "X of Y" pluralizes X,
/// and only the last word of X changes. None for "".
pub fn plural_of(text: &str) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let (head, of_part) = match text.find(" of ") {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let lower = head.to_ascii_lowercase();
    let head = if lower.starts_with("a ") {
        &head[2..]
    } else if lower.starts_with("an ") {
        &head[3..]
    } else if lower.starts_with("the ") {
        &head[4..]
    } else {
        head
    };
    let last_word = head.rfind(' ').map(|i| &head[i + 1..]).unwrap_or(head);
    let rule = IRREGULAR
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(last_word))
        .map(|(_, p)| Plural {
            chop: p.chop,
            suffix: p.suffix,
        })
        .unwrap_or_else(|| general_rule(last_word.as_bytes()));
    let mut keep = head.len().saturating_sub(rule.chop);
    while !head.is_char_boundary(keep) {
        keep -= 1;
    }
    Some(format!("{}{}{}", &head[..keep], rule.suffix, of_part))
}

/// `string pluralize(string)`: 0 for "".
pub fn pluralize(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(plural_of(args::string(args, 0)?)
        .map(Value::from)
        .unwrap_or(Value::Int(0)))
}

const UNITS: [&str; 10] = [
    "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// 0..99 in words ("zero", "twelve", "forty-two").
fn small_number(n: i64) -> String {
    let n = n as usize;
    match n {
        0 => "zero".to_string(),
        1..=9 => UNITS[n].to_string(),
        10..=19 => TEENS[n - 10].to_string(),
        _ if n.is_multiple_of(10) => TENS[n / 10].to_string(),
        _ => format!("{}-{}", TENS[n / 10], UNITS[n % 10]),
    }
}

/// FluffOS's `query_num`: words for 0..99999 ("one thousand, two hundred
/// and three"), "many" for anything else or above `limit` (when nonzero).
pub fn number_in_words(n: i64, limit: i64) -> String {
    if (limit != 0 && n > limit) || !(0..=99999).contains(&n) {
        return "many".to_string();
    }
    let (thousands, hundreds, rest) = (n / 1000, n % 1000 / 100, n % 100);
    let mut out = String::new();
    if thousands > 0 {
        out = format!("{} thousand", small_number(thousands));
        if n % 1000 == 0 {
            return out;
        }
    }
    if hundreds > 0 {
        let words = format!("{} hundred", small_number(hundreds));
        if out.is_empty() {
            out = words;
        } else if rest == 0 {
            return format!("{} and {}", out, words);
        } else {
            out = format!("{}, {}", out, words);
        }
        if rest == 0 {
            return out;
        }
    }
    if out.is_empty() {
        small_number(rest)
    } else {
        format!("{} and {}", out, small_number(rest))
    }
}

/// `string query_num(int n, int limit = 0)`.
pub fn query_num(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let n = args::int(args, 0)?;
    Ok(Value::from(number_in_words(n, args::int_or(args, 1, 0))))
}

/// The Levenshtein distance between two byte strings.
pub fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + (ca != cb) as usize;
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// `int string_difference(string a, string b)`: how many single-byte
/// insertions, deletions and substitutions turn `a` into `b` (FluffOS
/// compares the strings' bytes).
pub fn string_difference(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let a = args::string(args, 0)?.as_bytes().to_vec();
    let b = args::string(args, 1)?.as_bytes();
    Ok(Value::from(edit_distance(&a, b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        let cases = [
            ("sword", "swords"),
            ("a sword", "swords"),
            ("an apple", "apples"),
            ("the box", "boxes"),
            ("fly", "flies"),
            ("day", "days"),
            ("knife", "knives"),
            ("elf", "elves"),
            ("cliff", "cliffs"),
            ("church", "churches"),
            ("cactus", "cacti"),
            ("axis", "axes"),
            ("glass", "glasses"),
            ("potato", "potatoes"),
            ("woman", "women"),
            ("child", "children"),
            ("sheep", "sheep"),
            ("mouse", "mice"),
            ("red Fish", "red Fish"),
            ("pair of boots", "pairs of boots"),
            ("a bag of holding", "bags of holding"),
            ("quiz", "quizzes"),
            ("thesis", "theses"),
            ("penis", "penises"),
            ("marquis", "marquises"),
        ];
        for (one, many) in cases {
            assert_eq!(plural_of(one).as_deref(), Some(many), "{}", one);
        }
        assert_eq!(plural_of(""), None);
    }

    #[test]
    fn numbers_in_words() {
        let cases = [
            (0, "zero"),
            (7, "seven"),
            (13, "thirteen"),
            (40, "forty"),
            (42, "forty-two"),
            (100, "one hundred"),
            (105, "one hundred and five"),
            (1000, "one thousand"),
            (1005, "one thousand and five"),
            (1100, "one thousand and one hundred"),
            (1234, "one thousand, two hundred and thirty-four"),
            (99999, "ninety-nine thousand, nine hundred and ninety-nine"),
            (100000, "many"),
            (-1, "many"),
        ];
        for (n, words) in cases {
            assert_eq!(number_in_words(n, 0), words, "{}", n);
        }
        assert_eq!(number_in_words(11, 10), "many");
        assert_eq!(number_in_words(10, 10), "ten");
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance(b"kitten", b"sitting"), 3);
        assert_eq!(edit_distance(b"", b"abc"), 3);
        assert_eq!(edit_distance(b"same", b"same"), 0);
    }
}
