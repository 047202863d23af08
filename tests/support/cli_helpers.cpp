#include "cli_helpers.hpp"

#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace mmsim::test {

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

long ended_process() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    if (child < 0 || ::waitpid(child, nullptr, 0) != child) return -1;
    return child;
}

long start_mmsim(const std::vector<std::string>& args) {
    std::vector<std::string> words{MMSIM_BINARY};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int error = ::posix_spawn(&pid, MMSIM_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return error == 0 ? pid : -1;
}

std::filesystem::path fresh_folder(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() /
               ("mmsim-test-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

namespace {

Outcome run_in_shell(const std::string& prefix, const std::string& args) {
    auto dir = fresh_folder("capture");
    const auto out = dir / "stdout", err = dir / "stderr";
    const std::string command = prefix + "cd '" MMSIM_SOURCE_DIR "' && '" MMSIM_BINARY "' " +
                                args + " >'" + out.string() + "' 2>'" + err.string() +
                                "' </dev/null";
    int status = std::system(command.c_str());
    Outcome outcome;
    outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    outcome.out = read_text(out);
    outcome.err = read_text(err);
    std::filesystem::remove_all(dir);
    return outcome;
}

}  // namespace

Outcome run_mmsim(const std::string& args) { return run_in_shell("", args); }

Outcome run_mmsim(const std::string& args, const RunLimits& limits) {
    std::string prefix = "ulimit -t " + std::to_string(limits.cpu_seconds) + " && ";
    if (limits.memory_mib > 0) prefix += "ulimit -v " + std::to_string(limits.memory_mib * 1024) + " && ";
    return run_in_shell(prefix, args);
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace mmsim::test
