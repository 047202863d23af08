// The money side of a scenario: the pooled fund, its sources and pledges, and
// exact amounts of money.

#include <algorithm>

#include "kernel/edit_distance.hpp"
#include "scenario/schema.hpp"
#include "scenario/sections.hpp"

namespace mmsim::detail {
namespace {

constexpr std::size_t kMaxSources = 1'000;
constexpr std::size_t kMaxPledgesPerSource = 10'000;
constexpr std::size_t kMaxFreezesPerSource = 1'000;
constexpr int kMaxInstalments = 10'000;
constexpr std::int64_t kMaxPayments = 1'000'000;

constexpr std::string_view kCostCategoryNames[] = {"personnel", "deployment", "overhead",
                                                   "operations", "vehicles"};

std::optional<Earmark> read_earmark(const Node& node, const std::string& path,
                                    const std::vector<Contingent>& contingents, Diagnostics& out) {
    const std::optional<std::string> word = read_string(node, path, out);
    if (!word) return std::nullopt;
    Earmark earmark;
    const auto* category =
        std::find(std::begin(kCostCategoryNames), std::end(kCostCategoryNames), *word);
    const auto contingent = std::find_if(contingents.begin(), contingents.end(),
                                         [&](const Contingent& c) { return c.id == *word; });
    if (category != std::end(kCostCategoryNames) && contingent != contingents.end()) {
        out.add(node.pos, path + ": " + describe(node) +
                              " is both a cost category and a contingent (rename the contingent)");
        return std::nullopt;
    }
    if (category != std::end(kCostCategoryNames)) {
        earmark.kind = Earmark::Kind::category;
        earmark.category = kCostCategories[category - std::begin(kCostCategoryNames)];
        return earmark;
    }
    if (contingent != contingents.end()) {
        if (contingent->self_funded) {
            out.add(node.pos, path + ": contingent " + describe(node) +
                                  " is self_funded, so the fund pays none of its costs");
            return std::nullopt;
        }
        earmark.kind = Earmark::Kind::contingent;
        earmark.contingent =
            ContingentId(static_cast<std::uint32_t>(contingent - contingents.begin()));
        return earmark;
    }
    std::vector<std::string_view> names(std::begin(kCostCategoryNames),
                                        std::end(kCostCategoryNames));
    for (const Contingent& c : contingents) names.push_back(c.id);
    std::string list;
    for (std::string_view name : kCostCategoryNames)
        list += std::string(list.empty() ? "" : ", ") + std::string(name);
    out.add(node.pos, path + ": expected a contingent id or a cost category (" + list + "), got " +
                          describe(node) + did_you_mean(*word, names));
    return std::nullopt;
}

// What a source's pledges inherit unless they say otherwise.
struct PledgeDefaults {
    double probability = 1;
    double paid_share = 1;
};

std::optional<Pledge> read_pledge(const Node& node, const std::string& path,
                                  PledgeDefaults defaults, ReadContext& context,
                                  const std::vector<Contingent>& contingents) {
    MapReader fields(&node, path,
                     section_keys("pledge"),
                     context.out);
    if (!fields.present()) return std::nullopt;
    Pledge pledge;
    pledge.pos = node.pos;
    bool sound = true;
    if (fields.require("date")) {
        if (std::optional<Date> date = fields.date("date")) {
            pledge.date = *date;
            // Before the start is fine (paid at the start); after the end never pays.
            sound = context.check_not_after_end(*fields.get("date"), fields.path_of("date"), *date);
        } else {
            sound = false;
        }
    }
    if (const Node* amount = fields.require("amount")) {
        std::optional<Cents> cents = read_money(*amount, fields.path_of("amount"), context.out);
        sound = sound && cents.has_value();
        pledge.amount = cents.value_or(0);
    }
    if (const Node* lag = fields.get("lag")) {
        std::optional<Distribution> dist =
            read_distribution(*lag, fields.path_of("lag"), context.out);
        sound = sound && dist.has_value();
        pledge.lag = dist.value_or(pledge.lag);
    }
    pledge.probability =
        fields.number("probability", NumberRange::closed(0, 1)).value_or(defaults.probability);
    pledge.paid_share =
        fields.number("paid_share", NumberRange::closed(0, 1)).value_or(defaults.paid_share);
    pledge.instalments = fields.integer("instalments", IntRange{1, kMaxInstalments}).value_or(1);
    const std::optional<Hours> interval = fields.duration("interval", DurationBound::positive);
    pledge.interval = interval.value_or(0);
    if (pledge.instalments > 1 && !fields.get("interval")) {
        context.out.add(fields.get("instalments")->pos,
                        fields.path_of("instalments") + ": " + std::to_string(pledge.instalments) +
                            " instalments need an interval (add " + fields.path_of("interval") +
                            ", e.g. 90d)");
        sound = false;
    }
    if (const Node* earmark = fields.get("earmark")) {
        std::optional<Earmark> read =
            read_earmark(*earmark, fields.path_of("earmark"), contingents, context.out);
        sound = sound && read.has_value();
        if (read) pledge.earmark = *read;
    }
    if (std::optional<PledgeForm> form = fields.enumerated<PledgeForm>("form")) {
        pledge.form = *form;
        if (pledge.form == PledgeForm::in_kind && !fields.get("earmark")) {
            context.out.add(fields.get("form")->pos,
                            fields.path_of("form") +
                                ": support in kind pays for something in particular: add " +
                                fields.path_of("earmark") +
                                " (a contingent id or a cost category, e.g. deployment)");
            sound = false;
        }
    } else if (fields.get("form")) {
        sound = false;
    }
    return sound && fields.complete() ? std::optional(pledge) : std::nullopt;
}

std::vector<Freeze> read_freezes(const Node& node, const std::string& path, ReadContext& context) {
    std::vector<Freeze> freezes;
    const std::vector<Node>* items =
        read_list(node, path, kMaxFreezesPerSource, "freezes", context.out);
    if (!items) return freezes;
    for (std::size_t i = 0; i < items->size(); ++i) {
        MapReader fields(&(*items)[i], index_path(path, i), section_keys("freeze"), context.out);
        std::optional<std::string> reason = fields.string("reason");
        std::optional<Date> from = fields.require("from") ? fields.date("from") : std::nullopt;
        std::optional<Date> to = fields.require("to") ? fields.date("to") : std::nullopt;
        if (!from || !to) continue;
        if (!(*to > *from)) {
            context.out.add(fields.get("to")->pos, fields.path_of("to") + ": " + format_date(*to) +
                                                       " is not after from (" + format_date(*from) +
                                                       ")");
            continue;
        }
        freezes.push_back(Freeze{context.hours_since_start(*from), context.hours_since_start(*to),
                                 reason.value_or("")});
    }
    return freezes;
}

FundingSource read_source(const MapEntry& entry, ReadContext& context,
                          const std::vector<Contingent>& contingents, std::int64_t& payments) {
    const std::string path = "funding.sources." + entry.key;
    MapReader fields(&entry.value, path,
                     section_keys("source"), context.out);
    FundingSource source;
    source.id = entry.key;
    source.pos = entry.key_pos;
    source.name = fields.string("name").value_or(entry.key);
    PledgeDefaults defaults;
    defaults.probability = fields.number("probability", NumberRange::closed(0, 1)).value_or(1);
    defaults.paid_share = fields.number("paid_share", NumberRange::closed(0, 1)).value_or(1);
    if (const Node* pledges = fields.get("pledges")) {
        const std::string list_path = fields.path_of("pledges");
        if (const std::vector<Node>* items =
                read_list(*pledges, list_path, kMaxPledgesPerSource, "pledges", context.out)) {
            for (std::size_t i = 0; i < items->size(); ++i) {
                std::optional<Pledge> pledge = read_pledge((*items)[i], index_path(list_path, i),
                                                           defaults, context, contingents);
                if (!pledge) continue;
                payments += pledge->instalments;
                source.pledges.push_back(std::move(*pledge));
            }
        }
    }
    if (const Node* freezes = fields.get("freezes"))
        source.freezes = read_freezes(*freezes, fields.path_of("freezes"), context);
    return source;
}

void read_sources(const Node& node, ReadContext& context,
                  const std::vector<Contingent>& contingents, Funding& funding) {
    const auto* entries = read_id_map(node, "funding.sources", kMaxSources, "sources", context.out);
    if (!entries) return;
    std::int64_t payments = 0;
    for (const MapEntry& entry : *entries) {
        if (!check_id(entry, "funding.sources", context.out)) continue;
        funding.sources.push_back(read_source(entry, context, contingents, payments));
    }
    if (payments > kMaxPayments)
        context.out.add(node.pos, over_limit("funding.sources", static_cast<std::uint64_t>(payments),
                                             "instalments in all pledges", kMaxPayments));
}

// A duration that must be a whole number of days >= 1, as days.
std::optional<int> read_whole_days(const MapReader& fields, std::string_view key) {
    std::optional<Hours> hours = fields.duration(key, DurationBound::positive);
    if (!hours) return std::nullopt;
    const double days = *hours / kHoursPerDay;
    if (days == static_cast<double>(static_cast<int>(days)) && days >= 1)
        return static_cast<int>(days);
    const Node& node = *fields.get(key);
    fields.diagnostics().add(node.pos, fields.path_of(key) +
                                           ": expected a whole number of days (e.g. 30d), got " +
                                           describe(node));
    return std::nullopt;
}

}  // namespace

std::optional<Cents> read_money(const Node& node, const std::string& path, Diagnostics& out) {
    ParsedMoney parsed;
    if (node.is_scalar())
        parsed = parse_money(node.text);
    else
        parsed.problem = MoneyProblem::not_a_number;
    if (parsed.cents) return parsed.cents;
    std::string problem;
    switch (parsed.problem) {
    case MoneyProblem::too_precise:
        problem = " (more than 2 decimals: money is kept in whole cents)";
        break;
    case MoneyProblem::too_large: problem = " (too large: the limit is 1e12)"; break;
    default: break;
    }
    out.add(node.pos, path + ": expected an amount of money >= 0 such as 1500 or 2.5e6, got " +
                          describe(node) + problem);
    return std::nullopt;
}

void read_funding(const Node* node, ReadContext& context,
                  const std::vector<Contingent>& contingents, std::optional<Funding>& out) {
    if (!node) return;
    MapReader fields(node, "funding", section_keys("funding"), context.out);
    if (!fields.present()) return;
    Funding funding;
    auto money = [&](std::string_view key, Cents fallback) {
        const Node* value = fields.get(key);
        return value ? read_money(*value, fields.path_of(key), context.out).value_or(fallback)
                     : fallback;
    };
    funding.opening_balance = money("opening_balance", funding.opening_balance);
    funding.credit_line = money("credit_line", funding.credit_line);
    funding.overhead_per_day = money("overhead_per_day", funding.overhead_per_day);
    funding.operating_cost_per_patrol_hour =
        money("operating_cost_per_patrol_hour", funding.operating_cost_per_patrol_hour);
    funding.review_days = read_whole_days(fields, "review_period").value_or(funding.review_days);
    funding.reserve_days =
        fields.integer("reserve_days", IntRange{0, kMaxHorizonDays}).value_or(funding.reserve_days);
    if (std::optional<ShortfallPolicy> policy = fields.enumerated<ShortfallPolicy>("shortfall_policy")) {
        funding.policy = *policy;
        if (funding.policy == ShortfallPolicy::reduce_operations &&
            funding.operating_cost_per_patrol_hour == 0)
            context.out.add(
                fields.get("shortfall_policy")->pos,
                "funding.shortfall_policy: reduce_operations cuts the operating cost of "
                "teams on duty, so it needs funding.operating_cost_per_patrol_hour > 0");
    }
    if (const Node* sources = fields.get("sources"))
        read_sources(*sources, context, contingents, funding);
    out = std::move(funding);
}

}  // namespace mmsim::detail
