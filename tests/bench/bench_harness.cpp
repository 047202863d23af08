#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>

#include "bench.hpp"
#include "mmsim/error.hpp"

extern char** environ;

namespace mmsim::bench {

double thread_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

std::string load_average() {
    std::ifstream file("/proc/loadavg");
    std::string one, five, fifteen;
    file >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

// VmHWM, the high-water mark of this process's own memory. Not getrusage's
// ru_maxrss: Linux carries that across exec from the process that spawned
// us (posix_spawn shares the parent's memory until exec), so every child
// would report at least the parent's peak.
long peak_rss_kib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));  // "VmHWM:  1234 kB"
    return 0;
}

void print_peak() { std::printf("%s%ld", kPeakTag, peak_rss_kib()); }

void keep_best(Sample& best, const Sample& candidate) {
    if (best.seconds == 0 || candidate.seconds < best.seconds) best = candidate;
}

std::string source_path(const std::string& relative) {
    return std::string(MMSIM_SOURCE_DIR) + "/" + relative;
}

// A fresh process (the child prints its own peak last, see kPeakTag), so
// that the parent's memory does not count.
ChildRun run_child(const std::string& self, const std::vector<std::string>& args) {
    std::vector<std::string> words{self};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);

    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) throw Error("mmsim_bench: pipe: " + std::string(std::strerror(errno)));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);

    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, self.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (spawned != 0) {
        close(pipe_fds[0]);
        throw Error("mmsim_bench: cannot start " + self + ": " + std::strerror(spawned));
    }
    ChildRun run;
    char buffer[4096];
    for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        run.out.append(buffer, static_cast<std::size_t>(n));
    }
    close(pipe_fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    run.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::size_t tag = run.out.rfind(kPeakTag);
    if (tag != std::string::npos) {
        run.peak_rss_kib = std::stol(run.out.substr(tag + std::strlen(kPeakTag)));
        run.out.erase(tag);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error("mmsim_bench: child run failed: " + words[1]);
    return run;
}

}  // namespace mmsim::bench
