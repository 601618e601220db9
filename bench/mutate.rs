//! Mutation campaign: many mutated corpus inputs per format through the whole
//! pipeline under the per-file budget, counting what must never happen.
//!
//! ```text
//! nice -n 19 cargo run --release --example mutate -- run --out /tmp/mut \
//!     --per-format 20000 [--formats text,docx,pdf,odt] [--seed 1] \
//!     [--chunk 400] [--timeout 5] [--corpus DIR]...
//! ```
//!
//! Counts per format: panics (`internal.panic`), signals (a child process
//! killed), files over the budget (`input.too_slow`, and separately
//! `input.memory_limit`), contract failures (a `contract.*` error, or a
//! written document that fails the schema or the semantic checks), and the
//! peak RSS of any one input. Targets: 0, 0, 0, 0, <= 256 MiB.
//!
//! How: the parent spawns itself as a child for each chunk of inputs; the
//! child builds each mutated input from (seed, format, index) alone, runs
//! it in process through `batch::extract_read_bytes` (the batch's budget:
//! own thread, deadline, memory cap), `contract::into_checked` and
//! `contract::write_pretty` to a file, as the batch writes, resets the
//! kernel's peak-RSS mark before each input (`/proc/self/clear_refs`) and
//! reads it after the write (`VmHWM`), before its own check reads the JSON
//! back into a tree, and prints one line per input. A child killed by a signal names its input by the
//! `begin` line without an `end`; the parent saves that input under
//! `OUT/found/` and goes on from the next one. Inputs that panic, run over
//! or break the contract are saved there too, to become regression tests.
//!
//! Formats: text, docx, pdf, odt, html, rtf, xlsx. HTML, RTF and XLSX
//! seeds are made from the text exports (tab rows as table rows), ODT
//! seeds from the DOCX seeds.
//!
//! Mutations: text gets bit flips, byte and range edits, splices of two
//! seeds, truncation and long repeats of lines and of tokens known to hurt
//! readers (`<`, `[`, tabs, dates with year 9999, grid-table rules). DOCX
//! and ODT get their main XML part mutated inside a valid zip (the same
//! edits plus repeated elements, wild attribute values, dropped tags), or,
//! one time in ten, the zip's bytes. PDF gets object-level edits through
//! lopdf (a content stream or a ToUnicode CMap decoded and edited, a
//! dictionary value replaced) or raw byte edits. ODT seeds are made from
//! the DOCX seeds (tables, rows, cells and paragraphs carried over).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOC: docket::work::CountingAlloc = docket::work::CountingAlloc;

/// Mutated inputs are cut to this size.
const MAX_INPUT: usize = 3 * 1024 * 1024;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(mode) = args.first() else {
        eprintln!("usage: mutate run --out DIR --per-format N [...] | mutate one FORMAT INDEX");
        std::process::exit(2);
    };
    let opts = Args::parse(&args[1..]);
    match mode.as_str() {
        "run" => parent(&opts),
        "child" => child(&opts),
        "one" => {
            // Write one mutated input to stdout, to reproduce a line.
            let seeds = Seeds::load(&opts.corpus);
            let bytes = mutated(&seeds, &opts.formats[0], opts.seed, opts.from);
            std::io::stdout().write_all(&bytes).unwrap();
        }
        _ => {
            eprintln!("unknown mode {mode}");
            std::process::exit(2);
        }
    }
}

#[derive(Debug, Clone)]
struct Args {
    out: PathBuf,
    per_format: u64,
    formats: Vec<String>,
    seed: u64,
    chunk: u64,
    timeout: f64,
    corpus: Vec<PathBuf>,
    from: u64,
    to: u64,
}

impl Args {
    fn parse(args: &[String]) -> Args {
        let mut a = Args {
            out: PathBuf::from("/tmp/docket-mutate"),
            per_format: 20_000,
            formats: ["text", "docx", "pdf", "odt", "html", "rtf", "xlsx"]
                .map(String::from)
                .to_vec(),
            seed: 1,
            chunk: 400,
            timeout: docket::batch::budget::DEFAULT_TIMEOUT_SECS,
            corpus: vec![],
            from: 0,
            to: 0,
        };
        let mut positional = vec![];
        let mut it = args.iter();
        while let Some(k) = it.next() {
            let mut v = || it.next().cloned().unwrap_or_default();
            match k.as_str() {
                "--out" => a.out = v().into(),
                "--per-format" => a.per_format = v().parse().unwrap(),
                "--formats" | "--format" => a.formats = v().split(',').map(String::from).collect(),
                "--seed" => a.seed = v().parse().unwrap(),
                "--chunk" => a.chunk = v().parse().unwrap(),
                "--timeout" => a.timeout = v().parse().unwrap(),
                "--corpus" => a.corpus.push(v().into()),
                "--from" => a.from = v().parse().unwrap(),
                "--to" => a.to = v().parse().unwrap(),
                other => positional.push(other.to_string()),
            }
        }
        if let [format, index] = positional.as_slice() {
            a.formats = vec![format.clone()];
            a.from = index.parse().unwrap();
        }
        if a.corpus.is_empty() {
            a.corpus
                .push(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
        }
        a
    }

    fn child_args(&self, format: &str, from: u64, to: u64) -> Vec<String> {
        let mut v = vec![
            "child".to_string(),
            "--format".into(),
            format.into(),
            "--seed".into(),
            self.seed.to_string(),
            "--timeout".into(),
            self.timeout.to_string(),
            "--from".into(),
            from.to_string(),
            "--to".into(),
            to.to_string(),
        ];
        for c in &self.corpus {
            v.push("--corpus".into());
            v.push(c.display().to_string());
        }
        v
    }
}

// ---------------------------------------------------------------- parent --

#[derive(Default, Debug)]
struct Tally {
    inputs: u64,
    written: u64,
    panics: u64,
    signals: u64,
    too_slow: u64,
    memory_limit: u64,
    contract: u64,
    peak_kib: u64,
    peak_index: u64,
    over_256: u64,
    millis: u64,
    codes: BTreeMap<String, u64>,
}

fn parent(a: &Args) {
    std::fs::create_dir_all(a.out.join("found")).unwrap();
    let me = std::env::current_exe().unwrap();
    let seeds = Seeds::load(&a.corpus);
    let mut log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(a.out.join("log.txt"))
        .unwrap();
    let started = Instant::now();
    let mut tallies = BTreeMap::new();
    for format in &a.formats {
        let mut t = Tally::default();
        let mut next = 0;
        while next < a.per_format {
            let to = (next + a.chunk).min(a.per_format);
            next = run_child(&me, a, &seeds, format, next, to, &mut t);
            let line = format!(
                "{format}: {} inputs, {} written, panics {}, signals {}, too_slow {}, memory_limit {}, contract {}, peak {} KiB (#{}), {:.0} s",
                t.inputs,
                t.written,
                t.panics,
                t.signals,
                t.too_slow,
                t.memory_limit,
                t.contract,
                t.peak_kib,
                t.peak_index,
                started.elapsed().as_secs_f64()
            );
            writeln!(log, "{line}").unwrap();
            eprintln!("{line}");
        }
        tallies.insert(format.clone(), t);
    }
    let mut summary = String::new();
    summary.push_str("format inputs written panics signals too_slow memory_limit contract peak_MiB over_256MiB cpu_s\n");
    for (f, t) in &tallies {
        summary.push_str(&format!(
            "{f} {} {} {} {} {} {} {} {:.1} {} {:.0}\n",
            t.inputs,
            t.written,
            t.panics,
            t.signals,
            t.too_slow,
            t.memory_limit,
            t.contract,
            t.peak_kib as f64 / 1024.0,
            t.over_256,
            t.millis as f64 / 1000.0
        ));
        let codes: Vec<String> = t.codes.iter().map(|(c, n)| format!("{c}={n}")).collect();
        summary.push_str(&format!("  {f} codes: {}\n", codes.join(" ")));
    }
    std::fs::write(a.out.join("summary.txt"), &summary).unwrap();
    print!("{summary}");
}

/// Run inputs `from..to` of `format` in a child; return the index to go on
/// from (the end, or past an input that killed the child or ran over).
fn run_child(
    me: &Path,
    a: &Args,
    seeds: &Seeds,
    format: &str,
    from: u64,
    to: u64,
    t: &mut Tally,
) -> u64 {
    let mut child = Command::new(me)
        .args(a.child_args(format, from, to))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut open: Option<u64> = None;
    let mut last = from;
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let parts: Vec<&str> = line.split(' ').collect();
        match parts.as_slice() {
            ["begin", i] => open = i.parse().ok(),
            ["end", i, code, kib, ms] => {
                let i: u64 = i.parse().unwrap();
                let kib: u64 = kib.parse().unwrap();
                open = None;
                last = i + 1;
                t.inputs += 1;
                t.millis += ms.parse::<u64>().unwrap();
                *t.codes.entry(code.to_string()).or_default() += 1;
                let bad = match *code {
                    "ok" => {
                        t.written += 1;
                        false
                    }
                    "internal.panic" => {
                        t.panics += 1;
                        true
                    }
                    "input.too_slow" => {
                        t.too_slow += 1;
                        true
                    }
                    "input.memory_limit" => {
                        t.memory_limit += 1;
                        true
                    }
                    c if c.starts_with("contract.") => {
                        t.contract += 1;
                        true
                    }
                    _ => false,
                };
                if kib > t.peak_kib {
                    t.peak_kib = kib;
                    t.peak_index = i;
                }
                if kib > 256 * 1024 {
                    t.over_256 += 1;
                }
                if bad || kib > 256 * 1024 {
                    save(a, seeds, format, i, code);
                }
            }
            _ => {}
        }
    }
    let status = child.wait().unwrap();
    if let Some(i) = open {
        // The child died inside input i.
        t.inputs += 1;
        t.signals += 1;
        *t.codes.entry(format!("signal:{status}")).or_default() += 1;
        save(a, seeds, format, i, "signal");
        return i + 1;
    }
    if last == from {
        // The child made no progress (it could not start): count the rest
        // as lost rather than loop.
        eprintln!("child for {format} {from}..{to} failed: {status}");
        *t.codes.entry("child_failed".into()).or_default() += to - from;
        return to;
    }
    last
}

fn save(a: &Args, seeds: &Seeds, format: &str, i: u64, code: &str) {
    let bytes = mutated(seeds, format, a.seed, i);
    let name = format!("{format}-{}-{i}.{code}.{}", a.seed, ext(format));
    let _ = std::fs::write(a.out.join("found").join(name), bytes);
}

fn ext(format: &str) -> &str {
    if format == "text" { "txt" } else { format }
}

// ----------------------------------------------------------------- child --

fn child(a: &Args) {
    let seeds = Seeds::load(&a.corpus);
    let format = &a.formats[0];
    let opts = docket::batch::Options {
        timeout: Some(Duration::from_secs_f64(a.timeout)),
        ..Default::default()
    };
    let out = std::io::stdout();
    for i in a.from..a.to {
        let bytes = mutated(&seeds, format, a.seed, i);
        {
            let mut o = out.lock();
            writeln!(o, "begin {i}").unwrap();
            o.flush().unwrap();
        }
        // Give freed memory back first (glibc keeps it in the arenas of
        // earlier files' threads), so the mark starts from what is live.
        // SAFETY: malloc_trim only releases free memory; no Rust value is
        // touched.
        unsafe {
            malloc_trim(0);
        }
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let started = Instant::now();
        let name = format!("m{i}.{}", ext(format));
        // What the batch does: extract, check, stream the JSON to a file.
        // The peak is read then, before the campaign's own check reads the
        // JSON back into a tree (which costs more than docket did).
        let json_path =
            std::env::temp_dir().join(format!("docket-mutate-{}.json", std::process::id()));
        let written = match docket::batch::extract_read_bytes(&bytes, Path::new(&name), &opts) {
            Ok(doc) => match docket::contract::into_checked(doc) {
                Ok(safe) => std::fs::File::create(&json_path)
                    .and_then(|f| docket::contract::write_pretty(&safe, std::io::BufWriter::new(f)))
                    .map_err(|_| "output.io".to_string()),
                Err(e) => Err(e.code().to_string()),
            },
            Err(e) => Err(e.code().to_string()),
        };
        let ms = started.elapsed().as_millis();
        let kib = peak_kib();
        let code = match written {
            Ok(()) => std::fs::read(&json_path)
                .map_or_else(|_| "output.io".to_string(), |json| check_written(&json)),
            Err(code) => code,
        };
        let _ = std::fs::remove_file(&json_path);
        let mut o = out.lock();
        writeln!(o, "end {i} {code} {kib} {ms}").unwrap();
        o.flush().unwrap();
        if code == "input.too_slow" {
            // The file's thread may still be running; start a fresh child.
            std::process::exit(0);
        }
    }
}

/// "ok", or the first problem's code when a written document fails the
/// schema or the semantic checks.
fn check_written(json: &[u8]) -> String {
    match serde_json::from_slice::<serde_json::Value>(json) {
        Ok(v) => match docket::contract::problems(&v).first() {
            None => "ok".into(),
            Some(p) => format!(
                "contract.written_{}",
                p.code.trim_start_matches("contract.")
            ),
        },
        Err(_) => "contract.written_not_json".into(),
    }
}

unsafe extern "C" {
    /// glibc: release free heap memory to the system.
    fn malloc_trim(pad: usize) -> i32;
}

fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

// ----------------------------------------------------------------- seeds --

struct Seeds {
    text: Vec<Vec<u8>>,
    docx: Vec<Vec<u8>>,
    pdf: Vec<Vec<u8>>,
    odt: Vec<Vec<u8>>,
    html: Vec<Vec<u8>>,
    rtf: Vec<Vec<u8>>,
    xlsx: Vec<Vec<u8>>,
}

impl Seeds {
    fn load(dirs: &[PathBuf]) -> Seeds {
        let mut s = Seeds {
            text: vec![],
            docx: vec![],
            pdf: vec![],
            odt: vec![],
            html: vec![],
            rtf: vec![],
            xlsx: vec![],
        };
        let mut files = vec![];
        for d in dirs {
            for e in walkdir::WalkDir::new(d).sort_by_file_name() {
                let Ok(e) = e else { continue };
                if e.file_type().is_file() {
                    files.push(e.into_path());
                }
            }
        }
        for f in files {
            let Ok(bytes) = std::fs::read(&f) else {
                continue;
            };
            match f.extension().and_then(|e| e.to_str()).unwrap_or("") {
                "txt" | "md" => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    s.html.push(html_from_text(&text));
                    s.rtf.push(rtf_from_text(&text));
                    if let Some(x) = xlsx_from_text(&text) {
                        s.xlsx.push(x);
                    }
                    s.text.push(bytes);
                }
                "docx" => {
                    if let Some(odt) = odt_from_docx(&bytes) {
                        s.odt.push(odt);
                    }
                    s.docx.push(bytes);
                }
                "pdf" => s.pdf.push(bytes),
                "odt" => s.odt.push(bytes),
                "html" | "htm" => s.html.push(bytes),
                "rtf" => s.rtf.push(bytes),
                "xlsx" => s.xlsx.push(bytes),
                _ => {}
            }
        }
        assert!(
            !s.text.is_empty() && !s.docx.is_empty() && !s.pdf.is_empty(),
            "no seeds"
        );
        s
    }

    fn of(&self, format: &str) -> &[Vec<u8>] {
        match format {
            "text" => &self.text,
            "docx" => &self.docx,
            "pdf" => &self.pdf,
            "odt" => &self.odt,
            "html" => &self.html,
            "rtf" => &self.rtf,
            "xlsx" => &self.xlsx,
            other => panic!("no seeds for {other}"),
        }
    }
}

/// An ODT package carrying a DOCX body's tables, rows, cells, paragraphs,
/// tabs and breaks (no styles): realistic plan tables for the ODF reader.
fn odt_from_docx(docx: &[u8]) -> Option<Vec<u8>> {
    let xml = zip_part(docx, "word/document.xml")?;
    let mut out = String::new();
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = vec![];
    let mut in_text = false;
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            quick_xml::events::Event::Start(e) => match e.name().as_ref() {
                "w:tbl" => out.push_str("<table:table>"),
                "w:tr" => out.push_str("<table:table-row>"),
                "w:tc" => out.push_str("<table:table-cell>"),
                "w:p" => out.push_str("<text:p>"),
                "w:t" => in_text = true,
                _ => {}
            },
            quick_xml::events::Event::Empty(e) => match e.name().as_ref() {
                "w:tab" => out.push_str("<text:tab/>"),
                "w:br" => out.push_str("<text:line-break/>"),
                "w:p" => out.push_str("<text:p/>"),
                _ => {}
            },
            quick_xml::events::Event::End(e) => match e.name().as_ref() {
                "w:tbl" => out.push_str("</table:table>"),
                "w:tr" => out.push_str("</table:table-row>"),
                "w:tc" => out.push_str("</table:table-cell>"),
                "w:p" => out.push_str("</text:p>"),
                "w:t" => in_text = false,
                _ => {}
            },
            quick_xml::events::Event::Text(t) if in_text => {
                out.push_str(&t.xml10_content());
            }
            quick_xml::events::Event::GeneralRef(r) if in_text => {
                out.push('&');
                out.push_str(&r.xml10_content());
                out.push(';');
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0""#;
    let content = format!(
        "<?xml version=\"1.0\"?><office:document-content {NS}><office:automatic-styles/>\
         <office:body><office:text>{out}</office:text></office:body></office:document-content>"
    );
    Some(rezip(&[
        (
            "mimetype".into(),
            b"application/vnd.oasis.opendocument.text".to_vec(),
        ),
        ("content.xml".into(), content.into_bytes()),
    ]))
}

/// Lines of a text export: a line with tabs is a table row, others are
/// paragraphs.
fn rows_of(text: &str) -> Vec<Vec<&str>> {
    text.lines().map(|l| l.split('\t').collect()).collect()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An HTML page of a text export: tab rows become one table, other lines
/// paragraphs.
fn html_from_text(text: &str) -> Vec<u8> {
    let mut out = String::from("<!DOCTYPE html><html><body>\n");
    let mut in_table = false;
    for row in rows_of(text) {
        if row.len() > 1 {
            if !in_table {
                out.push_str("<table>\n");
                in_table = true;
            }
            out.push_str("<tr>");
            for c in row {
                out.push_str(&format!("<td>{}</td>", html_escape(c)));
            }
            out.push_str("</tr>\n");
        } else {
            if in_table {
                out.push_str("</table>\n");
                in_table = false;
            }
            out.push_str(&format!("<p>{}</p>\n", html_escape(row[0])));
        }
    }
    if in_table {
        out.push_str("</table>\n");
    }
    out.push_str("</body></html>\n");
    out.into_bytes()
}

fn rtf_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\\' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() => out.push(c),
            c => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{}?", *u as i16));
                }
            }
        }
    }
    out
}

/// An RTF document of a text export: tab rows become table rows.
fn rtf_from_text(text: &str) -> Vec<u8> {
    let mut out = String::from("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\n");
    for row in rows_of(text) {
        if row.len() > 1 {
            out.push_str("\\trowd");
            for i in 1..=row.len() {
                out.push_str(&format!("\\cellx{}", i * 1500));
            }
            out.push('\n');
            for c in row {
                out.push_str(&format!("\\pard\\intbl {}\\cell\n", rtf_escape(c)));
            }
            out.push_str("\\row\n");
        } else {
            out.push_str(&format!("\\pard {}\\par\n", rtf_escape(row[0])));
        }
    }
    out.push('}');
    out.into_bytes()
}

/// An XLSX workbook of a text export: one row per line, one cell per tab.
fn xlsx_from_text(text: &str) -> Option<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows_of(text).iter().enumerate().take(60_000) {
        for (c, cell) in row.iter().enumerate().take(200) {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).ok()?;
            }
        }
    }
    book.save_to_buffer().ok()
}

fn zip_entries(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut out = vec![];
    for i in 0..z.len() {
        let mut f = z.by_index(i).ok()?;
        let mut data = vec![];
        f.read_to_end(&mut data).ok()?;
        let name = f.name().ok()?.to_string();
        out.push((name, data));
    }
    Some(out)
}

fn zip_part(bytes: &[u8], name: &str) -> Option<Vec<u8>> {
    zip_entries(bytes)?
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, d)| d)
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, data) in entries {
            let method = if name == "mimetype" {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            };
            let o = zip::write::SimpleFileOptions::default().compression_method(method);
            z.start_file(name.as_str(), o).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

// ------------------------------------------------------------- mutations --

/// SplitMix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, format: &str, index: u64) -> Rng {
        let mut h = seed ^ 0x9e37_79b9_7f4a_7c15;
        for b in format.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        let mut r = Rng(h ^ index.wrapping_mul(0xbf58_476d_1ce4_e5b9));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    /// A count skewed small: mostly 1-10, sometimes up to `max`.
    fn count(&mut self, max: usize) -> usize {
        match self.below(10) {
            0..=5 => 1 + self.below(10),
            6..=8 => 1 + self.below(1000.min(max)),
            _ => 1 + self.below(max),
        }
    }
}

const TEXT_TOKENS: &[&str] = &[
    "<",
    "[",
    "]",
    "|",
    "\t",
    "+------+------+",
    "| a | b |",
    "Q4 9999/00",
    "Winter 9999",
    "31/12/9999",
    "Q1 2020/21",
    "March 2021",
    "1 April 2020 - 31 March 2021",
    "0",
    "1.",
    "1.1",
    "\r",
    "\u{feff}",
    "Lead:",
    "Action",
    "Timescale",
    "RAG",
    "\0",
    "99999999999",
    "&#",
    "<table>",
    "<tr><td>",
    "</td>",
    "**",
    "# ",
    "\n\n",
    "  ",
    "\u{2022}",
    "\u{e9}",
    "\n",
    "-",
    "=",
    "____",
    "Page 1 of 2",
    "\x0c",
    "(",
    ")",
    "20/21",
    "2020",
    "9999",
    "Recommendation 1",
    "Area for development",
];

const HTML_TOKENS: &[&str] = &[
    "<table>",
    "</table>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "<td colspan=\"99999\">",
    "<td rowspan=\"99999\">",
    "<td colspan=\"-1\">",
    "<br>",
    "&nbsp;",
    "&#0;",
    "&#x1F600;",
    "<!--",
    "-->",
    "<script>",
    "<p>",
    "<b>",
    "<thead>",
    "<tbody>",
    "<",
    "\t",
    "Q4 9999/00",
    "March 2031",
    "1.1",
];

const RTF_TOKENS: &[&str] = &[
    "{",
    "}",
    "\\trowd",
    "\\cellx1000",
    "\\cellx-99999",
    "\\cellx99999999",
    "\\cell ",
    "\\row ",
    "\\par ",
    "\\intbl ",
    "\\u-1?",
    "\\u99999?",
    "\\'ff",
    "\\bin99999999 ",
    "{\\*\\",
    "\\clmgf",
    "\\clmrg",
    "\\clvmgf",
    "\\clvmrg",
    "\\tab ",
    "\\line ",
    "\\ucN",
    "\\uc9 ",
    "{\\fonttbl",
    "\\pict",
    "Q4 9999/00",
    "March 2031",
];

const XML_VALUES: &[&str] = &[
    "-1",
    "0",
    "1",
    "2",
    "99999999",
    "4294967296",
    "-2147483648",
    "abc",
    "",
    "1e308",
    "restart",
    "continue",
    "nil",
    "true",
    "007",
    "\u{1f600}",
];

const PDF_TOKENS: &[&str] = &[
    " Tj ",
    " TJ ",
    " Tf ",
    " Td ",
    " TD ",
    " Tm ",
    " T* ",
    " re ",
    " f ",
    " S ",
    " B ",
    " q ",
    " Q ",
    " cm ",
    " BT ",
    " ET ",
    " Do ",
    " [ ",
    " ] ",
    " (",
    ") ",
    " <",
    "> ",
    " 999999999 ",
    " -1 ",
    " 0 ",
    " 1e30 ",
    " -1e30 ",
    " /F1 ",
    " 1 0 0 1 0 0 ",
    "beginbfrange ",
    " <0000> <FFFF> <0000> ",
    " <00> <FFFFFFFF> [",
    "endbfrange ",
    "begincodespacerange ",
    " <0000> <FFFFFFFF> ",
    "endcodespacerange ",
    " w ",
    " l ",
    " m ",
    " h ",
    " W n ",
];

/// Input `index` of `format`: a deterministic mutation of one seed.
fn mutated(seeds: &Seeds, format: &str, seed: u64, index: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed, format, index);
    let pool = seeds.of(format);
    let base = &pool[rng.below(pool.len())];
    let mut bytes = match format {
        "text" => {
            let mut b = base.clone();
            let n = 1 + rng.below(4);
            for _ in 0..n {
                edit(&mut rng, &mut b, pool, TEXT_TOKENS);
            }
            b
        }
        "html" | "rtf" => {
            let tokens = if format == "html" {
                HTML_TOKENS
            } else {
                RTF_TOKENS
            };
            let mut b = base.clone();
            for _ in 0..1 + rng.below(4) {
                edit(&mut rng, &mut b, pool, tokens);
            }
            b
        }
        "docx" | "odt" | "xlsx" => mutate_zip(&mut rng, base, pool),
        "pdf" => mutate_pdf(&mut rng, base, pool),
        other => panic!("unknown format {other}"),
    };
    bytes.truncate(MAX_INPUT);
    bytes
}

/// One random edit of `b`.
fn edit(rng: &mut Rng, b: &mut Vec<u8>, pool: &[Vec<u8>], tokens: &[&str]) {
    let len = b.len();
    let at = rng.below(len + 1);
    match rng.below(11) {
        0 => {
            for _ in 0..rng.count(64) {
                if !b.is_empty() {
                    let i = rng.below(b.len());
                    b[i] ^= 1 << rng.below(8);
                }
            }
        }
        1 => {
            if at < len {
                b[at] =
                    [0u8, 0xff, b'<', b'[', b'\t', b'\n', b'9', b'|', 0x80, b' '][rng.below(10)];
            }
        }
        2 => {
            let end = (at + rng.count(4096)).min(len);
            b.drain(at..end);
        }
        3 => {
            let end = (at + rng.count(512)).min(len);
            let piece = b[at..end].to_vec();
            let times = rng.count(20_000);
            let pos = rng.below(len + 1);
            let extra: Vec<u8> = piece
                .iter()
                .copied()
                .cycle()
                .take((piece.len() * times).min(MAX_INPUT))
                .collect();
            b.splice(pos..pos, extra);
        }
        4 | 5 => {
            let token = tokens[rng.below(tokens.len())].as_bytes();
            let times = rng.count(300_000);
            let extra: Vec<u8> = token
                .iter()
                .copied()
                .cycle()
                .take((token.len() * times).min(MAX_INPUT))
                .collect();
            b.splice(at..at, extra);
        }
        6 => {
            let other = &pool[rng.below(pool.len())];
            let from = rng.below(other.len() + 1);
            b.truncate(at);
            b.extend_from_slice(&other[from..]);
        }
        7 => b.truncate(at),
        8 => {
            // Repeat one whole line many times.
            let start = b[..at]
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(0, |p| p + 1);
            let end = b[at..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(len, |p| at + p + 1);
            let line = b[start..end].to_vec();
            let times = rng.count(50_000);
            let extra: Vec<u8> = line
                .iter()
                .copied()
                .cycle()
                .take((line.len() * times).min(MAX_INPUT))
                .collect();
            b.splice(end..end, extra);
        }
        9 => {
            // Swap two lines.
            let lines: Vec<&[u8]> = b.split_inclusive(|&c| c == b'\n').collect();
            if lines.len() > 2 {
                let mut lines: Vec<Vec<u8>> = lines.into_iter().map(<[u8]>::to_vec).collect();
                let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(i, j);
                *b = lines.concat();
            }
        }
        _ => {
            let token = tokens[rng.below(tokens.len())].as_bytes();
            b.splice(at..at, token.iter().copied());
        }
    }
}

/// XML-aware edits: repeat an element, replace an attribute value, drop a
/// tag, or nest.
fn edit_xml(rng: &mut Rng, b: &mut Vec<u8>, pool: &[Vec<u8>]) {
    let len = b.len();
    match rng.below(6) {
        0 => {
            // Repeat an element: from a "<" to the matching-name close.
            let starts: Vec<usize> = b
                .windows(2)
                .enumerate()
                .filter(|(_, w)| w[0] == b'<' && w[1] != b'/' && w[1] != b'?')
                .map(|(i, _)| i)
                .collect();
            if starts.is_empty() {
                return;
            }
            let s = starts[rng.below(starts.len())];
            let name_end = b[s + 1..]
                .iter()
                .position(|&c| c == b' ' || c == b'>' || c == b'/')
                .map_or(len, |p| s + 1 + p);
            let close = [b"</".as_slice(), &b[s + 1..name_end], b">"].concat();
            let Some(e) = find(&b[s..], &close).map(|p| s + p + close.len()) else {
                return;
            };
            let piece = b[s..e].to_vec();
            let times = rng.count(20_000);
            let extra: Vec<u8> = piece
                .iter()
                .copied()
                .cycle()
                .take((piece.len() * times).min(MAX_INPUT))
                .collect();
            b.splice(e..e, extra);
        }
        1 | 2 => {
            // Replace an attribute value.
            let quotes: Vec<usize> = b
                .windows(2)
                .enumerate()
                .filter(|(_, w)| w == b"=\"")
                .map(|(i, _)| i + 2)
                .collect();
            if quotes.is_empty() {
                return;
            }
            let s = quotes[rng.below(quotes.len())];
            let e = b[s..].iter().position(|&c| c == b'"').map_or(s, |p| s + p);
            let v = XML_VALUES[rng.below(XML_VALUES.len())];
            b.splice(s..e, v.bytes());
        }
        3 => {
            // Drop a closing tag.
            let closes: Vec<usize> = b
                .windows(2)
                .enumerate()
                .filter(|(_, w)| w == b"</")
                .map(|(i, _)| i)
                .collect();
            if closes.is_empty() {
                return;
            }
            let s = closes[rng.below(closes.len())];
            let e = b[s..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(len, |p| s + p + 1);
            b.drain(s..e);
        }
        4 => {
            // Deep nesting at a tag boundary.
            let at = b
                .iter()
                .enumerate()
                .skip(rng.below(len))
                .find(|(_, c)| **c == b'<')
                .map_or(len, |(i, _)| i);
            let (open, close) = if find(b, b"w:body").is_some() {
                ("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>")
            } else {
                (
                    "<table:table><table:table-row><table:table-cell>",
                    "</table:table-cell></table:table-row></table:table>",
                )
            };
            let depth = rng.count(5_000);
            let mut ins = open.repeat(depth);
            ins.push_str(&close.repeat(depth));
            b.splice(at..at, ins.into_bytes());
        }
        _ => edit(rng, b, pool, TEXT_TOKENS),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn mutate_zip(rng: &mut Rng, base: &[u8], pool: &[Vec<u8>]) -> Vec<u8> {
    if rng.chance(10) {
        let mut b = base.to_vec();
        edit(rng, &mut b, pool, TEXT_TOKENS);
        return b;
    }
    let Some(mut entries) = zip_entries(base) else {
        return base.to_vec();
    };
    let xml_parts: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| n.ends_with(".xml") || n.ends_with(".rels"))
        .map(|(i, _)| i)
        .collect();
    let main = entries
        .iter()
        .position(|(n, _)| n == "word/document.xml" || n == "content.xml");
    let k = match main {
        Some(m) if rng.chance(80) => m,
        _ if !xml_parts.is_empty() => xml_parts[rng.below(xml_parts.len())],
        _ => return base.to_vec(),
    };
    let part_pool: Vec<Vec<u8>> = vec![entries[k].1.clone()];
    for _ in 0..1 + rng.below(3) {
        edit_xml(rng, &mut entries[k].1, &part_pool);
    }
    if rng.chance(5) {
        // Drop a part.
        let d = rng.below(entries.len());
        entries.remove(d);
    }
    rezip(&entries)
}

fn mutate_pdf(rng: &mut Rng, base: &[u8], pool: &[Vec<u8>]) -> Vec<u8> {
    if rng.chance(30) {
        let mut b = base.to_vec();
        for _ in 0..1 + rng.below(3) {
            edit(rng, &mut b, pool, PDF_TOKENS);
        }
        return b;
    }
    let Ok(mut doc) = lopdf::Document::load_mem(base) else {
        return base.to_vec();
    };
    let ids: Vec<lopdf::ObjectId> = doc.objects.keys().copied().collect();
    let streams: Vec<lopdf::ObjectId> = ids
        .iter()
        .copied()
        .filter(|id| matches!(doc.objects.get(id), Some(lopdf::Object::Stream(_))))
        .collect();
    for _ in 0..1 + rng.below(3) {
        if !streams.is_empty() && rng.chance(60) {
            let id = streams[rng.below(streams.len())];
            if let Some(lopdf::Object::Stream(s)) = doc.objects.get_mut(&id) {
                let mut content = s
                    .decompressed_content()
                    .unwrap_or_else(|_| s.content.clone());
                let tokens_pool = vec![content.clone()];
                for _ in 0..1 + rng.below(2) {
                    edit(rng, &mut content, &tokens_pool, PDF_TOKENS);
                }
                s.dict.remove(b"Filter");
                s.dict.remove(b"DecodeParms");
                s.set_content(content);
            }
        } else if !ids.is_empty() {
            let id = ids[rng.below(ids.len())];
            let target = ids[rng.below(ids.len())];
            let dict = match doc.objects.get_mut(&id) {
                Some(lopdf::Object::Dictionary(d)) => d,
                Some(lopdf::Object::Stream(s)) => &mut s.dict,
                _ => continue,
            };
            let keys: Vec<Vec<u8>> = dict.iter().map(|(k, _)| k.clone()).collect();
            if keys.is_empty() {
                continue;
            }
            let key = keys[rng.below(keys.len())].clone();
            let value = match rng.below(7) {
                0 => lopdf::Object::Integer(
                    [-1, 0, 1, 2, 99_999_999, i64::MAX, i64::MIN][rng.below(7)],
                ),
                1 => lopdf::Object::Real([f32::MAX, -1e30, 0.0, 1e-30, 3.5][rng.below(5)]),
                2 => lopdf::Object::Reference(target),
                3 => lopdf::Object::Reference(id),
                4 => lopdf::Object::Array(
                    (0..rng.count(100_000))
                        .map(|i| lopdf::Object::Integer(i as i64))
                        .collect(),
                ),
                5 => lopdf::Object::Null,
                _ => {
                    dict.remove(&key);
                    continue;
                }
            };
            dict.set(key, value);
        }
    }
    let mut out = Vec::new();
    if doc.save_to(&mut out).is_err() {
        return base.to_vec();
    }
    out
}
