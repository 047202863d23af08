#include "mmsim/theatre.hpp"

#include <cassert>
#include <limits>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

namespace mmsim {

namespace {

using RoadGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                        boost::no_property,
                                        boost::property<boost::edge_weight_t, double>>;

}  // namespace

TravelTimes::TravelTimes(const Theatre& theatre) : zones_(theatre.zones.size()) {
    RoadGraph graph(zones_);
    for (const Road& road : theatre.roads) {
        assert(road.a.value < zones_ && road.b.value < zones_ && road.travel >= 0);
        boost::add_edge(road.a.value, road.b.value, road.travel, graph);
    }

    constexpr double kInfinity = std::numeric_limits<double>::infinity();
    road_hours_.assign(zones_ * zones_, kInfinity);
    std::vector<double> distance(zones_);
    for (std::size_t source = 0; source < zones_; ++source) {
        boost::dijkstra_shortest_paths(
            graph, boost::vertex(source, graph),
            boost::distance_map(boost::make_iterator_property_map(
                                    distance.begin(), boost::get(boost::vertex_index, graph)))
                .distance_inf(kInfinity));
        for (std::size_t target = 0; target < zones_; ++target)
            road_hours_[source * zones_ + target] = distance[target];
    }

    internal_response_.reserve(zones_);
    for (const Zone& zone : theatre.zones) internal_response_.push_back(zone.internal_response);
}

}  // namespace mmsim
