//! Embeds the starter library (`library/`) in the binary: one list each of method files,
//! design files and illustrations, so a fresh install needs nothing beside the binary.

use std::fmt::Write;
use std::path::Path;

fn list(dir: &Path, ext: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == ext))
                .filter_map(|p| {
                    let name = p.file_name()?.to_str()?.to_owned();
                    Some((name, p.canonicalize().ok()?.display().to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn main() {
    let root = Path::new("library");
    println!("cargo::rerun-if-changed=library");
    let mut code = String::new();
    for (name, dir, ext, mac) in [
        ("METHODS", "methods", "toml", "include_str"),
        ("DESIGNS", "designs", "toml", "include_str"),
        ("IMAGES", "images", "svg", "include_bytes"),
    ] {
        let ty = if mac == "include_str" {
            "&str"
        } else {
            "&[u8]"
        };
        let _ = writeln!(code, "pub static {name}: &[(&str, {ty})] = &[");
        for (file, path) in list(&root.join(dir), ext) {
            let _ = writeln!(code, "    ({file:?}, {mac}!({path:?})),");
        }
        let _ = writeln!(code, "];");
    }
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("library_files.rs"), code).expect("OUT_DIR is writable");
}
