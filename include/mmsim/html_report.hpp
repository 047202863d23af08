#pragma once
// report.html: the report for people. One self-contained page (inline CSS and
// SVG charts drawn by mmsim itself; no script, font, image or link outside the
// page), readable on a laptop and printable on A4. It shows, each where the
// scenario has the data:
//   - key figures with their 95% intervals;
//   - officers in theatre by contingent over time (stacked);
//   - patrol coverage and population within the response target over time,
//     with 95% bands across replications;
//   - the response-time distribution (CDF with band, histogram, target
//     marked) and daily median and 90th percentile;
//   - funding: balance, cumulative receipts and spending (or a note that the
//     scenario has no funding model);
//   - maps: the zones at their coordinates with roads, airport and bases,
//     then small multiples per time window (or third of the run) coloured by
//     patrol ratio, coverage, response and gang control;
//   - a zone table (patrol coverage, response, incidents, gang control),
//     each column shaded from its lowest to its highest value;
//   - every other daily table (vehicles, gang control, ...) as charts;
//   - the scenario's key parameters and the provenance (tool version, seed,
//     replications, scenario file and hash).
// Dates on every time axis, units on every axis, Okabe-Ito colours.

#include <string>

#include "mmsim/report.hpp"
#include "mmsim/scenario.hpp"

namespace mmsim {

/// The HTML page for `report`, made from `scenario` (which supplies names and
/// parameters). Deterministic: same report, same bytes (no timestamp).
std::string to_html(const Report& report, const Scenario& scenario);

}  // namespace mmsim
