//! Upkeep gives way to the people using the app: its thread runs at a lower CPU and disk
//! priority (so a check or a backup at start never slows the first screen), and the memory a
//! check, a backup or a burst of commands freed is handed back to the operating system (the
//! allocator otherwise keeps it, and a workstation's idle footprint grows to its busiest moment).

/// Lowers the calling thread's CPU priority (nice 10) and disk priority (the lowest
/// best-effort level), on Linux; elsewhere it does nothing. Call it on upkeep's own thread once
/// the practice is open: commands never wait for that thread (they wait only for the opening).
/// A priority once lowered cannot be raised again without privilege: only ever on a thread that
/// does nothing else afterwards.
pub fn lower_priority_of_this_thread() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: plain system calls on the calling thread (a tid of 0 means "this thread");
        // failure only leaves the priority as it was.
        unsafe {
            let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
            if libc::setpriority(libc::PRIO_PROCESS, tid, 10) != 0 {
                eprintln!("hairline: could not lower a background thread's CPU priority");
            }
            // ioprio_set(IOPRIO_WHO_PROCESS, this thread, best-effort class at its lowest level).
            const IOPRIO_WHO_PROCESS: libc::c_long = 1;
            const BEST_EFFORT_LOWEST: libc::c_long = (2 << 13) | 7;
            if libc::syscall(
                libc::SYS_ioprio_set,
                IOPRIO_WHO_PROCESS,
                0,
                BEST_EFFORT_LOWEST,
            ) != 0
            {
                eprintln!("hairline: could not lower a background thread's disk priority");
            }
        }
    }
}

/// Runs `work` on a thread of its own at lowered priority and waits for it: seconds of CPU that
/// one caller asked for (checking a password's hash, by design some hundred milliseconds) give
/// way to everyone else's quick calls instead of delaying them.
pub(crate) fn at_low_priority<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                lower_priority_of_this_thread();
                work()
            })
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Hands memory the process freed back to the operating system (glibc keeps freed pages in its
/// arenas: after the start-up check of a large practice that was over 150 MiB of an idle
/// workstation's footprint). Cheap; other allocators and systems return memory themselves.
pub(crate) fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it touches nothing in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// How long without a command counts as the window's start-up requests being answered.
const QUIET: std::time::Duration = std::time::Duration::from_millis(1500);
/// The longest upkeep waits: a window that keeps asking (or never asks) does not put it off.
const QUIET_AT_MOST: std::time::Duration = std::time::Duration::from_secs(10);

/// Waits until `service` has answered a command and then had none for a moment (at most ten
/// seconds in all): upkeep at start then reads the whole database (the quick check, a due
/// backup) after the first screen's requests rather than beside them.
pub fn wait_for_a_quiet_moment(service: &crate::api::Service) {
    let started = std::time::Instant::now();
    while started.elapsed() < QUIET_AT_MOST {
        let idle = service.idle_for();
        let asked = idle < started.elapsed();
        if asked && idle >= QUIET {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
