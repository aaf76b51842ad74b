//! Giving freed memory back to the system.
//!
//! Loading a desk builds and drops large temporary buffers on many threads
//! (rule scans, cache decoding, per-article vectors). glibc keeps what was
//! freed in each thread's arena for reuse, so the process's resident size
//! stays at the loading peak for the rest of the session. Trimming once the
//! desk is loaded returns those pages (docs/performance.md has the figures).

/// Returns the allocator's free pages to the system, where the allocator
/// can (glibc on Linux); elsewhere it does nothing.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks glibc's own arenas; it takes no pointer
    // of ours and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
