//! Limits a hostile or broken file cannot pass.
//!
//! Why one struct: every reader needs some of these, the batch may tighten
//! them, and tests set them small to prove each limit trips cleanly.

#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_input_bytes: u64,
    /// Largest total of decompressed zip parts read from one DOCX.
    pub max_decompressed_bytes: u64,
    /// Largest decompressed/compressed ratio for one zip part (zip bombs).
    pub max_compression_ratio: u64,
    /// Deepest XML element nesting accepted.
    pub max_xml_depth: usize,
    /// Deepest PDF object / Form XObject nesting followed.
    pub max_pdf_depth: usize,
    /// Largest decoded PDF stream, in bytes.
    pub max_stream_bytes: u64,
    /// Most PDF pages read.
    pub max_pages: u32,
    /// Work budget: most content-stream operators interpreted per file.
    pub max_operators: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 256 * 1024 * 1024,
            max_decompressed_bytes: 512 * 1024 * 1024,
            max_compression_ratio: 200,
            max_xml_depth: 256,
            max_pdf_depth: 32,
            max_stream_bytes: 128 * 1024 * 1024,
            max_pages: 5_000,
            max_operators: 50_000_000,
        }
    }
}
