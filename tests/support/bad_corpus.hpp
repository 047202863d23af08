#pragma once
// The bad-input corpus: tests/bad/NAME.yaml, each with NAME.expected holding
// exactly what mmsim must print on stderr (paths from the repository root).
//
// A case may start with directive comments (before any other line):
//   # args: --set contingents.kenya.team_size=0    extra command-line arguments
//   # commands: sweep                               commands to run it through
// `args` are split at spaces; a 'single-quoted' part may hold spaces. The
// default commands are `validate` and `run`; every command but `validate`
// also gets `--out DIR`, and DIR must not exist afterwards.

#include <filesystem>
#include <string>
#include <vector>

namespace mmsim::test {

struct BadCase {
    std::string name;                   ///< the file's stem
    std::filesystem::path file;         ///< absolute path of NAME.yaml
    std::string relative;               ///< "tests/bad/NAME.yaml", as mmsim is given it
    std::vector<std::string> args;      ///< from `# args:`
    std::vector<std::string> commands;  ///< from `# commands:`; default validate, run
    std::string expected;               ///< NAME.expected without its trailing newlines
    bool has_expected = false;          ///< NAME.expected exists
};

/// Every case of tests/bad (files named *.yaml), sorted by name.
std::vector<BadCase> bad_corpus();

/// The values of `--set VALUE` and `--set=VALUE` in `args`, in order.
std::vector<std::string> overrides_in(const std::vector<std::string>& args);

/// `text` quoted for sh: 'text', with embedded quotes escaped.
std::string shell_quote(const std::string& text);

/// Splits a directive's text at spaces; 'quoted parts' keep their spaces.
std::vector<std::string> split_arguments(const std::string& text);

}  // namespace mmsim::test
