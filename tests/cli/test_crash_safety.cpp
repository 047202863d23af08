// Crash safety of `mmsim run`: killed with SIGKILL at any moment, it leaves
// each report file either complete from the previous run or complete from the
// new one, never partial, and nothing that looks like a report.
//
// To kill it mid-write for certain (not by luck of timing), the test makes the
// temporary a report file will be written through (atomic_file.hpp) a named
// pipe with a one-page buffer before the process starts: writing a file larger
// than that blocks until the test reads, so once the first bytes arrive the
// process is stuck in the middle of that file when it is killed.

#include <doctest/doctest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "mmsim/atomic_file.hpp"
#include "mmsim/error.hpp"

using namespace mmsim::test;
namespace fs = std::filesystem;

namespace {

using Files = std::map<std::string, std::string>;  // file name -> content

// Every visible file of a report folder (hidden temporaries excluded).
Files report_files(const fs::path& dir) {
    Files files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().filename().string().front() != '.')
            files[entry.path().filename().string()] = read_text(entry.path());
    return files;
}

// `mmsim ARGS...` in the repository root, started but held before exec until
// release(): its process id (and so its temporaries' names) is known first.
class HeldRun {
public:
    explicit HeldRun(const std::vector<std::string>& args) {
        std::vector<std::string> words{MMSIM_BINARY};
        words.insert(words.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (std::string& word : words)
            argv.push_back(word.data());
        argv.push_back(nullptr);
        int go[2];
        REQUIRE(::pipe2(go, O_CLOEXEC) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {  // only async-signal-safe calls until exec
            char byte = 0;
            ::close(go[1]);
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, 1);
            ::dup2(null, 2);
            if (::read(go[0], &byte, 1) != 1 || ::chdir(MMSIM_SOURCE_DIR) != 0) ::_exit(126);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(go[0]);
        go_ = go[1];
    }
    ~HeldRun() {
        if (go_ >= 0) ::close(go_);
        if (pid_ > 0) kill();
    }
    HeldRun(const HeldRun&) = delete;
    HeldRun& operator=(const HeldRun&) = delete;

    pid_t pid() const { return pid_; }
    void release() {
        const char byte = 1;
        CHECK(::write(go_, &byte, 1) == 1);
        ::close(go_);
        go_ = -1;
    }
    /// SIGKILL, then reap; true when the signal is what ended the process.
    bool kill() {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    }

private:
    pid_t pid_ = -1;
    int go_ = -1;
};

// Each file of `now` is the complete previous or new version, and the same
// files are there.
void check_each_file_complete(const Files& now, const Files& previous, const Files& fresh) {
    CHECK(now.size() == previous.size());
    for (const auto& [name, content] : now) {
        CAPTURE(name);
        REQUIRE(previous.count(name) == 1);
        const bool whole = content == previous.at(name) || content == fresh.at(name);
        CHECK(whole);
    }
}

}  // namespace

TEST_SUITE("crash safety") {
    TEST_CASE("files written together are each complete, and a failure leaves no temporary") {
        const fs::path dir = fresh_folder("atomic-files");
        // b.txt comes in four parts: one larger than a page, one empty.
        const std::string big(100'000, 'x');
        std::vector<mmsim::FileContent> files{mmsim::file_content(dir / "a.txt", "first\n"),
                                              {dir / "b.txt", {"two ", big, "", " parts\n"}}};
        mmsim::write_files_atomically(files);
        Files expected{{"a.txt", "first\n"}, {"b.txt", "two " + big + " parts\n"}};
        CHECK(report_files(dir) == expected);

        // The third file's folder is missing: nothing is renamed, and the
        // temporaries already written are removed.
        files[0].parts = {"new first\n"};
        files.push_back(mmsim::file_content(dir / "missing" / "c.txt", "third\n"));
        CHECK_THROWS_WITH_AS(mmsim::write_files_atomically(files),
                             ("cannot write " + (dir / "missing" / "c.txt").string() +
                              ": No such file or directory")
                                 .c_str(),
                             mmsim::Error);
        CHECK(report_files(dir) == expected);
        std::size_t entries = 0;
        for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++entries;
        CHECK(entries == 2);  // a.txt and b.txt: no temporary left
        fs::remove_all(dir);
    }

    TEST_CASE("mmsim run killed with SIGKILL mid-write leaves every report file complete") {
        const fs::path folder = fresh_folder("crash");
        const fs::path dir = folder / "out", reference = folder / "reference";
        const std::vector<std::string> args{"run", "tests/data/cli/small.yaml", "-q",
                                            "--seed", "2", "--out", dir.string()};
        // The previous report (seed 1) and what the new run writes (seed 2).
        REQUIRE(run_mmsim("run tests/data/cli/small.yaml -q --seed 1 --out " + dir.string())
                    .exit_code == 0);
        REQUIRE(run_mmsim("run tests/data/cli/small.yaml -q --seed 2 --out " + reference.string())
                    .exit_code == 0);
        const Files previous = report_files(dir), fresh = report_files(reference);
        REQUIRE(previous.size() >= 3);
        REQUIRE(fresh.size() == previous.size());

        SUBCASE("killed as soon as it starts") {
            HeldRun run(args);
            run.release();
            run.kill();
            check_each_file_complete(report_files(dir), previous, fresh);
        }
        SUBCASE("killed in the middle of each report file in turn") {
            const long page = ::sysconf(_SC_PAGESIZE);
            int files_tried = 0;
            for (const auto& [name, content] : previous) {
                // Smaller files fit the pipe's buffer whole: nothing would block.
                if (static_cast<long>(content.size()) <= 2 * page ||
                    static_cast<long>(fresh.at(name).size()) <= 2 * page)
                    continue;
                CAPTURE(name);
                ++files_tried;
                const Files before = report_files(dir);  // earlier kills may have renewed some
                HeldRun run(args);
                const fs::path temporary = mmsim::temporary_path(dir / name, run.pid());
                REQUIRE(::mkfifo(temporary.c_str(), 0600) == 0);
                const int reader = ::open(temporary.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
                REQUIRE(reader >= 0);
                REQUIRE(::fcntl(reader, F_SETPIPE_SZ, static_cast<int>(page)) >= page);
                run.release();
                pollfd ready{reader, POLLIN, 0};
                // Bounded by a minute of wall time, against a hang only.
                REQUIRE_MESSAGE(::poll(&ready, 1, 60'000) == 1,
                                "mmsim never wrote " << name << " through " << temporary);
                CHECK(run.kill());
                ::close(reader);
                const Files now = report_files(dir);
                CHECK(now.at(name) == before.at(name));  // the file being written is untouched
                check_each_file_complete(now, previous, fresh);
                fs::remove(temporary);
            }
            CHECK(files_tried >= 3);
        }
        SUBCASE("the next run replaces every file and clears what killed runs left") {
            HeldRun gone(args);
            const pid_t dead = gone.pid();
            gone.kill();  // never released: it ends before exec
            const fs::path stale = mmsim::temporary_path(dir / "report.json", dead);
            {
                const std::string half = previous.at("report.json").substr(0, 100);
                FILE* file = std::fopen(stale.c_str(), "wb");
                REQUIRE(file != nullptr);
                std::fwrite(half.data(), 1, half.size(), file);
                std::fclose(file);
            }
            REQUIRE(run_mmsim("run tests/data/cli/small.yaml -q --seed 2 --out " + dir.string())
                        .exit_code == 0);
            CHECK(report_files(dir) == fresh);
            CHECK_FALSE(fs::exists(stale));
            for (const auto& entry : fs::directory_iterator(dir))
                CHECK(entry.path().filename().string().front() != '.');
        }
        fs::remove_all(folder);
    }
}
