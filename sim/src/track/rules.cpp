#include "simarena/track/rules.h"

#include <cstdio>
#include <numbers>

#include "simarena/base/yaml_fields.h"

namespace simarena {
namespace {

constexpr int kFormatVersion = 1;

constexpr double kMaxSeconds = 1e6;  // any time or penalty; sums of them stay finite

double non_negative(const YamlFile& f, const YAML::Node& node, const char* key) {
  const double v = f.number(node, key);
  if (v < 0 || v > kMaxSeconds) f.fail(node[key], Message(tr_noop("'%s' must be between 0 and 1e6"), key));
  return v;
}

// `cost: penalty` (default) with `penalty_s`, or `cost: disqualify`.
Cost read_cost(const YamlFile& f, const YAML::Node& node) {
  Cost c;
  const bool disqualify = node["cost"].IsDefined() && f.choice(node, "cost", {"penalty", "disqualify"}) == "disqualify";
  if (disqualify) {
    c.kind = Cost::Kind::disqualify;
    if (node["penalty_s"].IsDefined())
      f.fail(node["penalty_s"], tr_noop("'penalty_s' does not apply with cost: disqualify"));
  } else {
    c.seconds = non_negative(f, node, "penalty_s");
  }
  return c;
}

// A section holding only a cost, e.g. `lane_exit: {penalty_s: 5}`.
Cost cost_section(const YamlFile& f, const YAML::Node& root, const char* key) {
  const YAML::Node node = f.require(root, key);
  f.only_keys(node, {"cost", "penalty_s"});
  return read_cost(f, node);
}

// A cost with a rejoin time, e.g. `wall_touch: {penalty_s: 2, rejoin_s: 0.5}`.
Cost cost_with_rejoin(const YamlFile& f, const YAML::Node& root, const char* key, double& rejoin) {
  const YAML::Node node = f.require(root, key);
  f.only_keys(node, {"cost", "penalty_s", "rejoin_s"});
  rejoin = node["rejoin_s"].IsDefined() ? non_negative(f, node, "rejoin_s") : 0.0;
  return read_cost(f, node);
}

}  // namespace

std::string describe(const Cost& cost) {
  if (cost.kind == Cost::Kind::disqualify) return "disqualification";
  char text[48];
  std::snprintf(text, sizeof(text), "+%g s", cost.seconds);
  return text;
}

RuleSet load_rules(const std::filesystem::path& yaml_file) {
  const YamlFile f(yaml_file);
  const YAML::Node& root = f.root();
  f.only_keys(root, {"format_version", "name", "description", "fall", "lane_exit", "wall_touch", "knocked_obstacle",
                     "missed_checkpoint", "protection_trip", "controller_fault", "deadline_miss", "course_info",
                     "interfaces", "announcement", "ranking", "after_fall"});
  if (f.integer(root, "format_version") != kFormatVersion)
    f.fail(root["format_version"],
           Message(tr_noop("unsupported format_version; this simarena reads rule format version %s"), kFormatVersion));

  RuleSet r;
  r.file = std::filesystem::absolute(yaml_file);
  r.name = f.name(root, "name");
  r.description = f.text(root, "description", "");

  const YAML::Node fall = f.require(root, "fall");
  f.only_keys(fall, {"contact", "tilt_limit_deg", "tilt_hold_s", "rearm_s", "cost", "penalty_s"});
  const YAML::Node contact = f.require(fall, "contact");
  f.expect_sequence(contact, "'contact'");
  for (const YAML::Node& body : contact) {
    if (!body.IsScalar() || name_problem(body.Scalar()).has_value())
      f.fail(body, tr_noop("each contact entry is 'base' or a word found in robot body names, like 'thigh' (printable, "
                           "at most 64 bytes)"));
    r.fall.contact_bodies.push_back(body.Scalar());
  }
  const double tilt_deg = f.number(fall, "tilt_limit_deg");
  if (tilt_deg <= 0 || tilt_deg > 180) f.fail(fall["tilt_limit_deg"], tr_noop("'tilt_limit_deg' must be in (0, 180]"));
  r.fall.tilt_limit = tilt_deg * std::numbers::pi / 180;
  r.fall.tilt_hold = non_negative(f, fall, "tilt_hold_s");
  r.fall.rearm = non_negative(f, fall, "rearm_s");
  r.fall.cost = read_cost(f, fall);

  r.lane_exit = cost_with_rejoin(f, root, "lane_exit", r.lane_rejoin);
  r.wall_touch = cost_with_rejoin(f, root, "wall_touch", r.wall_rejoin);
  const YAML::Node knocked = f.require(root, "knocked_obstacle");
  f.only_keys(knocked, {"cost", "penalty_s", "displacement_m"});
  r.knocked_obstacle = read_cost(f, knocked);
  r.knock_displacement = f.number(knocked, "displacement_m");
  if (r.knock_displacement <= 0 || r.knock_displacement > 100)
    f.fail(knocked["displacement_m"], tr_noop("'displacement_m' must be > 0 and at most 100"));
  r.missed_checkpoint = cost_section(f, root, "missed_checkpoint");
  r.protection_trip = cost_section(f, root, "protection_trip");
  r.controller_fault = cost_section(f, root, "controller_fault");
  r.deadline_miss = cost_section(f, root, "deadline_miss");
  if (root["announcement"].IsDefined()) r.announcement = cost_section(f, root, "announcement");
  if (root["course_info"].IsDefined()) {
    const std::string info = f.choice(root, "course_info", {"none", "next_gate", "height_map"});
    r.course_info = info == "height_map"  ? CourseInfoMode::height_map
                    : info == "next_gate" ? CourseInfoMode::next_gate
                                          : CourseInfoMode::none;
  }
  if (root["ranking"].IsDefined())
    r.ranking = f.choice(root, "ranking", {"time", "points"}) == "points" ? Ranking::points : Ranking::time;
  if (root["after_fall"].IsDefined())
    r.after_fall = f.choice(root, "after_fall", {"continue", "last_point"}) == "last_point" ? AfterFall::last_point
                                                                                            : AfterFall::continue_run;
  if (const YAML::Node interfaces = root["interfaces"]; interfaces.IsDefined()) {
    f.expect_sequence(interfaces, "'interfaces'");
    r.interfaces = {false, false};
    for (const YAML::Node& item : interfaces) {
      if (!item.IsScalar() || (item.Scalar() != "motor" && item.Scalar() != "high_level"))
        f.fail(item, tr_noop("each 'interfaces' entry is 'motor' (joint commands) or 'high_level' (the robot's "
                             "locomotion API)"));
      (item.Scalar() == "motor" ? r.interfaces.motor : r.interfaces.high_level) = true;
    }
    if (!r.interfaces.motor && !r.interfaces.high_level)
      f.fail(interfaces, tr_noop("'interfaces' must name at least one of 'motor' and 'high_level'"));
  }
  return r;
}

}  // namespace simarena
