// report.xlsx in a build without libxlsxwriter: the format is refused (the
// run command checks xlsx_supported() before simulating).

#include "mmsim/tables.hpp"

#include "mmsim/error.hpp"

namespace mmsim {

bool xlsx_supported() { return false; }

std::string to_xlsx(const Report&, const Scenario&, const std::filesystem::path&) {
    throw UsageError(
        "this mmsim was built without libxlsxwriter, so it cannot write report.xlsx "
        "(install libxlsxwriter-dev and rebuild: scripts/setup.sh)");
}

}  // namespace mmsim
