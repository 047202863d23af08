#include "mmsim/tables.hpp"

#include "report/csv.hpp"

namespace mmsim {

std::string to_wide_csv(const Report& report, const std::string& table) {
    std::vector<const SeriesSummary*> columns;
    for (const SeriesSummary& s : report.series)
        if (s.table == table) columns.push_back(&s);
    std::string out = "date";
    for (const SeriesSummary* s : columns) out += ',' + detail::csv_field(s->entity + '.' + s->metric);
    out += '\n';
    const std::size_t days = columns.empty() ? 0 : columns.front()->by_day.size();
    for (std::size_t day = 0; day < days; ++day) {
        out += format_date(add_days(report.start, static_cast<int>(day)));
        for (const SeriesSummary* s : columns) {
            out += ',';
            // An undefined day (no incident answered, say) stays an empty cell.
            out += detail::csv_figure(s->by_day[day].mean);
        }
        out += '\n';
    }
    return out;
}

}  // namespace mmsim
