#include "simarena/playback/replay_verify.h"

#include <cmath>
#include <cstdio>

#include "simarena/base/content_hash.h"
#include "simarena/base/input_error.h"
#include "simarena/replay/replay_controller.h"
#include "simarena/run/run_report.h"
#include "simarena/run/run_session.h"
#include "simarena/track/track_mjcf.h"

namespace simarena {
namespace {

std::string hex(uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(value));
  return text;
}

void require_same(const std::string& file, const std::string& here, const std::string& recorded, const char* what) {
  if (here != recorded)
    throw InputError(file, std::string(what) + " differs from the one this replay was made with (content hash " + here +
                               " here, " + recorded + " in the replay); verify with the same files");
}

// The first value that differs between two snapshots, in words.
std::string first_difference(const MatchState& recorded, const MatchState& now) {
  const struct {
    const char* name;
    const std::vector<double>& a;
    const std::vector<double>& b;
  } fields[] = {{"qpos", recorded.qpos, now.qpos},
                {"qvel", recorded.qvel, now.qvel},
                {"act", recorded.act, now.act},
                {"qacc_warmstart", recorded.qacc_warmstart, now.qacc_warmstart},
                {"sensordata", recorded.sensordata, now.sensordata}};
  for (const auto& f : fields)
    for (size_t i = 0; i < std::min(f.a.size(), f.b.size()); ++i)
      if (std::memcmp(&f.a[i], &f.b[i], sizeof(double)) != 0) {
        char text[160];
        std::snprintf(text, sizeof(text), "%s[%zu] recorded %.17g, re-simulated %.17g", f.name, i, f.a[i], f.b[i]);
        return text;
      }
  if (recorded.protections.err_flag != now.protections.err_flag) return "err_flag differs";
  return "physics state equal; controller-side state differs";
}

}  // namespace

void ReplaySimulation::tick(const replay::TickRecord& record) {
  if (record.has_push) run->match().apply_push_ticks(record.push_force, record.push_ticks);
  run->tick();
}

nlohmann::json ReplaySimulation::referee_summary() {
  if (!run->referee()) return nullptr;
  run->stop();
  return run->referee()->summary();
}

ReplaySimulation replay_simulation(const Replay& replay, const SearchPaths& paths) {
  const nlohmann::json& h = replay.header;
  const std::string replay_name = replay.path.string();
  std::string robot_name, arena_name;
  uint64_t seed = 0;
  try {
    robot_name = h.at("robot").at("name").get<std::string>();
    arena_name = h.at("arena").at("name").get<std::string>();
    seed = h.at("arena").at("seed").get<uint64_t>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(replay_name, std::string("replay header is missing a field: ") + e.what());
  }
  const bool carried = h.value("format_version", 0) >= 2;
  const bool refereed = h.contains("referee") && !h["referee"].is_null();
  ReplaySimulation sim;
  if (carried) {
    check_replay_inputs(replay.inputs, h.value("inputs", nlohmann::json()), replay_name);
    sim.inputs = std::make_shared<const UnpackedReplayInputs>(replay.inputs, replay_name);
    const UnpackedReplayInputs& files = *sim.inputs;
    if (!files.robot) throw InputError(replay_name, "the replay carries no robot description; it was modified");
    if (arena_name != kFlatArena && !files.track)
      throw InputError(replay_name, "the replay carries no track file for arena '" + arena_name + "'");
    if (refereed && !files.rules) throw InputError(replay_name, "the replay carries no rule set for its referee");
    const RobotSpec robot = load_robot_spec(*files.robot);
    sim.world =
        World::build(robot, arena_name == kFlatArena ? flat_arena() : track_arena(load_track(*files.track), seed));
    if (refereed)
      sim.course =
          std::make_shared<const TrackWithRules>(TrackWithRules{load_track(*files.track), load_rules(*files.rules)});
  } else {
    const RobotSpec robot = load_robot_spec(find_robot(robot_name, paths));  // the robot first: its error first
    sim.world = World::build(robot, load_arena(arena_name, seed, paths));
    if (refereed) sim.course = std::make_shared<const TrackWithRules>(load_track_with_rules(arena_name, paths));
  }
  // Messages name the carried copy by the replay, a found file by its path.
  const auto where = [&](const std::filesystem::path& file) {
    return carried ? replay_name + " (carried " + file.filename().string() + ")" : file.string();
  };
  const RobotSpec& robot = sim.world->robot();
  require_same(where(robot.file), hash_file(robot.file), h["robot"]["yaml_hash"], "robot description");
  require_same(where(robot.mjcf_path), hash_file(robot.mjcf_path), h["robot"]["mjcf_hash"], "robot MJCF");
  require_same(arena_name, hash_text(sim.world->world_xml()), h["world_hash"], "assembled world (arena)");
  // Replays before the high-level API have no interface: motor level.
  const CommandLevel interface =
      h["controller"].value("interface", "motor") == "high_level" ? CommandLevel::high_level : CommandLevel::motor;
  auto controller =
      std::make_unique<ReplayController>(h["controller"]["name"].get<std::string>(), replay.ticks, interface);
  controller->replay_host_observations(replay.events, robot.control_period);
  if (refereed) {
    const nlohmann::json& r = h["referee"];
    require_same(where(sim.course->track.file), track_hash(sim.course->track), r.value("track_hash", ""), "track");
    require_same(where(sim.course->rules.file), hash_file(sim.course->rules.file), r.value("rules_hash", ""),
                 "rule set");
  }
  sim.run = std::make_unique<Run>(sim.world, refereed ? sim.course : nullptr, std::move(controller));
  return sim;
}

VerifyOutcome verify_replay(const Replay& replay, const SearchPaths& paths,
                            const std::function<void(const Run&)>& on_tick) {
  VerifyOutcome out;
  if (replay.damage) {
    out.message = "byte offset " + std::to_string(replay.damage->offset) + ": " + replay.damage->message;
    return out;
  }
  const int version = replay.header.value("format_version", 0);
  if (version < replay::kOldestFormatVersion || version > replay::kFormatVersion) {
    out.message = "replay format version " + std::to_string(version) + "; this simarena reads versions " +
                  std::to_string(replay::kOldestFormatVersion) + " to " + std::to_string(replay::kFormatVersion);
    return out;
  }
  const std::string recorded_build = replay.header.value("build", "");
  const bool same_build = recorded_build == build_id();
  if (!same_build) out.notes.push_back("made by another build (" + recorded_build + "); this is " + build_id());

  ReplaySimulation sim;
  try {
    sim = replay_simulation(replay, paths);
  } catch (const InputError& e) {
    out.message = e.what();
    return out;
  }
  Match& match = sim.match();
  const double period = sim.world->robot().control_period;

  uint64_t hash = 0;
  if (on_tick) on_tick(*sim.run);
  for (const replay::TickRecord& record : replay.ticks) {
    sim.tick(record);
    hash = match.state_hash(hash);
    if (on_tick) on_tick(*sim.run);
    if (hash != record.state_hash) {
      char text[200];
      std::snprintf(text, sizeof(text), "diverged at tick %llu (t = %.3f s): state hash recorded %s, re-simulated %s",
                    static_cast<unsigned long long>(record.tick), match.time(), hex(record.state_hash).c_str(),
                    hex(hash).c_str());
      out.message = text;
      // Name the first differing value at the next keyframe, if the replay has one.
      const auto keyframe = replay.keyframes.lower_bound(match.ticks());
      if (keyframe != replay.keyframes.end() && keyframe->first <= replay.ticks.size()) {
        while (match.ticks() < keyframe->first) sim.tick(replay.ticks[match.ticks()]);
        out.message += "; at tick " + std::to_string(keyframe->first) + ": " +
                       first_difference(keyframe->second, match.snapshot());
      }
      if (!same_build) out.message += " (expected: the replay comes from another build)";
      out.ticks_checked = record.tick;
      return out;
    }
    out.ticks_checked++;
  }

  const auto& events = match.events();
  for (size_t i = 0; i < replay.events.size(); ++i) {
    const MatchEvent& rec = replay.events[i];
    if (i >= events.size() || events[i].type != rec.type || events[i].detail != rec.detail ||
        std::abs(events[i].time - rec.time) > 1e-9) {
      out.message = "event #" + std::to_string(i) + " (" + match_event_name(rec.type) +
                    " at t = " + std::to_string(rec.time) + " s) is not what the re-simulation produces" +
                    (i < events.size() ? " (" + std::string(match_event_name(events[i].type)) +
                                             " at t = " + std::to_string(events[i].time) + " s)"
                                       : std::string(" (no such event)"));
      return out;
    }
  }
  out.final = final_state(match);

  if (!replay.end) {
    out.status = VerifyOutcome::Status::incomplete;
    char text[200];
    std::snprintf(text, sizeof(text), "the run did not finish; verified up to tick %llu (t = %.3f s)%s",
                  static_cast<unsigned long long>(out.ticks_checked), out.ticks_checked * period,
                  replay.truncated ? ", where the file ends mid-record" : "");
    out.message = text;
    return out;
  }
  const nlohmann::json& end = *replay.end;
  if (end.value("ticks", uint64_t{0}) != out.ticks_checked || end.value("final_state_hash", "") != hex(hash)) {
    out.message = "end record disagrees with the ticks: " + std::to_string(out.ticks_checked) + " ticks, hash " +
                  hex(hash) + " re-simulated";
    return out;
  }
  if (end.value("final", nlohmann::json{}) != to_json(out.final)) {
    out.message = "recorded final summary differs from the re-simulated one";
    return out;
  }
  const nlohmann::json judged = sim.referee_summary();
  if (end.value("referee", nlohmann::json{}) != judged) {
    out.message = "the referee's recorded decisions differ from the re-simulated ones";
    if (judged.is_object() && end.contains("referee") && end["referee"].is_object())
      out.message += " (recorded " + end["referee"].value("result", "?") + ", " +
                     std::to_string(end["referee"].value("total_time_s", 0.0)) + " s; re-judged " +
                     judged.value("result", "?") + ", " + std::to_string(judged.value("total_time_s", 0.0)) + " s)";
    return out;
  }
  if (const TrackReferee* referee = sim.run->referee()) {
    out.score = score_run(referee->referee().events(), referee->referee().rules());
    out.referee_events = referee->referee().events().size();
  }
  if (replay.events.size() != events.size()) {
    out.message = "the re-simulation produces " + std::to_string(events.size()) + " events, the replay records " +
                  std::to_string(replay.events.size());
    return out;
  }
  out.status = VerifyOutcome::Status::verified;
  char text[160];
  std::snprintf(text, sizeof(text), "%llu ticks (%.3f s), %zu events, final state hash %s",
                static_cast<unsigned long long>(out.ticks_checked), out.ticks_checked * period, events.size(),
                hex(hash).c_str());
  out.message = text;
  return out;
}

}  // namespace simarena
