fn main() {
    tune_allocator();
    std::process::exit(claimdesk::cli::main());
}

/// Two glibc malloc settings, made before any thread starts.
///
/// Opening a desk allocates tens of megabytes in small pieces from several
/// threads at once. glibc grows each thread's heap a little at a time, and
/// every step takes the address-space lock that page faults on the other
/// threads need; asking for 64 MiB of headroom per step made decoding the
/// 20,000-article benchmark desk's cache on two threads 1.6x faster (measured
/// with `GLIBC_TUNABLES=glibc.malloc.top_pad=...`). Untouched headroom costs
/// no memory.
///
/// By default glibc also gives each thread an arena of its own; what one
/// thread frees stays in its arena, so the loading and linking threads each
/// kept their own high-water mark. One arena for the process: `extract` on
/// the ANT desk peaked at 233 MB instead of 289 MB (warm cache; 403 instead
/// of 423 MB cold), in the same time on two threads (`MALLOC_ARENA_MAX=1`,
/// three runs each, `/usr/bin/time -f %M`). Measured on two cores only: on
/// many, the threads share one arena's lock (glibc's per-thread cache
/// serves most small allocations without it). mimalloc instead of glibc:
/// 292 MB warm, 518 MB cold, no faster.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets tuning values; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}
