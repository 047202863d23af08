#include "progress.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>
#include <utility>

namespace mmsim::cli {
namespace {

std::string duration_text(double seconds) {
    if (!std::isfinite(seconds)) return "--";
    const auto whole = static_cast<long long>(std::llround(seconds));
    char buffer[32];
    if (whole >= 3600)
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", whole / 3600, whole / 60 % 60,
                      whole % 60);
    else
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld", whole / 60, whole % 60);
    return buffer;
}

}  // namespace

ProgressDisplay::ProgressDisplay(std::ostream& out, bool terminal,
                                 std::chrono::milliseconds interval, std::string unit)
    : out_(out),
      terminal_(terminal),
      interval_(interval),
      unit_(std::move(unit)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

std::string ProgressDisplay::status(const SweepProgress& p, double elapsed_s,
                                    std::uint64_t events) const {
    const double share =
        p.total == 0 ? 1.0 : static_cast<double>(p.done) / static_cast<double>(p.total);
    const double rate = elapsed_s > 0 ? static_cast<double>(p.done - p.resumed) / elapsed_s : 0;
    const double eta = rate > 0 ? static_cast<double>(p.total - p.done) / rate : NAN;
    char buffer[200];
    std::snprintf(buffer, sizeof buffer, "%llu/%llu %s %5.1f%%  %.1f %s/s",
                  static_cast<unsigned long long>(p.done), static_cast<unsigned long long>(p.total),
                  unit_.c_str(), 100 * share, rate, unit_.c_str());
    std::string text = buffer;
    if (events > 0 && elapsed_s > 0) {
        std::snprintf(buffer, sizeof buffer, "  %.3g events/s", static_cast<double>(events) / elapsed_s);
        text += buffer;
    }
    return text + "  ETA " + (p.done == p.total ? "0:00" : duration_text(eta));
}

void ProgressDisplay::update(const SweepProgress& p, std::uint64_t events) {
    const auto now = std::chrono::steady_clock::now();
    const bool done = p.done == p.total;
    const auto wait = terminal_ ? std::chrono::milliseconds(100) : interval_;
    if (shown_ && !done && now - last_ < wait) return;
    if (!terminal_ && !shown_ && !done && p.done == p.resumed) return;  // nothing to say yet
    last_ = now;
    shown_ = true;
    const double elapsed_s = std::chrono::duration<double>(now - start_).count();
    if (!terminal_) {
        out_ << "sweep: " << status(p, elapsed_s, events) << std::endl;
        return;
    }
    constexpr int kWidth = 30;
    const int filled =
        p.total == 0
            ? kWidth
            : static_cast<int>(kWidth * static_cast<double>(p.done) / static_cast<double>(p.total));
    out_ << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
         << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] "
         << status(p, elapsed_s, events) << "\x1b[K" << std::flush;
}

double ProgressDisplay::finish() {
    if (terminal_ && shown_) out_ << "\n" << std::flush;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

}  // namespace mmsim::cli
