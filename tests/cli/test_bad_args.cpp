// The command-line corpus: tests/bad/args/NAME.args holds the arguments of one
// mmsim call ({out} stands for an output folder), NAME.expected its exact
// standard error. Each must exit with 2, print nothing on standard output and
// create no output folder.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_helpers.hpp"

using namespace mmsim::test;

namespace {

std::string replaced(std::string text, const std::string& what, const std::string& with) {
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
        text.replace(at, what.size(), with);
    return text;
}

}  // namespace

TEST_SUITE("bad arguments") {
    TEST_CASE("every case of the command-line corpus exits with 2, its exact message and nothing written") {
        const std::filesystem::path corpus = std::filesystem::path(MMSIM_SOURCE_DIR) / "tests" / "bad" / "args";
        std::vector<std::filesystem::path> cases;
        for (const auto& entry : std::filesystem::directory_iterator(corpus))
            if (entry.path().extension() == ".args") cases.push_back(entry.path());
        std::sort(cases.begin(), cases.end());
        CHECK(cases.size() >= 16);
        for (const std::filesystem::path& file : cases) {
            CAPTURE(file.filename());
            const auto out = fresh_folder("bad-args") / "out";
            std::string args = read_text(file);
            while (!args.empty() && args.back() == '\n') args.pop_back();
            const Outcome outcome = run_mmsim(replaced(args, "{out}", out.string()));
            CHECK(outcome.exit_code == 2);
            CHECK(outcome.out.empty());
            CHECK_FALSE(std::filesystem::exists(out));
            std::string expected = read_text(std::filesystem::path(file).replace_extension(".expected"));
            CHECK(outcome.err == replaced(expected, "{out}", out.string()));
        }
    }
}
