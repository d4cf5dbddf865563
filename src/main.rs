//! The `geokg` command: parse arguments, run, map the outcome to an exit code.

mod cli;

/// Extraction makes and drops many small strings and vectors per sentence; mimalloc
/// serves them faster than the system allocator (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
