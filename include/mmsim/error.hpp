#pragma once
// Two error channels (see STYLE.md): asserts for programming bugs, exceptions
// for bad input and runtime failures. main() turns them into exit codes.

#include <stdexcept>
#include <string>
#include <vector>

namespace mmsim {

/// A runtime failure that is not the user's input (I/O, resources): exit 1.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Where a value came from: a file (or a `--set` argument) and a 1-based
/// line and column. line == 0 means "the whole file / argument".
struct SourcePos {
    std::string file;
    int line = 0;
    int col = 0;
};

/// "file:line:col" (or just "file" when the line is unknown).
std::string to_string(const SourcePos& pos);

/// One problem found in the user's input.
struct Diagnostic {
    SourcePos pos;
    std::string message;
};

/// "file:line:col: message", the one format every input error is shown in.
std::string to_string(const Diagnostic& d);

/// Bad input (scenario, sweep file, command line): exit 2. Carries every
/// problem found, in the order found; what() is all of them, one per line.
class ScenarioError : public Error {
public:
    explicit ScenarioError(std::vector<Diagnostic> diagnostics);
    ScenarioError(SourcePos pos, const std::string& message);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

/// Bad command-line usage (unknown option, missing argument): exit 2.
class UsageError : public Error {
public:
    using Error::Error;
};

}  // namespace mmsim
