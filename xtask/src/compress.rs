//! Precompressed copies of what a page downloads: `FILE.br` (brotli, quality 11) and
//! `FILE.gz` (gzip, level 9) written beside `FILE`, as a host serves them without compressing
//! on each request (nginx `gzip_static`/`brotli_static`, Apache `mod_rewrite` rules: see
//! docs/embedding.md). `scripts/server.mjs` sends these files when they are there.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Sizes of one file: as it is, gzip -9, brotli 11.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, o: Sizes) {
        self.raw += o.raw;
        self.gzip += o.gzip;
        self.brotli += o.brotli;
    }
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("writing to memory");
    e.finish().expect("writing to memory")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: bytes.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}

/// Writes `path.br` and `path.gz` beside `path`; returns the three sizes.
pub fn precompress(path: &Path) -> Result<Sizes, String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (gz, br) = (gzip(&bytes), brotli(&bytes));
    for (ext, body) in [("gz", &gz), ("br", &br)] {
        let mut name = path.as_os_str().to_owned();
        name.push(".");
        name.push(ext);
        fs::write(&name, body).map_err(|e| format!("{}: {e}", Path::new(&name).display()))?;
    }
    Ok(Sizes {
        raw: bytes.len() as u64,
        gzip: gz.len() as u64,
        brotli: br.len() as u64,
    })
}

/// Is this a file worth compressing (text, scripts, data, wasm)?
pub fn compressible(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        [
            "html", "js", "mjs", "css", "json", "md", "wasm", "svg", "txt", "csv",
        ]
        .contains(&e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_codings_round_trip_and_shrink_text() {
        let text = "carte mentale ".repeat(1000).into_bytes();
        let gz = gzip(&text);
        let br = brotli(&text);
        assert!(gz.len() < text.len() / 10 && br.len() < text.len() / 10);
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut back).unwrap();
        assert_eq!(back, text);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn precompress_writes_both_files_beside() {
        let dir = std::env::temp_dir().join(format!("cm-xtask-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.js");
        fs::write(&f, "let x = 1;\n".repeat(100)).unwrap();
        let s = precompress(&f).unwrap();
        assert_eq!(s.raw, 1100);
        assert_eq!(fs::metadata(dir.join("a.js.gz")).unwrap().len(), s.gzip);
        assert_eq!(fs::metadata(dir.join("a.js.br")).unwrap().len(), s.brotli);
        assert!(compressible(&f) && !compressible(Path::new("x.png")));
        fs::remove_dir_all(&dir).unwrap();
    }
}
