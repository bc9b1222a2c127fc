//! The sprintf formatting engine (FluffOS `string_print_formatted`).
//!
//! A conversion is `%` then, in any order: flags ` ` `+` `-` `|` `=` `#`
//! `@`, a field size (`*` takes it from the arguments, a leading `0` pads
//! with zeros), `.precision` or `:n` (size and precision), a pad string in
//! single quotes, and finally the type: `O s d i c o x X f` (or `%%`).
//! Padding is done by the engine, not by C printf, so `%05d` of -42 is
//! `00-42`. Column (`=`) and table (`#`) conversions keep producing lines
//! at each newline of the format until their text runs out
//! (see `sprintf_cols.rs`).

use super::cfmt::{self, SignFlag};
pub use super::describe::describe;
use super::describe::describe_vm;
use super::width::{str_width, truncate_below_width};
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::interp::Vm;
use ferrum_vm::value::Value;

/// Largest precision honoured for numbers (FluffOS clamps to its buffer).
const MAX_NUMBER_PRECISION: usize = 1077;

#[derive(Clone, Debug)]
pub(super) struct Pad {
    pub text: String,
    pub width: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Just {
    Right,
    Left,
    Centre,
    /// `-|`: centred, odd padding on the right.
    CentreLeft,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Error,
    Lpc,
    Str,
    Char,
    Int,
    Oct,
    Hex,
    UpperHex,
    Float,
}

/// Errors reported as `(s)printf(): <text> (arg: N)`.
#[derive(Clone, Copy, Debug)]
pub(super) enum Fault {
    BuffOverflow,
    TooFewArgs,
    InvalidStar,
    PrecisionExpected,
    InvalidFormat,
    IncorrectArgS,
    NeedsFieldSize,
    UnexpectedEnd,
    NullPad,
    ArrayExpected,
    InvalidArgC,
    BadPadEscape,
}

impl Fault {
    fn text(self) -> &'static str {
        match self {
            Fault::BuffOverflow => "BUFF_SIZE overflowed...",
            Fault::TooFewArgs => "More arguments specified than passed.",
            Fault::InvalidStar => "Incorrect argument type to *.",
            Fault::PrecisionExpected => "Expected precision not found.",
            Fault::InvalidFormat => "Error in format string.",
            Fault::IncorrectArgS => "Incorrect argument to type %s.",
            Fault::NeedsFieldSize => "Column/table mode requires a field size.",
            Fault::UnexpectedEnd => "Unexpected end of format string.",
            Fault::NullPad => "Null pad string specified.",
            Fault::ArrayExpected => "Array expected.",
            Fault::InvalidArgC => "Incorrect argument to type %c, must be valid UTF8 char.",
            Fault::BadPadEscape => {
                "padding string '\\' must be followed by another '\\' or single quote"
            }
        }
    }
}

/// Pending column or table output (continued at each format newline).
pub(super) enum Pending {
    Column(super::sprintf_cols::Column),
    Table(super::sprintf_cols::Table),
}

pub(super) struct Printer {
    pub out: String,
    pub pending: Vec<Pending>,
    cur_arg: i64,
    max_len: usize,
}

impl Printer {
    fn new(max_len: usize) -> Printer {
        Printer {
            out: String::new(),
            pending: Vec::new(),
            cur_arg: -1,
            max_len,
        }
    }

    pub fn fault(&self, f: Fault) -> LpcError {
        LpcError::new(format!("(s)printf(): {} (arg: {})", f.text(), self.cur_arg))
    }

    fn next_arg(&mut self, argc: usize) -> VmResult<usize> {
        self.cur_arg += 1;
        if self.cur_arg as usize >= argc {
            return Err(self.fault(Fault::TooFewArgs));
        }
        Ok(self.cur_arg as usize)
    }

    fn reserve(&self, extra: usize) -> VmResult<()> {
        if self.out.len().saturating_add(extra) > self.max_len {
            return Err(self.fault(Fault::BuffOverflow));
        }
        Ok(())
    }

    pub fn add_str(&mut self, s: &str) -> VmResult<()> {
        self.reserve(s.len())?;
        self.out.push_str(s);
        Ok(())
    }

    /// Bytes written since the last newline (FluffOS counts bytes here).
    pub fn curpos(&self) -> usize {
        match self.out.rfind('\n') {
            Some(i) => self.out.len() - i - 1,
            None => self.out.len(),
        }
    }

    /// `width` columns of padding: whole copies of the pad string, then a
    /// piece that fits, then spaces (on the outer side).
    pub fn add_pad(&mut self, pad: Option<&Pad>, width: i64, from_right: bool) -> VmResult<()> {
        if width <= 0 {
            return Ok(());
        }
        let width = width as usize;
        let pad = match pad {
            None => {
                self.reserve(width)?;
                self.out.push_str(&" ".repeat(width));
                return Ok(());
            }
            Some(p) => p,
        };
        let mut piece = String::new();
        let mut padded = 0;
        while padded < width {
            if padded + pad.width <= width {
                self.reserve(piece.len() + pad.text.len())?;
                piece.push_str(&pad.text);
                padded += pad.width;
                continue;
            }
            let leftover = width - padded;
            let (len, w) = truncate_below_width(&pad.text, leftover, false, false);
            if len > 0 && w > 0 && w <= leftover {
                piece.push_str(&pad.text[..len]);
                padded += w;
            }
            if padded < width {
                let fill = " ".repeat(width - padded);
                if from_right {
                    piece.insert_str(0, &fill);
                } else {
                    piece.push_str(&fill);
                }
                padded = width;
            }
        }
        self.add_str(&piece)
    }

    /// `s` (of display width `width`) justified in a field of `fs`
    /// columns. Trailing padding is only added when `trailing`.
    pub fn add_justified(
        &mut self,
        s: &str,
        width: usize,
        pad: Option<&Pad>,
        fs: usize,
        just: Just,
        trailing: bool,
    ) -> VmResult<()> {
        if fs <= width {
            return self.add_str(s);
        }
        let fill = (fs - width) as i64;
        match just {
            Just::Left => {
                self.add_str(s)?;
                if trailing {
                    self.add_pad(pad, fill, false)?;
                }
            }
            Just::Centre | Just::CentreLeft => {
                let left = if just == Just::Centre {
                    fill / 2 + fill % 2
                } else {
                    fill / 2
                };
                self.add_pad(pad, left, true)?;
                self.add_str(s)?;
                if trailing {
                    self.add_pad(pad, fill - left, false)?;
                }
            }
            Just::Right => {
                self.add_pad(pad, fill, true)?;
                self.add_str(s)?;
            }
        }
        Ok(())
    }
}

/// One parsed conversion.
struct Spec {
    ty: Ty,
    fs: usize,
    pres: i64,
    pad: Option<Pad>,
    left: bool,
    centre: bool,
    space: bool,
    plus: bool,
    array: bool,
    columns: bool,
    table: bool,
}

impl Spec {
    fn just(&self) -> Just {
        match (self.left, self.centre) {
            (true, true) => Just::CentreLeft,
            (false, true) => Just::Centre,
            (true, false) => Just::Left,
            (false, false) => Just::Right,
        }
    }

    fn sign(&self) -> SignFlag {
        match (self.space, self.plus) {
            (true, false) => SignFlag::Space,
            (false, true) => SignFlag::Plus,
            // Both set is no valid flag combination in FluffOS: neither applies.
            _ => SignFlag::None,
        }
    }
}

fn star_value(p: &Printer, v: &Value) -> VmResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Undefined => Ok(0),
        _ => Err(p.fault(Fault::InvalidStar)),
    }
}

fn read_digits(f: &[u8], fpos: &mut usize, mut acc: i64) -> i64 {
    while *fpos < f.len() && f[*fpos].is_ascii_digit() {
        acc = acc
            .saturating_mul(10)
            .saturating_add((f[*fpos] - b'0') as i64);
        *fpos += 1;
    }
    acc
}

/// Parses the conversion starting after `%` at `*fpos`; leaves `*fpos`
/// after the type character and returns the spec and the value's index.
fn parse_spec(
    p: &mut Printer,
    f: &[u8],
    fpos: &mut usize,
    args: &[Value],
) -> VmResult<(Spec, usize)> {
    let at = |i: usize| f.get(i).copied().unwrap_or(0);
    let mut carg = p.next_arg(args.len())?;
    let mut spec = Spec {
        ty: Ty::Error,
        fs: 0,
        pres: 0,
        pad: None,
        left: false,
        centre: false,
        space: false,
        plus: false,
        array: false,
        columns: false,
        table: false,
    };
    let mut fs: i64 = 0;
    let mut typed = false;
    while !typed {
        let ch = at(*fpos);
        if ch == 0 {
            break;
        }
        if ch.is_ascii_digit() || ch == b'*' {
            if spec.pres == -1 {
                if ch == b'*' {
                    spec.pres = star_value(p, &args[carg])?;
                    carg = p.next_arg(args.len())?;
                    *fpos += 1;
                    continue;
                }
                spec.pres = read_digits(f, fpos, 0).max(0);
            } else {
                let next = at(*fpos + 1);
                if ch == b'0' && (matches!(next, b'1'..=b'9') || next == b'*') {
                    spec.pad = Some(Pad {
                        text: "0".into(),
                        width: 1,
                    });
                    *fpos += 1;
                    fs = read_digits(f, fpos, fs);
                } else if ch == b'*' {
                    fs = star_value(p, &args[carg])?.max(0);
                    if spec.pres == -2 {
                        spec.pres = fs;
                    }
                    carg = p.next_arg(args.len())?;
                    *fpos += 1;
                    continue;
                } else {
                    fs = read_digits(f, fpos, 0);
                }
                fs = fs.max(0);
                if spec.pres == -2 {
                    spec.pres = fs;
                }
            }
            continue;
        }
        match ch {
            b' ' => spec.space = true,
            b'+' => spec.plus = true,
            b'-' => spec.left = true,
            b'|' => spec.centre = true,
            b'@' => spec.array = true,
            b'=' => spec.columns = true,
            b'#' => spec.table = true,
            b'.' => spec.pres = -1,
            b':' => spec.pres = -2,
            b'\'' => {
                *fpos += 1;
                let mut text = Vec::new();
                loop {
                    let b = at(*fpos);
                    if b == 0 {
                        return Err(p.fault(Fault::UnexpectedEnd));
                    }
                    if b == b'\\' {
                        let next = at(*fpos + 1);
                        if next == 0 {
                            return Err(p.fault(Fault::UnexpectedEnd));
                        }
                        if next != b'\'' && next != b'\\' {
                            return Err(p.fault(Fault::BadPadEscape));
                        }
                        text.push(next);
                        *fpos += 2;
                        continue;
                    }
                    if b == b'\'' {
                        if text.is_empty() {
                            return Err(p.fault(Fault::NullPad));
                        }
                        break;
                    }
                    text.push(b);
                    *fpos += 1;
                }
                let text = String::from_utf8_lossy(&text).into_owned();
                let width = str_width(&text);
                if width == 0 {
                    return Err(p.fault(Fault::NullPad));
                }
                spec.pad = Some(Pad { text, width });
            }
            _ => {
                typed = true;
                spec.ty = match ch {
                    b'O' => Ty::Lpc,
                    b's' => Ty::Str,
                    b'd' | b'i' => Ty::Int,
                    b'f' => Ty::Float,
                    b'c' => Ty::Char,
                    b'o' => Ty::Oct,
                    b'x' => Ty::Hex,
                    b'X' => Ty::UpperHex,
                    _ => Ty::Error,
                };
            }
        }
        *fpos += 1;
        // Keep the cursor on a character boundary after a non-ASCII byte.
        while *fpos < f.len() && (f[*fpos] & 0xc0) == 0x80 {
            *fpos += 1;
        }
    }
    if spec.pres < 0 {
        return Err(p.fault(Fault::PrecisionExpected));
    }
    spec.fs = fs as usize;
    Ok((spec, carg))
}

/// Formats `fmt` with `args` as LPC's sprintf().
pub fn format(vm: &mut Vm, fmt: &str, args: &[Value]) -> VmResult<String> {
    let mut p = Printer::new(vm.limits.max_string_length);
    let f = fmt.as_bytes();
    let at = |i: usize| f.get(i).copied().unwrap_or(0);
    let mut fpos = 0usize;
    let mut last = 0usize;
    loop {
        let c = at(fpos);
        if c == b'\n' || c == 0 {
            p.add_str(&fmt[last..fpos.min(f.len())])?;
            last = fpos + 1;
            if p.pending.is_empty() {
                if c == 0 {
                    break;
                }
                p.add_str("\n")?;
                fpos += 1;
                continue;
            }
            p.add_str("\n")?;
            p.flush_pending_lines(c == b'\n')?;
            if c == 0 {
                break;
            }
            fpos += 1;
        } else if c == b'%' {
            p.add_str(&fmt[last..fpos])?;
            if at(fpos + 1) == b'%' {
                p.add_str("%")?;
                fpos += 2;
                last = fpos;
                continue;
            }
            fpos += 1;
            let (spec, carg) = parse_spec(&mut p, f, &mut fpos, args)?;
            let more_format = at(fpos) != b'\n' && at(fpos) != 0;
            if spec.array {
                let items = match &args[carg] {
                    Value::Array(a) => a.to_vec(),
                    _ => return Err(p.fault(Fault::ArrayExpected)),
                };
                let n = items.len();
                for (i, item) in items.iter().enumerate() {
                    convert(
                        vm,
                        &mut p,
                        &spec,
                        item,
                        more_format || i + 1 < n,
                        at(fpos) == 0,
                    )?;
                }
            } else {
                convert(vm, &mut p, &spec, &args[carg], more_format, at(fpos) == 0)?;
            }
            last = fpos;
        } else {
            fpos += 1;
        }
    }
    Ok(p.out)
}

/// Writes one value for one conversion. `more` says whether anything
/// follows on this line (columns pad their last line only then);
/// `format_ends` whether the conversion ends the format.
fn convert(
    vm: &mut Vm,
    p: &mut Printer,
    spec: &Spec,
    v: &Value,
    more: bool,
    format_ends: bool,
) -> VmResult<()> {
    let described;
    let v = if spec.ty == Ty::Lpc {
        described = Value::from(describe_vm(vm, v)?);
        &described
    } else {
        v
    };
    match spec.ty {
        Ty::Error => Err(p.fault(Fault::InvalidFormat)),
        Ty::Lpc | Ty::Str => {
            let text: &str = match v {
                Value::Str(s) => s.as_str(),
                v if v.is_zero() => "0",
                _ => return Err(p.fault(Fault::IncorrectArgS)),
            };
            if spec.columns || spec.table {
                if spec.fs == 0 {
                    return Err(p.fault(Fault::NeedsFieldSize));
                }
                if spec.columns {
                    let fs = spec.fs.max(spec.pres as usize);
                    let pres = if spec.pres > 0 {
                        spec.pres as usize
                    } else {
                        fs
                    };
                    p.start_column(
                        text,
                        spec.pad.clone(),
                        fs,
                        pres,
                        spec.just(),
                        more,
                        format_ends,
                    )
                } else {
                    p.start_table(
                        text,
                        spec.pad.clone(),
                        spec.fs,
                        spec.pres as usize,
                        spec.just(),
                    )
                }
            } else {
                let (len, width) = if spec.pres > 0 {
                    truncate_below_width(text, spec.pres as usize, false, false)
                } else {
                    (text.len(), str_width(text))
                };
                p.add_justified(
                    &text[..len],
                    width,
                    spec.pad.as_ref(),
                    spec.fs,
                    spec.just(),
                    true,
                )
            }
        }
        Ty::Char => {
            let c = match v {
                Value::Int(i) => u32::try_from(*i)
                    .ok()
                    .and_then(char::from_u32)
                    .filter(|c| *c != '\0'),
                _ => None,
            };
            let c = c.ok_or_else(|| p.fault(Fault::InvalidArgC))?;
            let s = c.to_string();
            p.add_justified(
                &s,
                str_width(&s),
                spec.pad.as_ref(),
                spec.fs,
                spec.just(),
                true,
            )
        }
        _ => {
            let text = format_number(spec, v)?;
            p.add_justified(
                &text,
                str_width(&text),
                spec.pad.as_ref(),
                spec.fs,
                spec.just(),
                true,
            )
        }
    }
}

/// `%d %i %o %x %X %f`: ints and floats convert into each other.
fn format_number(spec: &Spec, v: &Value) -> VmResult<String> {
    let conv = match spec.ty {
        Ty::Int => 'd',
        Ty::Oct => 'o',
        Ty::Hex => 'x',
        Ty::UpperHex => 'X',
        _ => 'f',
    };
    let number = match v {
        Value::Int(i) => Some((*i, *i as f64)),
        Value::Float(f) => Some((*f as i64, *f)),
        v if v.is_zero() => Some((0, 0.0)),
        _ => None,
    };
    let (int, float) = number.ok_or_else(|| {
        LpcError::new(format!(
            "ERROR: (s)printf(): Incorrect argument type to %{}.",
            conv
        ))
    })?;
    let precision = if spec.pres > 0 {
        Some((spec.pres as usize).min(MAX_NUMBER_PRECISION))
    } else {
        None
    };
    Ok(match conv {
        'd' => cfmt::format_decimal(int, spec.sign(), precision),
        'f' => cfmt::format_fixed(float, spec.sign(), precision.unwrap_or(6)),
        radix => cfmt::format_unsigned(int, radix, precision),
    })
}
