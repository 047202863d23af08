#pragma once
// Output files that are never seen half-written: each is written to a hidden
// temporary in the same folder, flushed to disk, and renamed over the old
// file, so a reader (or a run killed at any moment) finds either the complete
// previous file or the complete new one.

#include <filesystem>
#include <string>

namespace mmsim {

/// The temporary `path` is written through by process `pid`:
/// `.NAME.PID.tmp` in the same folder (hidden, and not matched by globs such
/// as `*.csv`). A process killed mid-write leaves it behind.
std::filesystem::path temporary_path(const std::filesystem::path& path, long pid);

/// Writes `content` to `path` through temporary_path(path, getpid()): written,
/// fsync'ed, renamed into place, then the folder fsync'ed so the rename
/// survives a power cut. Throws Error on failure (the temporary is removed).
void write_file_atomically(const std::filesystem::path& path, const std::string& content);

/// Removes from `dir` the temporaries left by processes that no longer exist
/// (regular files named `.NAME.PID.tmp`); those of live processes, which may
/// be writing right now, stay. Best effort: errors are ignored.
void remove_stale_temporaries(const std::filesystem::path& dir);

}  // namespace mmsim
