//! The efun reference for mudlib authors (docs/efuns.md), generated from
//! the efun tables so it cannot drift from what the driver offers.

use ferrum_vm::efun::EfunTable;

/// Markdown listing every efun by package with its signature.
pub fn efun_reference(table: &EfunTable) -> String {
    let mut out = String::from(
        "# Efun reference\n\n\
         Generated from the driver's efun tables (`cargo test -p ferrum-efuns \
         reference` checks it; `UPDATE_DOCS=1` rewrites it). Semantics follow \
         FluffOS's documentation of the same efun (docs/efun in the FluffOS \
         repository); where Ferrum differs, `docs/efun-differences.md` says so.\n",
    );
    for package in table.packages() {
        let mut defs: Vec<_> = table.iter().filter(|d| d.package == *package).collect();
        if defs.is_empty() {
            continue;
        }
        defs.sort_by_key(|d| d.name);
        out.push_str(&format!("\n## Package `{}` (`__PACKAGE_{}__`)\n\n", package, package.to_uppercase()));
        out.push_str("| efun | signature |\n|---|---|\n");
        for d in defs {
            if d.name.starts_with("__") {
                continue;
            }
            out.push_str(&format!("| `{}` | `{}` |\n", d.name, d.signature.replace('|', "\\|")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn reference_doc_is_current() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/efuns.md");
        let want = super::efun_reference(&crate::standard_table());
        if std::env::var("UPDATE_DOCS").is_ok() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(have == want, "docs/efuns.md is stale: run UPDATE_DOCS=1 cargo test -p ferrum-efuns reference");
    }
}
