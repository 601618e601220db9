//! The `docket` command: a thin shell over the library (see `docket::cli`).

fn main() -> std::process::ExitCode {
    docket::cli::main()
}
