//! Read lead cells and print the leads docket finds in each.
//!
//! One cell per line on standard input; "\n" inside a line stands for a
//! paragraph break in the cell. Prints each lead as name | role |
//! organisation, so a new lead form can be tried before it goes into
//! `tests/recognise_leads.rs`:
//!
//! ```text
//! echo 'DS Ann Poe & DC Bo Roe (Anyplace Police)' | cargo run --example leads
//! ```

use std::io::BufRead;

use docket::recognise::{Grammars, lead};

fn main() {
    let g = Grammars::builtin();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let cell = line.replace("\\n", "\n");
        println!("{line}");
        for l in lead::split_leads(&cell, &g) {
            let show = |x: &Option<String>| x.clone().unwrap_or_else(|| "-".into());
            println!(
                "    {} | {} | {}",
                show(&l.name),
                show(&l.role),
                show(&l.organisation)
            );
        }
    }
}
