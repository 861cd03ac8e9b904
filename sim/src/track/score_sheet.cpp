#include "simarena/track/score_sheet.h"

#include <cstdio>
#include <map>
#include <stdexcept>

#include "simarena/base/content_hash.h"
#include "simarena/base/messages.h"
#include "simarena/track/field_course.h"

namespace simarena {
namespace {

constexpr int kSheetFormatVersion = 1;

std::string line(const char* pattern, double a, double b = 0, double c = 0) {
  char text[160];
  std::snprintf(text, sizeof(text), pattern, a, b, c);
  return text;
}

// Points a segment earned (> 0) and lost (< 0) in a score.
std::pair<double, double> segment_totals(const Score& score, size_t segment) {
  double earned = 0, deducted = 0;
  for (const PointsItem& p : score.point_items)
    if (p.segment == static_cast<int>(segment)) (p.points > 0 ? earned : deducted) += p.points;
  return {earned, deducted};
}

}  // namespace

nlohmann::json events_json(const std::vector<RefereeEvent>& events) {
  nlohmann::json list = nlohmann::json::array();
  for (const RefereeEvent& e : events) {
    list.push_back({{"t", e.time},
                    {"type", event_name(e.type)},
                    {"index", e.index},
                    {"progress_m", e.progress},
                    {"value", e.value},
                    {"detail", e.detail}});
    if (carries_points(e)) {  // only then: sheets of courses without points stay as they were
      list.back()["points"] = e.points;
      list.back()["segment"] = e.segment;
    }
  }
  return list;
}

std::vector<RefereeEvent> events_from_json(const nlohmann::json& events) {
  std::vector<RefereeEvent> out;
  for (const auto& j : events) {
    const auto type = event_type_from_name(j.at("type").get<std::string>());
    if (!type) throw std::runtime_error("score sheet: unknown event type '" + j.at("type").get<std::string>() + "'");
    RefereeEvent e;
    e.time = j.at("t");
    e.type = *type;
    e.index = j.at("index");
    e.progress = j.at("progress_m");
    e.value = j.at("value");
    e.detail = j.at("detail");
    e.points = j.value("points", 0.0);
    e.segment = j.value("segment", -1);
    out.push_back(std::move(e));
  }
  return out;
}

nlohmann::json score_json(const Score& score) {
  nlohmann::json penalties = nlohmann::json::array();
  for (const PenaltyItem& p : score.penalties)
    penalties.push_back({{"t", p.time},
                         {"type", event_name(p.type)},
                         {"index", p.index},
                         {"seconds", p.seconds},
                         {"detail", p.detail}});
  nlohmann::json out = {{"result", result_name(score.result)},
                        {"reason", score.reason},
                        {"started", score.started},
                        {"start_time_s", score.start_time},
                        {"course_time_s", score.course_time},
                        {"progress_m", score.progress},
                        {"penalty_s", score.penalty_seconds},
                        {"total_time_s", score.total_time},
                        {"rank_key", score.rank_key},
                        {"penalties", penalties}};
  if (score.by_points) {
    nlohmann::json items = nlohmann::json::array();
    for (const PointsItem& p : score.point_items)
      items.push_back({{"t", p.time},
                       {"type", event_name(p.type)},
                       {"rule", p.type == RefereeEventType::field_deduction && p.index >= 0 &&
                                        p.index < static_cast<int>(kFieldRuleCount)
                                    ? field_rule_name(static_cast<FieldRule>(p.index))
                                    : event_name(p.type)},
                       {"segment", p.segment},
                       {"points", p.points},
                       {"detail", p.detail}});
    out["points"] = score.points;
    out["segment_points"] = score.segment_points;
    out["point_items"] = items;
  }
  return out;
}

nlohmann::json score_sheet(const Track& track, const RuleSet& rules, const std::vector<RefereeEvent>& events,
                           const Score& score, const ScoreSheetInfo& info) {
  using nlohmann::json;
  json sheet{
      {"format", "simarena score sheet"},
      {"format_version", kSheetFormatVersion},
      {"track",
       {{"name", track.name},
        {"file", track.file.filename().string()},
        {"format_version", 1},
        {"hash", track_hash(track)},
        {"length_m", track.length()},
        {"time_limit_s", track.time_limit}}},
      {"rules",
       {{"name", rules.name},
        {"file", rules.file.filename().string()},
        {"format_version", 1},
        {"hash", hash_file(rules.file)}}},
      {"robot", info.robot},
      {"controller",
       {{"name", info.controller_name},
        {"file", std::filesystem::path(info.controller_path).filename().string()},
        {"params", info.controller_params},
        {"interface", info.interface}}},
      {"seed", info.seed},
      {"events", events_json(events)},
  };
  sheet.update(score_json(score));
  if (track.field && track.field->points) {  // per segment: what it was worth and what the run got
    nlohmann::json segments = nlohmann::json::array();
    for (size_t k = 0; k < track.field->segments.size(); ++k) {
      const auto [earned, deducted] = segment_totals(score, k);
      segments.push_back({{"name", track.field->segments[k].name},
                          {"available", track.field->points->segment_points[k]},
                          {"earned", earned},
                          {"deducted", deducted},
                          {"total", earned + deducted}});
    }
    sheet["segments"] = segments;
  }
  return sheet;
}

std::string events_log(const std::vector<RefereeEvent>& events, const RuleSet& rules) {
  std::string out;
  for (const RefereeEvent& e : events) {
    char head[96];
    std::snprintf(head, sizeof(head), "%9.3f s  %7.2f m  %-17s ", e.time, e.progress, event_name(e.type));
    out += head;
    out += e.detail;
    if (const Cost* cost = cost_of(e.type, rules)) out += "  [" + describe(*cost) + "]";
    if (e.points != 0) out += line("  [%+g points]", e.points);
    out += "\n";
  }
  return out;
}

std::string score_summary(const Track& track, const RuleSet& rules, const Score& score) {
  std::string out = tr("track       ") + track.name + " " +
                    line(tr("(%.1f m, limit %.0f s)"), track.length(), track.time_limit) + tr(", rules ") + rules.name +
                    "\n";
  out += tr("result      ") + std::string(result_name(score.result)) + ": " + score.reason + "\n";
  if (score.result == Score::Result::finished)
    out += line(tr("time        %.3f s course + %.1f s penalties = %.3f s\n"), score.course_time, score.penalty_seconds,
                score.total_time);
  else
    out += line(tr("progress    %.3f m of %.1f m (reached %.3f s after the start)\n"), score.progress, track.length(),
                score.course_time) +
           line(tr("penalties   %.1f s\n"), score.penalty_seconds);
  std::map<std::string, std::pair<int, double>> by_kind;
  for (const PenaltyItem& p : score.penalties) {
    auto& [count, seconds] = by_kind[event_name(p.type)];
    ++count;
    seconds += p.seconds;
  }
  for (const auto& [kind, entry] : by_kind)
    out += "            " + kind + line(" x%.0f: %.1f s\n", entry.first, entry.second);
  if (score.by_points && track.field && track.field->points) {
    out += line(tr("points      %g of %g\n"), score.points, track.field->points->total());
    for (size_t k = 0; k < track.field->segments.size(); ++k) {
      const auto [earned, deducted] = segment_totals(score, k);
      out += "            " + track.field->segments[k].name +
             line(tr(": %g earned of %g, %g deducted\n"), earned, track.field->points->segment_points[k],
                  deducted < 0 ? -deducted : 0.0);
    }
    for (const PointsItem& p : score.point_items) {
      if (p.points < 0) out += line(tr("            %9.3f s  %+g points  "), p.time, p.points) + p.detail + "\n";
      if (p.type == RefereeEventType::restart)
        out += line(tr("            %9.3f s  restart  "), p.time) + p.detail + "\n";
      if (p.type == RefereeEventType::segment_skipped)
        out += line(tr("            %9.3f s  skipped  "), p.time) + p.detail + "\n";
    }
  }
  out += line(tr("rank key    [%.0f, %.3f, %.3f]\n"), score.rank_key[0], score.rank_key[1], score.rank_key[2]);
  return out;
}

}  // namespace simarena
