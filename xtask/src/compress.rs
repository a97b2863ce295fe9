//! Precompressed copies of what a page downloads: `FILE.br` (brotli, quality 11) and
//! `FILE.gz` (gzip written by zopfli: any gzip reader decodes it, and it is 4 to 5 % smaller
//! than `gzip -9`, docs/size.md) written beside `FILE`, as a host serves them without compressing
//! on each request (nginx `gzip_static`/`brotli_static`, Apache `mod_rewrite` rules: see
//! docs/embedding.md). `scripts/server.mjs` sends these files when they are there.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Sizes of one file: as it is, gzip as written (zopfli), `gzip -9`, brotli 11.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub gzip_9: u64,
    pub brotli: u64,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, o: Sizes) {
        self.raw += o.raw;
        self.gzip += o.gzip;
        self.gzip_9 += o.gzip_9;
        self.brotli += o.brotli;
    }
}

impl Sizes {
    /// The sizes of `bytes`, nothing written.
    pub fn of(bytes: &[u8]) -> Sizes {
        let (gz, br) = both(bytes);
        Sizes {
            raw: bytes.len() as u64,
            gzip: gz.len() as u64,
            gzip_9: gzip_9(bytes).len() as u64,
            brotli: br.len() as u64,
        }
    }

    /// The sizes of `path` and of the `.gz` and `.br` that [`precompress`] wrote beside it.
    pub fn written(path: &Path) -> Result<Sizes, String> {
        let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let len = |ext: &str| -> Result<u64, String> {
            let mut name = path.as_os_str().to_owned();
            name.push(ext);
            fs::metadata(&name)
                .map(|m| m.len())
                .map_err(|e| format!("{}: {e}", Path::new(&name).display()))
        };
        Ok(Sizes {
            raw: bytes.len() as u64,
            gzip: len(".gz")?,
            gzip_9: gzip_9(&bytes).len() as u64,
            brotli: len(".br")?,
        })
    }

    /// The head of a Markdown table of sizes.
    pub const HEADER: &str = "| file | bytes | gzip (zopfli, as served) | gzip -9 | brotli 11 |\n| --- | ---: | ---: | ---: | ---: |\n";

    /// One row of that table.
    pub fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {} | {} | {} |\n",
            self.raw, self.gzip, self.gzip_9, self.brotli
        )
    }
}

/// The gzip file a host sends: zopfli's search for the shortest DEFLATE stream (15 iterations,
/// its default), seconds per megabyte where `gzip -9` takes milliseconds, once per release.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )
    .expect("writing to memory");
    out
}

/// `gzip -9` (flate2), what a host that compresses each response at the highest level sends:
/// the size table shows it beside zopfli's.
pub fn gzip_9(bytes: &[u8]) -> Vec<u8> {
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

/// gzip and brotli at once: zopfli and brotli 11 are the slow steps of a build.
fn both(bytes: &[u8]) -> (Vec<u8>, Vec<u8>) {
    std::thread::scope(|s| {
        let br = s.spawn(|| brotli(bytes));
        (gzip(bytes), br.join().expect("brotli does not panic"))
    })
}

/// Writes `path.br` and `path.gz` beside `path` ([`Sizes::written`] measures them).
pub fn precompress(path: &Path) -> Result<(), String> {
    let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (gz, br) = both(&bytes);
    for (ext, body) in [("gz", &gz), ("br", &br)] {
        let mut name = path.as_os_str().to_owned();
        name.push(".");
        name.push(ext);
        fs::write(&name, body).map_err(|e| format!("{}: {e}", Path::new(&name).display()))?;
    }
    Ok(())
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
        for gz in [&gz, &gzip_9(&text)] {
            let mut back = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut back)
                .unwrap();
            assert_eq!(back, text);
        }
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
        precompress(&f).unwrap();
        let s = Sizes::of(&fs::read(&f).unwrap());
        assert_eq!(s.raw, 1100);
        assert_eq!(fs::metadata(dir.join("a.js.gz")).unwrap().len(), s.gzip);
        assert_eq!(fs::metadata(dir.join("a.js.br")).unwrap().len(), s.brotli);
        assert_eq!(Sizes::written(&f).unwrap(), s);
        assert!(s.gzip <= s.gzip_9);
        assert!(compressible(&f) && !compressible(Path::new("x.png")));
        fs::remove_dir_all(&dir).unwrap();
    }
}
