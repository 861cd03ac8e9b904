// ReplayPlayer: seeking anywhere gives bit for bit the state (and, on a
// track, the referee's judgement) that playing from the start reaches.
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <string>

#include "simarena/playback/replay_player.h"
#include "simarena/run/run_session.h"
#include "simarena/track/track_catalog.h"
#include "simarena/track/track_referee.h"
#include "test_helpers.h"

using namespace simarena;
namespace fs = std::filesystem;

namespace {

// Runs `controller` on `arena` (a track: refereed) and returns the replay.
Replay record_track(const fs::path& dir, const std::string& name, const std::string& controller,
                    const std::string& arena, double seconds) {
  RunRequest request;
  request.controller = controller;
  request.track = arena;  // a track is loaded and refereed by run_match
  request.duration = seconds;
  request.replay = dir / (name + ".replay");
  run_match(request, default_search_paths());
  return read_replay(request.replay);
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// Everything a viewer draws or a referee judges by: the snapshot, the
// derived body poses (xpos, xquat), the events and the referee's state.
void require_same_state(const ReplayPlayer& a, const ReplayPlayer& b) {
  REQUIRE(a.position() == b.position());
  const MatchState sa = a.match().snapshot(), sb = b.match().snapshot();
  REQUIRE(same_bits(sa.qpos, sb.qpos));
  REQUIRE(same_bits(sa.qvel, sb.qvel));
  REQUIRE(same_bits(sa.qacc_warmstart, sb.qacc_warmstart));
  REQUIRE(same_bits(sa.sensordata, sb.sensordata));
  REQUIRE(sa.protections.err_flag == sb.protections.err_flag);
  const mjModel* m = a.match().model();
  const mjData *da = a.match().data(), *db = b.match().data();
  REQUIRE(std::memcmp(da->xpos, db->xpos, sizeof(mjtNum) * 3 * m->nbody) == 0);
  REQUIRE(std::memcmp(da->xquat, db->xquat, sizeof(mjtNum) * 4 * m->nbody) == 0);
  REQUIRE(std::memcmp(da->geom_xpos, db->geom_xpos, sizeof(mjtNum) * 3 * m->ngeom) == 0);
  REQUIRE(a.match().events().size() == b.match().events().size());
  REQUIRE(a.match().state_hash(0) == b.match().state_hash(0));
  REQUIRE((a.referee() == nullptr) == (b.referee() == nullptr));
  if (a.referee()) {
    REQUIRE(a.referee()->summary() == b.referee()->summary());
    REQUIRE(a.referee()->referee().progress() == b.referee()->referee().progress());
    REQUIRE(a.referee()->referee().next_checkpoint() == b.referee()->referee().next_checkpoint());
  }
}

void play_to(ReplayPlayer& player, uint64_t tick) {
  while (player.position() < tick) player.step();
}

}  // namespace

TEST_CASE("replay player: seeking on the flat arena equals playing there, forward and back", "[replay_player]") {
  simarena::test::TempFolder tmp;
  const Replay replay = record_track(tmp.path, "flat", STAND_PLUGIN, kFlatArena, 3.0);
  ReplayPlayer played(replay, default_search_paths());
  ReplayPlayer seeking(replay, default_search_paths());
  REQUIRE(played.length() == 1500);
  CHECK(played.duration() == Approx(3.0));
  CHECK(played.complete());

  // The recorded chained hash after each tick is what playing reproduces.
  uint64_t hash = 0;
  for (uint64_t tick : {1234u, 600u, 1000u, 1499u, 1u, 1500u, 0u}) {
    INFO("seek to tick " << tick);
    seeking.seek(tick);
    ReplayPlayer fresh(replay, default_search_paths());
    play_to(fresh, tick);
    require_same_state(seeking, fresh);
  }
  for (uint64_t i = 0; i < 700; ++i) {
    played.step();
    hash = played.match().state_hash(hash);
    REQUIRE(hash == replay.ticks[i].state_hash);
  }
  // Seeking past the end stops at the last recorded tick; stepping there does nothing.
  seeking.seek(99999);
  CHECK(seeking.at_end());
  seeking.step();
  CHECK(seeking.position() == 1500);
  seeking.seek_time(1.4);
  CHECK(seeking.position() == 700);
  require_same_state(seeking, played);
}

TEST_CASE("replay player: on a track, seeking restores the referee's judgement too", "[replay_player]") {
  simarena::test::TempFolder tmp;
  const Replay replay = record_track(tmp.path, "sprint", TROT_PLUGIN, "sprint", 4.0);
  REQUIRE(replay.end.has_value());
  ReplayPlayer played(replay, default_search_paths());
  REQUIRE(played.referee() != nullptr);
  ReplayPlayer seeking(replay, default_search_paths());

  play_to(played, 1750);
  seeking.seek(1750);  // forward, from t = 0
  require_same_state(seeking, played);
  seeking.seek(300);   // back, before any checkpoint
  seeking.seek(1100);  // forward past the checkpoints reached before
  seeking.seek(1750);
  require_same_state(seeking, played);

  // At the end the referee's summary is the one recorded in the replay.
  seeking.seek(replay.ticks.size());
  CHECK(seeking.referee()->summary() == (*replay.end)["referee"]);
  seeking.seek(1750);
  require_same_state(seeking, played);
  CHECK_FALSE(seeking.referee()->done());
}

TEST_CASE("replay player: a killed run plays up to its last whole record", "[replay_player]") {
  simarena::test::TempFolder tmp;
  const fs::path whole = tmp.path / "whole.replay", cut = tmp.path / "cut.replay";
  RunRequest request;
  request.controller = STAND_PLUGIN;
  request.duration = 2.0;
  request.replay = whole;
  run_match(request, default_search_paths(), {});
  fs::copy_file(whole, cut, fs::copy_options::overwrite_existing);
  fs::resize_file(cut, fs::file_size(whole) * 2 / 3);

  ReplayPlayer player(read_replay(cut), default_search_paths());
  CHECK_FALSE(player.complete());
  REQUIRE(player.length() > 500);
  REQUIRE(player.length() < 1000);
  player.seek(player.length());
  CHECK(player.at_end());
  CHECK(player.match().events().size() >= 1);
}
