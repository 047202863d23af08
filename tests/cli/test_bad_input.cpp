// Bad input end to end: every case of the corpus in tests/bad (see
// bad_corpus.hpp), and hostile files too big or too odd to commit, made here
// at test time. Each must be refused with exactly its expected problems, exit
// code 2, within bounded CPU time and memory, and without writing a report.

#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "bad_corpus.hpp"
#include "cli_helpers.hpp"
#include "mmsim/document.hpp"
#include "mmsim/scenario.hpp"
#include "temp_files.hpp"
#include "scenario_text.hpp"

using namespace mmsim;
using namespace mmsim::test;
using mmsim::testing::TempDir;

namespace {

constexpr RunLimits kHostileLimits = kHostileRunLimits;

std::string strip(std::string text, const std::string& prefix) {
    for (std::size_t at; !prefix.empty() && (at = text.find(prefix)) != std::string::npos;)
        text.erase(at, prefix.size());
    return text;
}

// Runs `mmsim COMMAND FILE ARGS [--out DIR]` and checks the refusal: exit code
// 2, `expected` on stderr (after removing `prefix` from paths), nothing on
// stdout and no report folder.
void check_refused(const std::string& command, const std::string& file,
                   const std::vector<std::string>& args, const std::string& expected,
                   const std::string& prefix = "") {
    CAPTURE(command);
    const std::filesystem::path out = fresh_folder("refused") / "out";
    std::string line = command + " " + shell_quote(file);
    for (const std::string& arg : args)
        line += " " + shell_quote(arg);
    if (command != "validate") line += " --out " + shell_quote(out.string());
    const Outcome outcome = run_mmsim(line, kHostileLimits);
    CHECK(outcome.exit_code == 2);
    CHECK(strip(outcome.err, prefix) == expected + "\n");
    CHECK(outcome.out.empty());
    CHECK_FALSE(std::filesystem::exists(out));
    std::filesystem::remove_all(out.parent_path());
}

void check_refused_everywhere(const std::string& file, const std::string& expected,
                              const std::string& prefix) {
    check_refused("validate", file, {}, expected, prefix);
    check_refused("run", file, {}, expected, prefix);
}

// Writes `bytes` bytes of YAML that would take yaml-cpp minutes to read, so
// that only the size check can refuse it in time.
void write_big_yaml(const std::filesystem::path& file, std::uintmax_t bytes) {
    std::ofstream out(file, std::ios::binary);
    const std::string chunk = [] {
        std::string text;
        while (text.size() < (1u << 20))
            text += "- [a, b, c, d, e, f, g, h, i, j, k, l, m, n]\n";
        return text;
    }();
    for (std::uintmax_t written = 0; written < bytes; written += chunk.size())
        out.write(chunk.data(), static_cast<std::streamsize>(std::min<std::uintmax_t>(
                                    chunk.size(), bytes - written)));
}

const std::string& kBase = mmsim::testing::kMinimalScenario;

}  // namespace

TEST_SUITE("bad input") {
    TEST_CASE("the corpus holds well over 60 cases, each with its expected output") {
        const std::vector<BadCase> cases = bad_corpus();
        CHECK(cases.size() > 100);
        for (const BadCase& c : cases) {
            CAPTURE(c.name);
            CHECK(c.has_expected);
            CHECK_FALSE(c.expected.empty());
            CHECK_FALSE(c.commands.empty());
        }
    }

    TEST_CASE("every scenario case of the corpus gives exactly its expected problems") {
        const std::string root = (std::filesystem::path(MMSIM_SOURCE_DIR) / "").string();
        for (const BadCase& c : bad_corpus()) {
            // Sweep files and other non-scenario cases are checked through
            // the binary only.
            const bool scenario = std::find(c.commands.begin(), c.commands.end(), "validate") !=
                                  c.commands.end();
            if (!scenario) continue;
            CAPTURE(c.name);
            std::string reported = "(loaded without error)";
            try {
                load_scenario(c.file.string(), overrides_in(c.args));
            } catch (const ScenarioError& error) {
                // Paths are reported as given; the corpus records them from the
                // repository root.
                reported = strip(error.what(), root);
            }
            CHECK(reported == c.expected);
        }
    }

    TEST_CASE("mmsim refuses every corpus case with exit code 2, its problems and no report") {
        // Under the sanitizers an mmsim process takes a quarter of a second to
        // start, and this test took four minutes of CI. There every second
        // case runs its first command, and every eighth case all of its
        // commands; the loader's part of every case is checked in-process
        // (above) under the sanitizers too.
#ifdef MMSIM_TEST_SANITIZED
        constexpr std::size_t kFirstCommandEvery = 2, kAllCommandsEvery = 8;
#else
        constexpr std::size_t kFirstCommandEvery = 1, kAllCommandsEvery = 1;
#endif
        std::size_t index = 0;
        for (const BadCase& c : bad_corpus()) {
            CAPTURE(c.name);
            const std::size_t i = index++;
            std::size_t commands = 0;
            if (i % kAllCommandsEvery == 0)
                commands = c.commands.size();
            else if (i % kFirstCommandEvery == 0)
                commands = 1;
            for (std::size_t k = 0; k < commands; ++k)
                check_refused(c.commands[k], c.relative, c.args, c.expected);
        }
    }

    TEST_CASE("hostile files too big or too odd to commit are refused at once") {
        TempDir dir("hostile");
        const std::string prefix = dir.prefix();
        SUBCASE("a directory") {
            std::filesystem::create_directories(dir.path() / "folder.yaml");
            check_refused_everywhere((dir.path() / "folder.yaml").string(),
                                     "folder.yaml: cannot read file: is a directory", prefix);
        }
        SUBCASE("a file that does not exist") {
            check_refused_everywhere((dir.path() / "nowhere.yaml").string(),
                                     "nowhere.yaml: cannot read file: No such file or directory",
                                     prefix);
        }
        SUBCASE("a named pipe, which would block a reader forever") {
            const std::filesystem::path fifo = dir.path() / "pipe.yaml";
            REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
            check_refused_everywhere(fifo.string(), "pipe.yaml: cannot read file: not a regular file",
                                     prefix);
        }
        SUBCASE("an endless device") {
            check_refused_everywhere("/dev/zero", "/dev/zero: cannot read file: not a regular file",
                                     prefix);
        }
        SUBCASE("an unreadable file") {
            const std::string file = dir.write("locked.yaml", kBase);
            std::filesystem::permissions(file, std::filesystem::perms::none);
            const int probe = ::open(file.c_str(), O_RDONLY);
            if (probe >= 0) {
                // root (as in CI containers) reads whatever the permissions say.
                ::close(probe);
                MESSAGE("skipped: this user can read a file with mode 000 (root?)");
            } else {
                check_refused_everywhere(file, "locked.yaml: cannot read file: Permission denied",
                                         prefix);
            }
            std::filesystem::permissions(file, std::filesystem::perms::owner_all);
        }
        SUBCASE("a 100 MB file") {
            const std::filesystem::path file = dir.path() / "huge.yaml";
            write_big_yaml(file, 100'000'000);
            check_refused_everywhere(
                file.string(),
                "huge.yaml: cannot read file: file too large (100000000 bytes; the limit is " +
                    std::to_string(kMaxDocumentBytes) + ")",
                prefix);
        }
        SUBCASE("a file one byte over the size limit") {
            const std::filesystem::path file = dir.path() / "over.yaml";
            write_big_yaml(file, kMaxDocumentBytes + 1);
            check_refused_everywhere(
                file.string(),
                "over.yaml: cannot read file: file too large (" +
                    std::to_string(kMaxDocumentBytes + 1) + " bytes; the limit is " +
                    std::to_string(kMaxDocumentBytes) + ")",
                prefix);
        }
        SUBCASE("a 2 MiB string") {
            const std::string file =
                dir.write("long.yaml", kBase + "description: \"" + std::string(2u << 20, 'x') + "\"\n");
            check_refused_everywhere(file,
                                     "long.yaml:10:14: a value longer than " +
                                         std::to_string(kMaxScalarBytes) + " bytes (the limit)",
                                     prefix);
        }
        SUBCASE("an alias bomb of long strings") {
            std::string text = kBase + "note: &a " + std::string(1'000'000, 'y') + "\ndescription: [";
            for (int i = 0; i < 70; ++i)
                text += i == 0 ? "*a" : ", *a";
            const std::string file = dir.write("bomb.yaml", text + "]\n");
            check_refused_everywhere(file,
                                     "bomb.yaml:11:275: more than " +
                                         std::to_string(kMaxDocumentScalarBytes) +
                                         " bytes of text once aliases are expanded (the limit)",
                                     prefix);
        }
        SUBCASE("an extends chain one file too long") {
            for (int i = 1; i <= kMaxExtendsDepth; ++i)
                dir.write("chain" + std::to_string(i) + ".yaml",
                          "extends: chain" + std::to_string(i + 1) + ".yaml\n");
            const std::string child = dir.write("child.yaml", "extends: chain1.yaml\nname: bad\n");
            check_refused_everywhere(child,
                                     "chain" + std::to_string(kMaxExtendsDepth - 1) +
                                         ".yaml:1:1: extends: more than " +
                                         std::to_string(kMaxExtendsDepth) +
                                         " files in the chain (the limit)",
                                     prefix);
        }
        SUBCASE("an extends chain whose files are each under the size limit, but not together") {
            // Three parents of 3 MiB (comments: cheap to read), 9 MiB in all.
            const std::string padding = [] {
                std::string text;
                while (text.size() < (3u << 20)) text += "# " + std::string(77, 'x') + "\n";
                return text;
            }();
            std::uintmax_t bytes = 0;
            for (int i = 1; i <= 3; ++i) {
                const std::string text = (i < 3 ? "extends: big" + std::to_string(i + 1) + ".yaml\n"
                                                 : std::string("name: bad\n")) + padding;
                dir.write("big" + std::to_string(i) + ".yaml", text);
                bytes += text.size();
            }
            const std::string child = dir.write("child.yaml", "extends: big1.yaml\n");
            check_refused_everywhere(child,
                                     "big2.yaml:1:1: extends: the files of the chain hold " +
                                         std::to_string(bytes + std::string("extends: big1.yaml\n").size()) +
                                         " bytes together, more than " +
                                         std::to_string(kMaxDocumentBytes) +
                                         " (the limit holds for the whole chain)",
                                     prefix);
        }
        SUBCASE("an extends chain whose files are each under the values limit, but not together") {
            // Each parent expands to 90,604 values through an alias (under the
            // 100,000 an alias may add): the 12th takes the chain past 10^6.
            std::string list = "[0", uses = "[*a";
            for (int i = 1; i < 300; ++i) {
                list += ", 0";
                uses += ", *a";
            }
            for (int i = 1; i <= 12; ++i)
                dir.write("values" + std::to_string(i) + ".yaml",
                          (i < 12 ? "extends: values" + std::to_string(i + 1) + ".yaml\n" : std::string("x: 1\n")) +
                              "v: &a " + list + "]\nw: " + uses + "]\n");
            const std::string child = dir.write("child.yaml", "extends: values1.yaml\nname: bad\n");
            check_refused_everywhere(child,
                                     "values11.yaml:1:1: extends: the files of the chain hold more than " +
                                         std::to_string(kMaxDocumentNodes) +
                                         " values together (the limit holds for the whole chain)",
                                     prefix);
        }
    }
}
