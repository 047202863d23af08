// The response model's shifts: the roster each contingent fields and the
// posts its free teams patrol (see response.hpp).
#include "incidents/response_model.hpp"

#include <algorithm>
#include <cassert>
#include <tuple>


namespace mmsim::detail {

void ResponseModel::on_shift_start(Sim& sim, std::span<const int> teams_by_contingent) {
    assert(teams_by_contingent.size() == slots_.size());
    for (std::uint32_t c = 0; c < slots_.size(); ++c)
        resize_roster(sim, c, std::max(0, teams_by_contingent[c]));
    post_teams(sim);
    serve_queue(sim);
}

std::uint32_t ResponseModel::team_slot(std::uint32_t contingent, int number) {
    auto& slots = slots_[contingent];
    if (static_cast<std::size_t>(number) > slots.size()) {
        assert(static_cast<std::size_t>(number) == slots.size() + 1);
        Team team;
        team.contingent = contingent;
        team.number = number;
        slots.push_back(static_cast<std::uint32_t>(teams_.size()));
        free_teams_.register_team(static_cast<std::uint32_t>(teams_.size()),
                                  (std::uint64_t{contingent} << 32) | static_cast<std::uint32_t>(number));
        teams_.push_back(team);
    }
    return slots[static_cast<std::size_t>(number - 1)];
}

void ResponseModel::resize_roster(Sim& sim, std::uint32_t c, int wanted) {
    auto on_roster = [&](const Team& team) { return fielded(team) && !team.standing_down; };
    // The contingent's teams, last formed first.
    std::vector<std::uint32_t>& mine = roster_scratch_;
    mine.assign(slots_[c].begin(), slots_[c].end());
    std::sort(mine.begin(), mine.end(), [&](std::uint32_t a, std::uint32_t b) {
        return std::tie(teams_[a].formed, teams_[a].number) > std::tie(teams_[b].formed, teams_[b].number);
    });
    int count = static_cast<int>(std::count_if(
        mine.begin(), mine.end(), [&](std::uint32_t t) { return on_roster(teams_[t]); }));

    for (std::uint32_t t : mine) {  // free teams stand down at once
        if (count <= wanted) break;
        Team& team = teams_[t];
        if (team.state != TeamState::free) continue;
        detach(t);
        if (team.moving) sim.cancel(team.arrival);
        team.moving = false;
        team.state = TeamState::off;
        attach(t);
        --count;
    }
    for (std::uint32_t t : mine) {  // busy ones leave when released
        if (count <= wanted) break;
        if (!on_roster(teams_[t])) continue;
        teams_[t].standing_down = true;
        --count;
    }
    for (auto it = mine.rbegin(); it != mine.rend() && count < wanted; ++it) {
        if (!teams_[*it].standing_down) continue;  // rejoin, earliest formed first
        teams_[*it].standing_down = false;
        ++count;
    }
    const std::vector<ZoneId>& bases = scenario_.theatre.bases;
    const ZoneId fallback_base = scenario_.airport.zone.value_or(ZoneId(0));
    for (int number = 1; count < wanted; ++number) {
        const std::uint32_t t = team_slot(c, number);
        Team& team = teams_[t];
        if (fielded(team)) continue;
        const ZoneId base = bases.empty() ? fallback_base : bases[formations_ % bases.size()];
        team.formed = formations_++;
        team.state = TeamState::free;
        team.at = team.post = base;
        team.unposted = true;
        team.ever_fielded = true;
        attach(t);
        ++count;
    }
}

void ResponseModel::post_teams(Sim& sim) {
    int roster = 0;
    std::vector<int>& openings = openings_;  // the allocation less the busy teams posted
    openings.assign(zones_, 0);
    for (const Team& team : teams_) {
        if (!fielded(team) || team.standing_down) continue;
        ++roster;
        if (busy(team)) --openings[team.post.value];
    }
    // The allocation depends only on the roster's size and the zones' rates:
    // most shifts reuse the last one.
    if (roster != allocation_roster_ || allocation_stale_) {
        const AllocationInput input{rate_per_h_, demand_teams_, population_, &travel_,
                                    scenario_.patrols.response_target};
        allocation_ = allocate_teams(scenario_.patrols.policy, input, roster);
        allocation_roster_ = roster;
        allocation_stale_ = false;
    }
    for (std::size_t z = 0; z < zones_; ++z) openings[z] += allocation_[z];

    // Free teams by id, so posts do not depend on formation history.
    std::vector<std::uint32_t>& free_teams = free_list_;
    free_teams.clear();
    for (std::uint32_t t = 0; t < teams_.size(); ++t)
        if (teams_[t].state == TeamState::free) free_teams.push_back(t);
    std::sort(free_teams.begin(), free_teams.end(), [&](std::uint32_t a, std::uint32_t b) {
        return std::tie(teams_[a].contingent, teams_[a].number) <
               std::tie(teams_[b].contingent, teams_[b].number);
    });
    std::vector<PostCandidate>& candidates = candidates_;
    candidates.clear();
    for (std::uint32_t t : free_teams) {
        const Team& team = teams_[t];
        candidates.push_back(PostCandidate{
            team.at, team.unposted ? std::nullopt : std::optional<ZoneId>(team.post)});
    }
    const std::vector<ZoneId> posts = assign_posts(openings, candidates, travel_);
    for (std::size_t i = 0; i < free_teams.size(); ++i) {
        const std::uint32_t t = free_teams[i];
        if (!teams_[t].unposted && teams_[t].post == posts[i]) continue;
        detach(t);
        teams_[t].post = posts[i];
        teams_[t].unposted = false;
        attach(t);
        move_to_post(sim, t);
    }
}

}  // namespace mmsim::detail
