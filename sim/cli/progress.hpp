#pragma once
// The progress display of `mmsim sweep` and of a long `mmsim run` on stderr: a bar redrawn in place on a
// terminal, a plain line every few seconds otherwise (logs, Slurm output).
// Wall-clock time is used for the rate and ETA only, never for results.

#include <chrono>
#include <iosfwd>
#include <string>

#include "mmsim/sweep.hpp"

namespace mmsim::cli {

class ProgressDisplay {
public:
    /// `terminal`: redraw a bar in place; otherwise a line every `interval`.
    /// `unit` names what is counted ("tasks" of a sweep, "replications" of a run).
    ProgressDisplay(std::ostream& out, bool terminal, std::chrono::milliseconds interval,
                    std::string unit = "tasks");
    /// Shows `progress` if enough time passed since the last display (always
    /// when the shard is done); with `events` > 0, also events per second.
    void update(const SweepProgress& progress, std::uint64_t events = 0);
    /// Ends the display (the bar's line); seconds since construction.
    double finish();

private:
    std::string status(const SweepProgress& progress, double elapsed_s, std::uint64_t events) const;

    std::ostream& out_;
    bool terminal_;
    std::chrono::milliseconds interval_;
    std::string unit_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
    bool shown_ = false;
};

}  // namespace mmsim::cli
