//! FluffOS-style config files: `key : value` lines, `#` comments.
//!
//! Every key is kept; the ones the driver understands have accessors.
//! Unknown keys are warned about, never fatal.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// String settings in get_config() order (runtime_config.h numbers 0..).
pub const STRING_KEYS: &[&str] = &[
    "name",
    "address server ip",
    "mudlib directory",
    "binary directory",
    "log directory",
    "include directories",
    "save binaries directory",
    "master file",
    "simulated efun file",
    "swap file",
    "debug log file",
    "default error message",
    "default fail message",
    "global include file",
    "mud ip",
    "websocket http dir",
];

/// Int settings in get_config() order (numbers 256..); "" is unused.
pub const INT_KEYS: &[&str] = &[
    "port number",
    "address server port",
    "time to clean up",
    "time to reset",
    "time to swap",
    "compiler stack size",
    "evaluator stack size",
    "inherit chain size",
    "maximum evaluation cost",
    "maximum local variables",
    "maximum call depth",
    "maximum array size",
    "maximum buffer size",
    "maximum mapping size",
    "maximum string length",
    "maximum bits in a bitfield",
    "maximum byte transfer",
    "maximum read file size",
    "",
    "hash table size",
    "object table size",
    "living hash table size",
    "",
    "",
    "gametick msec",
    "heartbeat interval msec",
    "sane explode string",
    "reversible explode string",
    "sane sorting",
    "warn tab",
    "wombles",
    "call other type check",
    "call other warn",
    "mudlib error handler",
    "no resets",
    "lazy resets",
    "randomized resets",
    "no ansi",
    "strip before process input",
    "this_player in call_out",
    "trace",
    "trace code",
    "interactive catch tell",
    "receive snoop",
    "snoop shadowed",
    "reverse defer",
    "has console",
    "noninteractive stderr write",
    "trap crashes",
    "old type behavior",
    "old range behavior",
    "warn old range behavior",
    "suppress argument warnings",
    "enable_commands call init",
    "sprintf add_justified ignore ANSI colors",
    "apply cache bits",
    "call_out(0) nest level",
    "trace lpc execution context",
    "trace lpc instructions",
];

/// Keys accepted without a warning that get_config() does not report.
const OTHER_KEYS: &[&str] = &[
    "maximum users",
    "http directory",
    // Ferrum: the browser client's directory (a mudlib path) for websocket
    // ports, and the port of the mudlib's web API (`__WEB_PORT__`).
    "websocket http dir",
    "web port",
    // Parked async frames allowed at once (0: no limit).
    "max suspended async functions",
    "enable mxp", "enable gmcp", "enable zmp", "enable mssp", "enable msp", "enable msdp", "disable msdp"];

fn is_known(key: &str) -> bool {
    STRING_KEYS.contains(&key) || INT_KEYS.contains(&key) || OTHER_KEYS.contains(&key)
}

/// On/off keys that become `__KEY__` predefines when set.
const SWITCHES: &[&str] = &[
    "this_player in call_out",
    "sane explode string",
    "reversible explode string",
    "sane sorting",
    "old range behavior",
    "old type behavior",
    "noninteractive stderr write",
    "interactive catch tell",
    "receive snoop",
    "snoop shadowed",
    "reverse defer",
    "warn tab",
    "wombles",
    "call other type check",
    "call other warn",
    "mudlib error handler",
    "no resets",
    "lazy resets",
    "randomized resets",
    "no ansi",
    "strip before process input",
];

#[derive(Clone, Debug, PartialEq)]
pub enum PortKind {
    Telnet,
    WebSocket,
    Ascii,
    Binary,
    Mud,
}

#[derive(Clone, Debug)]
pub struct ExternalPort {
    pub index: u32,
    pub kind: PortKind,
    pub port: u16,
    /// `external_port_N_tls : cert=... key=...`
    pub tls: Option<(String, String)>,
}

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Directory of the config file (relative paths resolve against it
    /// when they do not exist relative to the working directory).
    pub base: PathBuf,
    pub values: BTreeMap<String, String>,
    pub ports: Vec<ExternalPort>,
    /// `external_cmd_N : /path/to/program`
    pub external_cmds: BTreeMap<u32, String>,
    pub warnings: Vec<String>,
    /// TLS lines seen before their port line.
    pending_tls: Vec<(u32, String, String)>,
}

impl Config {
    pub fn parse(text: &str, base: &Path) -> Config {
        let mut c = Config { base: base.to_path_buf(), ..Default::default() };
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                c.warnings.push(format!("line {}: no ':' in {:?}", n + 1, line));
                continue;
            };
            let key = key.trim().to_string();
            // "value  # comment": a '#' after whitespace starts a comment.
            let value = match value.find(" #").or_else(|| value.find("\t#")) {
                Some(i) => value[..i].trim().to_string(),
                None => value.trim().to_string(),
            };
            if let Some(rest) = key.strip_prefix("external_port_") {
                c.parse_port(rest, &value, n + 1);
                continue;
            }
            if let Some(num) = key.strip_prefix("external_cmd_") {
                match num.parse() {
                    Ok(i) => {
                        c.external_cmds.insert(i, value);
                    }
                    Err(_) => c.warnings.push(format!("line {}: bad key {}", n + 1, key)),
                }
                continue;
            }
            if !is_known(&key) {
                c.warnings.push(format!("line {}: unknown config key '{}' (ignored)", n + 1, key));
            }
            c.values.insert(key, value);
        }
        // The classic single port is external port 1, telnet.
        if let Some(p) = c.int("port number").filter(|p| *p > 0) {
            if !c.ports.iter().any(|x| x.index == 1) {
                c.ports.push(ExternalPort { index: 1, kind: PortKind::Telnet, port: p as u16, tls: None });
            }
        }
        c.ports.sort_by_key(|p| p.index);
        c
    }

    fn parse_port(&mut self, rest: &str, value: &str, line: usize) {
        if let Some(num) = rest.strip_suffix("_tls") {
            let Ok(i) = num.parse::<u32>() else { return };
            let mut cert = None;
            let mut key = None;
            for part in value.split_whitespace() {
                if let Some(v) = part.strip_prefix("cert=") {
                    cert = Some(v.to_string());
                } else if let Some(v) = part.strip_prefix("key=") {
                    key = Some(v.to_string());
                }
            }
            if let (Some(cert), Some(key)) = (cert, key) {
                self.pending_tls.push((i, cert, key));
            }
            self.apply_tls();
            return;
        }
        let Ok(index) = rest.parse::<u32>() else {
            self.warnings.push(format!("line {}: bad key external_port_{}", line, rest));
            return;
        };
        let mut words = value.split_whitespace();
        let kind = match words.next().unwrap_or("") {
            "telnet" => PortKind::Telnet,
            "websocket" => PortKind::WebSocket,
            "ascii" => PortKind::Ascii,
            "binary" => PortKind::Binary,
            "MUD" | "mud" => PortKind::Mud,
            other => {
                self.warnings.push(format!("line {}: unknown port kind '{}'", line, other));
                return;
            }
        };
        let Some(port) = words.next().and_then(|p| p.parse().ok()) else {
            self.warnings.push(format!("line {}: bad port number", line));
            return;
        };
        self.ports.retain(|p| p.index != index);
        self.ports.push(ExternalPort { index, kind, port, tls: None });
        self.apply_tls();
    }

    fn apply_tls(&mut self) {
        let pending = std::mem::take(&mut self.pending_tls);
        for (i, cert, key) in pending {
            match self.ports.iter_mut().find(|p| p.index == i) {
                Some(p) => p.tls = Some((cert, key)),
                None => self.pending_tls.push((i, cert, key)),
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(|s| s.as_str())
    }

    pub fn int(&self, key: &str) -> Option<i64> {
        self.get(key).and_then(|v| v.split_whitespace().next()?.parse().ok())
    }

    /// A directory or file named in the config: absolute, relative to the
    /// working directory, or relative to the config file.
    pub fn path(&self, key: &str) -> Option<PathBuf> {
        let v = self.get(key)?;
        let p = PathBuf::from(v);
        if p.is_absolute() || p.exists() {
            return Some(p);
        }
        Some(self.base.join(p))
    }

    /// Macros the config defines for LPC: `MUD_NAME`, and `__X__` for each
    /// switched-on behaviour key, as FluffOS does.
    pub fn predefines(&self) -> Vec<(String, String)> {
        let mut v = Vec::new();
        if let Some(name) = self.get("name") {
            v.push(("MUD_NAME".to_string(), format!("{:?}", name)));
        }
        if let Some(p) = self.ports.first() {
            v.push(("__PORT__".to_string(), p.port.to_string()));
        }
        v.push(("__WEB_PORT__".to_string(), self.int("web port").unwrap_or(0).to_string()));
        for key in SWITCHES {
            if self.int(key).is_some_and(|n| n != 0) {
                let macro_name = format!("__{}__", key.to_uppercase().replace([' ', '(', ')'], "_"));
                v.push((macro_name, "1".to_string()));
            }
        }
        v
    }

    /// get_config() values by index: strings 0.., ints 256...
    pub fn get_config_table(&self) -> Vec<(i64, ferrum_vm::Value)> {
        let mut v = Vec::new();
        for (i, k) in STRING_KEYS.iter().enumerate() {
            v.push((i as i64, ferrum_vm::Value::from(self.get(k).unwrap_or(""))));
        }
        for (i, k) in INT_KEYS.iter().enumerate() {
            let n = if k.is_empty() { 0 } else { self.int(k).unwrap_or(0) };
            v.push((256 + i as i64, ferrum_vm::Value::Int(n)));
        }
        v
    }

    /// Mudlib directories searched for `#include <...>`.
    pub fn include_dirs(&self) -> Vec<String> {
        self.get("include directories")
            .map(|v| v.split(':').map(|d| d.trim().to_string()).filter(|d| !d.is_empty()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_ports_and_commands() {
        let text = "# comment\nname : test\nmudlib directory : /lib\nport number : 4000\n\
                    external_port_2 : websocket 4001\nexternal_port_2_tls : cert=c.pem key=k.pem\n\
                    external_cmd_1 : /bin/echo\nmaximum evaluation cost : 500000\nfrobnicate : yes\n";
        let c = Config::parse(text, Path::new("/etc"));
        assert_eq!(c.get("name"), Some("test"));
        assert_eq!(c.int("maximum evaluation cost"), Some(500000));
        assert_eq!(c.ports.len(), 2);
        assert_eq!(c.ports[0].kind, PortKind::Telnet);
        assert_eq!(c.ports[0].port, 4000);
        assert_eq!(c.ports[1].kind, PortKind::WebSocket);
        assert_eq!(c.ports[1].tls, Some(("c.pem".to_string(), "k.pem".to_string())));
        assert_eq!(c.external_cmds.get(&1).map(|s| s.as_str()), Some("/bin/echo"));
        assert!(c.warnings.iter().any(|w| w.contains("frobnicate")));
    }

    #[test]
    fn trailing_comments_and_switch_predefines() {
        let c = Config::parse("name : T\nmudlib directory : ./ # test #\nsane explode string : 1\nno ansi : 0\ng\n", Path::new("/"));
        assert_eq!(c.get("mudlib directory"), Some("./"));
        let p = c.predefines();
        assert!(p.contains(&("MUD_NAME".to_string(), "\"T\"".to_string())));
        assert!(p.iter().any(|(k, _)| k == "__SANE_EXPLODE_STRING__"));
        assert!(!p.iter().any(|(k, _)| k == "__NO_ANSI__"));
    }
}
