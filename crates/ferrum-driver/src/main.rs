//! `ferrum`: the Ferrum LPC driver.
//!
//! ```text
//! ferrum run FILE.c [ARGS...]     run one LPC file as a script
//! ferrum CONFIG [-fFLAG ...]      boot a FluffOS-style mudlib
//! ```

use std::path::Path;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: ferrum run FILE.c [ARGS...]\n       ferrum CONFIG_FILE [-fFLAG ...]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(|s| s.as_str()) {
        Some("run") => match args.get(2) {
            Some(file) => {
                let code = ferrum_driver::script::run(Path::new(file), &args[3..]);
                ExitCode::from(code as u8)
            }
            None => usage(),
        },
        Some("-h") | Some("--help") | None => usage(),
        Some(config) => {
            let mut flags = Vec::new();
            for a in &args[2..] {
                match a.strip_prefix("-f") {
                    Some(f) => flags.push(f.to_string()),
                    None => eprintln!("ferrum: ignoring argument {}", a),
                }
            }
            let code = ferrum_driver::boot::run(Path::new(config), &flags);
            ExitCode::from(code as u8)
        }
    }
}
