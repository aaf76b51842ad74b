fn main() {
    tune_allocator();
    std::process::exit(claimdesk::cli::main());
}

/// glibc malloc's settings, made before any thread starts.
///
/// Opening a desk allocates tens of megabytes in small pieces from several
/// threads at once. glibc grows each thread's heap a little at a time, and
/// every step takes the address-space lock that page faults on the other
/// threads need; asking for 64 MiB of headroom per step made decoding the
/// 20,000-article benchmark desk's cache on two threads 1.6x faster (measured
/// with `GLIBC_TUNABLES=glibc.malloc.top_pad=...`). Untouched headroom costs
/// no memory.
///
/// Not set: a cap on glibc's arenas (one per thread by default). What one
/// thread frees stays in its arena, so fewer arenas use less memory, but
/// the threads then wait on each other's allocations. On the ANT desk, warm
/// `extract --format jsonl` (`MALLOC_ARENA_MAX=N`, quiet machine, 2 cores):
/// default 2.9–4.0 s and 281 MB; 2 arenas 3.7–3.9 s and 229 MB; 1 arena
/// 5.1–5.5 s and 222 MB (cold: 18 s instead of 11 s). mimalloc instead of
/// glibc: 292 MB warm, 518 MB cold, no faster.
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning value; called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}
