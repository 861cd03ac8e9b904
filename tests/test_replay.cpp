// Replays: determinism, snapshot/restore, verification, tamper detection,
// killed runs, and telemetry export.
#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "simarena/playback/replay_verify.h"
#include "simarena/playback/telemetry_csv.h"
#include "simarena/replay/replay_controller.h"
#include "simarena/replay/replay_reader.h"
#include "simarena/replay/replay_writer.h"
#include "simarena/run/run_session.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

SearchPaths test_paths() {
  SearchPaths paths = default_search_paths();
  paths.controller_dirs.insert(paths.controller_dirs.begin(), TEST_PLUGIN_DIR);
  return paths;
}

fs::path scratch(const fs::path& dir, const std::string& name) { return dir / name; }

// Runs `controller` for `seconds` and returns the replay path. Run again
// when a deadline was missed: the replay records it, and it depends on the
// machine's CPU time, not on the inputs.
fs::path record(const fs::path& dir, const std::string& name, const std::string& controller, const std::string& params,
                double seconds) {
  RunRequest request;
  request.controller = controller;
  request.params = params;
  request.duration = seconds;
  request.replay = scratch(dir, name + ".replay");
  test::run_match_untimed(request, test_paths());
  return request.replay;
}

}  // namespace

TEST_CASE("two runs of the same inputs give identical state hashes at every tick and identical replays") {
  simarena::test::TempFolder tmp;
  const fs::path a = record(tmp.path, "same_a", "stand", "", 4.0);
  const fs::path b = record(tmp.path, "same_b", "stand", "", 4.0);
  const Replay ra = read_replay(a), rb = read_replay(b);
  REQUIRE(ra.ticks.size() == 2000);
  for (size_t i = 0; i < ra.ticks.size(); ++i) REQUIRE(ra.ticks[i].state_hash == rb.ticks[i].state_hash);
  CHECK(test::file_bytes(a) == test::file_bytes(b));
}

TEST_CASE("a run restored from a mid-run snapshot continues identically") {
  simarena::test::TempFolder tmp;
  const Replay r = read_replay(record(tmp.path, "restore", "stand", "", 4.0));
  REQUIRE(r.keyframes.count(1000) == 1);  // snapshot after tick 1000 (2 s)

  // A fresh match, restored from the keyframe, fed the recorded commands from tick 1000 on.
  ReplaySimulation sim = replay_simulation(r, test_paths());
  Match continued(sim.world, std::make_unique<ReplayController>("restore", r.ticks, CommandLevel::motor, 1000));
  continued.restore(r.keyframes.at(1000));
  uint64_t hash = r.ticks[999].state_hash;
  for (size_t i = 1000; i < r.ticks.size(); ++i) {
    continued.tick();
    hash = continued.state_hash(hash);
    REQUIRE(hash == r.ticks[i].state_hash);
  }
}

TEST_CASE("a run's replay verifies without the controller") {
  simarena::test::TempFolder tmp;
  const Replay r = read_replay(record(tmp.path, "verify", "stand", "", 5.0));
  const VerifyOutcome out = verify_replay(r, test_paths());
  CHECK(out.status == VerifyOutcome::Status::verified);
  CHECK(out.ticks_checked == 2500);
  CHECK(out.final.upright);
  CHECK(r.header["controller"]["name"] == "stand");
}

TEST_CASE("a byte flipped anywhere fails verification with a precise message") {
  simarena::test::TempFolder tmp;
  const fs::path original = record(tmp.path, "tamper", "stand", "", 1.2);
  const std::string bytes = test::file_bytes(original);
  const fs::path copy = scratch(tmp.path, "tampered.replay");
  // Every 97th byte, plus the first and last: each flip alone must fail.
  std::vector<size_t> offsets;
  for (size_t i = 16; i < bytes.size(); i += 97) offsets.push_back(i);
  offsets.push_back(bytes.size() - 1);
  for (size_t offset : offsets) {
    std::string damaged = bytes;
    damaged[offset] = static_cast<char>(damaged[offset] ^ 0x20);
    test::write_bytes(copy, damaged);
    const Replay r = read_replay(copy);
    const VerifyOutcome out = verify_replay(r, test_paths());
    INFO("flipped byte " << offset << ": " << out.message);
    REQUIRE(out.status != VerifyOutcome::Status::verified);
  }
  // The message says where.
  std::string damaged = bytes;
  damaged[bytes.size() / 2] ^= 0x01;
  test::write_bytes(copy, damaged);
  const VerifyOutcome out = verify_replay(read_replay(copy), test_paths());
  CHECK(out.status == VerifyOutcome::Status::failed);
  CHECK_THAT(out.message, Contains("byte offset") && Contains("checksum mismatch"));
  // The signature itself.
  damaged = bytes;
  damaged[0] = 'X';
  test::write_bytes(copy, damaged);
  CHECK_THROWS_WITH(read_replay(copy), Contains("not a simarena replay"));
}

TEST_CASE("a replay cut off mid-run loads and verifies up to where it stopped") {
  simarena::test::TempFolder tmp;
  const fs::path original = record(tmp.path, "killed", "stand", "", 3.0);
  const std::string bytes = test::file_bytes(original);
  const fs::path copy = scratch(tmp.path, "killed_copy.replay");
  test::write_bytes(copy, bytes.substr(0, bytes.size() * 2 / 3));  // as if killed while writing
  const Replay r = read_replay(copy);
  CHECK(r.truncated);
  CHECK_FALSE(r.end.has_value());
  const VerifyOutcome out = verify_replay(r, test_paths());
  CHECK(out.status == VerifyOutcome::Status::incomplete);
  CHECK(out.ticks_checked > 900);
  CHECK_THAT(out.message, Contains("did not finish") && Contains("verified up to tick"));
}

TEST_CASE("a replay made with different robot files says so") {
  simarena::test::TempFolder tmp;
  const Replay original = read_replay(record(tmp.path, "other_files", "stand", "", 0.2));
  Replay changed = original;
  changed.header["robot"]["mjcf_hash"] = "00000000000000000000000000000000";
  const VerifyOutcome out = verify_replay(changed, test_paths());
  CHECK(out.status == VerifyOutcome::Status::failed);
  CHECK_THAT(out.message, Contains("cyberdog2.xml") && Contains("differs from the one this replay was made with"));
}

TEST_CASE("changed commands are caught as a divergence naming tick and field") {
  simarena::test::TempFolder tmp;
  const Replay original = read_replay(record(tmp.path, "diverge", "stand", "", 4.0));
  Replay changed = original;
  changed.ticks[1500].command.q_des[2] += 0.05f;  // hash chain left as recorded
  const VerifyOutcome out = verify_replay(changed, test_paths());
  CHECK(out.status == VerifyOutcome::Status::failed);
  CHECK_THAT(out.message, Contains("diverged at tick 1500") && Contains("recorded") && Contains("re-simulated"));
}

TEST_CASE("controller faults replay exactly: errors and NaN frames") {
  simarena::test::TempFolder tmp;
  const Replay nan = read_replay(record(tmp.path, "nan", "faulty", "fault=1,at=1", 1.0));
  CHECK(verify_replay(nan, test_paths()).status == VerifyOutcome::Status::verified);
  const Replay thrown = read_replay(record(tmp.path, "throw", "faulty", "fault=2,at=700", 2.0));
  const VerifyOutcome out = verify_replay(thrown, test_paths());
  CHECK(out.status == VerifyOutcome::Status::verified);
  bool saw = false;
  for (const MatchEvent& e : thrown.events) saw |= e.type == MatchEventType::controller_error;
  CHECK(saw);
}

TEST_CASE("telemetry export writes one documented row per tick") {
  simarena::test::TempFolder tmp;
  const Replay r = read_replay(record(tmp.path, "export", "stand", "", 1.0));
  const fs::path csv = scratch(tmp.path, "export.csv");
  CHECK(export_telemetry_csv(r, test_paths(), csv) == 500);
  std::ifstream in(csv);
  std::string header, first;
  std::getline(in, header);
  std::getline(in, first);
  CHECK_THAT(header, Contains("tick,t,controller,err_flag,ctrl_topic_interval_ms,base_x") && Contains("q_FR_abad") &&
                         Contains("cmd_kp_RL_knee") && Contains(",events"));
  CHECK(header.find(",points,") == std::string::npos);  // only courses scored by points have it
  CHECK_THAT(first, Contains("err_bit_set: command lost > 500 ms (bit1)"));
  size_t lines = 1;
  for (std::string line; std::getline(in, line);) ++lines;
  CHECK(lines == 500);
}
