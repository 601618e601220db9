//! The `docket` command: a thin shell over the library (see `docket::cli`).

fn main() -> std::process::ExitCode {
    docket::cli::main()
}

/// Each file's live heap is counted, so a file over its memory cap stops
/// with `input.memory_limit` (see `docket::work`).
#[global_allocator]
static ALLOC: docket::work::CountingAlloc = docket::work::CountingAlloc;
