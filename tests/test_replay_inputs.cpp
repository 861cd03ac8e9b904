// Replays carry their input files (format 2): a run of a robot and a track
// given by path verifies, exports and plays after those files are deleted;
// a modified carried file fails verification; format-1 replays still verify.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "simarena/base/input_error.h"
#include "simarena/playback/replay_verify.h"
#include "simarena/replay/replay_format.h"
#include "simarena/replay/replay_inputs.h"
#include "simarena/replay/replay_reader.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string kSimarena = SIMARENA_EXECUTABLE;

using simarena::test::shell;

// Recomputes every record's chained checksum, as a forger would after
// editing a payload (sizes unchanged).
void rechain(std::string& bytes) {
  uint64_t chain = 0;
  for (size_t at = sizeof(replay::kMagic); at + replay::kRecordHeaderSize <= bytes.size();) {
    uint32_t size = 0;
    std::memcpy(&size, bytes.data() + at + 4, sizeof(size));
    const auto* payload = reinterpret_cast<const uint8_t*>(bytes.data() + at + replay::kRecordHeaderSize);
    chain = replay::record_checksum(chain, static_cast<replay::RecordType>(bytes[at]), payload, size);
    std::memcpy(bytes.data() + at + replay::kRecordHeaderSize + size, &chain, sizeof(chain));
    at += replay::kRecordHeaderSize + size + replay::kChecksumSize;
  }
}

// A copy of minidog and of the sprint track with its rule set, in `dir`.
void copy_inputs(const fs::path& dir) {
  fs::copy(test::source_path("tests/robots/minidog"), dir / "dog", fs::copy_options::recursive);
  fs::create_directories(dir / "course" / "rules");
  fs::copy_file(test::source_path("arenas/sprint.yaml"), dir / "course" / "track.yaml");
  fs::copy_file(test::source_path("arenas/rules/standard.yaml"), dir / "course" / "rules" / "standard.yaml");
}

// Records stand on the copied robot and track; returns the replay.
fs::path record_by_path(const fs::path& dir, const std::string& name) {
  const std::string out = (dir / (name + ".json")).string();
  REQUIRE(shell("cd " + dir.string() + " && " + kSimarena +
                " run --robot dog/robot.yaml --track course/track.yaml --controller stand --duration 2.2 --quiet"
                " --out " +
                out + " >" + out + ".log 2>&1") == 0);
  return dir / (name + ".replay");
}

SearchPaths no_paths() { return {}; }

}  // namespace

TEST_CASE("a replay of a robot and track given by path verifies, exports and plays after they are deleted",
          "[replay][replay_inputs]") {
  test::TempFolder tmp;
  copy_inputs(tmp.path);
  const fs::path replay = record_by_path(tmp.path, "by_path");
  // Same inputs, same bytes (the carried files included).
  CHECK(test::file_bytes(record_by_path(tmp.path, "again")) == test::file_bytes(replay));
  fs::remove_all(tmp.path / "dog");
  fs::remove_all(tmp.path / "course");

  const std::string log = (tmp.path / "verify.log").string();
  const int verified = shell(kSimarena + " verify " + replay.string() + " >" + log + " 2>&1");
  INFO(test::file_bytes(log));
  CHECK(verified == 0);
  CHECK_THAT(test::file_bytes(log), Contains("VERIFIED") && Contains("550 ticks") && Contains("score: stopped"));

  const fs::path csv = tmp.path / "by_path.csv";
  REQUIRE(shell(kSimarena + " export " + replay.string() + " --csv " + csv.string() + " >/dev/null 2>&1") == 0);
  const std::string rows = test::file_bytes(csv);
  CHECK(std::count(rows.begin(), rows.end(), '\n') == 551);  // header + one row per tick
  CHECK_THAT(rows, Contains("q_FR_knee"));                   // minidog's joints, from the carried robot.yaml

  test::gl_children_skip_leak_check();
  const fs::path shot = tmp.path / "by_path.png";
  const std::string view_log = (tmp.path / "view.log").string();
  const int viewed =
      shell("env -u DISPLAY -u WAYLAND_DISPLAY " + kSimarena + " view --replay " + replay.string() +
            " --at 1 --gl egl --no-overlay --size 320x180 --screenshot " + shot.string() + " >" + view_log + " 2>&1");
  if (viewed != 0 && test::file_bytes(view_log).find("EGL offscreen rendering unavailable") != std::string::npos) {
    WARN("SKIPPED the view: no EGL/Mesa on this machine");
    return;
  }
  if (viewed != 0 && test::file_bytes(view_log).find("built without the viewer") != std::string::npos) {
    WARN("SKIPPED the view: this build has no viewer (-DSIMARENA_GUI=OFF)");
    return;
  }
  INFO(test::file_bytes(view_log));
  CHECK(viewed == 0);
  CHECK(fs::file_size(shot) > 1000);
}

TEST_CASE("the replay carries the robot, its MJCF, the track and the rule set, listed with hashes",
          "[replay][replay_inputs]") {
  test::TempFolder tmp;
  copy_inputs(tmp.path);
  const Replay r = read_replay(record_by_path(tmp.path, "listed"));
  REQUIRE(r.header["format_version"] == replay::kFormatVersion);
  REQUIRE(r.inputs.size() == 4);
  CHECK(r.inputs[0].role == ReplayInput::Role::robot);
  CHECK(r.inputs[0].name == "robot.yaml");
  CHECK(r.inputs[0].bytes == test::file_bytes(tmp.path / "dog" / "robot.yaml"));
  CHECK(r.inputs[1].name == "minidog.xml");
  CHECK(r.inputs[2].role == ReplayInput::Role::track);
  CHECK(r.inputs[3].role == ReplayInput::Role::rules);
  CHECK(r.inputs[3].name == "standard.yaml");
  CHECK(r.header["inputs"] == describe_replay_inputs(r.inputs));
  // Nothing is looked up by name: no search paths at all.
  CHECK(verify_replay(r, no_paths()).status == VerifyOutcome::Status::verified);
}

TEST_CASE("a modified carried track fails verification", "[replay][replay_inputs]") {
  test::TempFolder tmp;
  copy_inputs(tmp.path);
  const fs::path original = record_by_path(tmp.path, "tamper");
  const std::string bytes = test::file_bytes(original);
  const size_t limit = bytes.find("time_limit: 90");
  REQUIRE(limit != std::string::npos);
  std::string changed = bytes;
  changed.replace(limit, 14, "time_limit: 99");
  const fs::path copy = tmp.path / "changed.replay";

  SECTION("edited in place: the record checksum breaks") {
    test::write_bytes(copy, changed);
    const VerifyOutcome out = verify_replay(read_replay(copy), no_paths());
    CHECK(out.status == VerifyOutcome::Status::failed);
    CHECK_THAT(out.message, Contains("input record #3: checksum mismatch"));
  }
  SECTION("checksums recomputed: the content hash in the header disagrees") {
    rechain(changed);
    test::write_bytes(copy, changed);
    const VerifyOutcome out = verify_replay(read_replay(copy), no_paths());
    CHECK(out.status == VerifyOutcome::Status::failed);
    CHECK_THAT(out.message, Contains("carried track file 'track.yaml' differs from its content hash"));
  }
  SECTION("header list rewritten too: the referee's track hash disagrees") {
    Replay r = read_replay(original);
    r.inputs[2].bytes.replace(r.inputs[2].bytes.find("time_limit: 90"), 14, "time_limit: 99");
    r.header["inputs"] = describe_replay_inputs(r.inputs);
    const VerifyOutcome out = verify_replay(r, no_paths());
    CHECK(out.status == VerifyOutcome::Status::failed);
    CHECK_THAT(out.message, Contains("(carried track.yaml)") && Contains("track differs"));
  }
}

TEST_CASE("a format-1 replay recorded before inputs were carried still verifies", "[replay][replay_inputs]") {
  // Recorded by the main-branch build before format 2 (tests/fixtures/replay_v1/README.md).
  const fs::path fixture = test::source_path("tests/fixtures/replay_v1");
  const Replay r = read_replay(fixture / "minidog_sprint_v1.replay");
  REQUIRE(r.header["format_version"] == 1);
  CHECK(r.inputs.empty());
  SearchPaths paths;
  paths.data_dirs = {fixture};
  const VerifyOutcome out = verify_replay(r, paths);
  INFO(out.message);
  CHECK(out.status == VerifyOutcome::Status::verified);
  CHECK(out.ticks_checked == 525);
  // Format 1 finds its files by name: without them it says which is missing.
  CHECK_THAT(verify_replay(r, no_paths()).message, Contains("minidog: unknown robot"));
}

TEST_CASE("a format-2 replay recorded before the typed events still verifies", "[replay][replay_inputs]") {
  // Recorded before match events were typed (tests/fixtures/replay_v2/README.md):
  // the typed path must read and re-create every recorded event as it was.
  const Replay r = read_replay(test::source_path("tests/fixtures/replay_v2/minidog_faulty_v2.replay"));
  REQUIRE(r.header["format_version"] == 2);
  REQUIRE(r.events.size() == 129);
  const VerifyOutcome out = verify_replay(r, no_paths());
  INFO(out.message);
  CHECK(out.status == VerifyOutcome::Status::verified);
  CHECK(out.ticks_checked == 750);
  CHECK_THAT(out.message, Contains("129 events") && Contains("final state hash 4be585ca559aecd8"));
}

TEST_CASE("carried files are unpacked only inside their private folder", "[replay][replay_inputs]") {
  using Role = ReplayInput::Role;
  const std::vector<ReplayInput> fine = {
      {Role::robot, "robot.yaml", "a"}, {Role::robot_file, "../shared/dog.xml", "b"}, {Role::track, "t.yaml", "c"}};
  fs::path folder;
  {
    const UnpackedReplayInputs unpacked(fine, "x.replay");
    REQUIRE(unpacked.robot);
    folder = unpacked.robot->parent_path().parent_path();
    // The MJCF named with ../ sits where robot.yaml expects it.
    CHECK(test::file_bytes(unpacked.robot->parent_path() / "../shared/dog.xml") == "b");
    CHECK(test::file_bytes(*unpacked.track) == "c");
  }
  CHECK_FALSE(fs::exists(folder));  // removed with the object

  for (const ReplayInput& bad :
       {ReplayInput{Role::robot_file, "/etc/passwd", "x"}, ReplayInput{Role::track, "../../escape.yaml", "x"},
        ReplayInput{Role::rules, "rules/../../x.yaml", "x"}}) {
    INFO(bad.name);
    CHECK_THROWS_AS(UnpackedReplayInputs({bad}, "x.replay"), InputError);
  }
}

TEST_CASE("files the MJCF names travel with the robot", "[replay][replay_inputs]") {
  test::TempFolder tmp;
  fs::copy(test::source_path("tests/robots/minidog"), tmp.path / "dog", fs::copy_options::recursive);
  fs::create_directories(tmp.path / "dog" / "meshes");
  test::write_bytes(tmp.path / "dog" / "meshes" / "foot.stl", "solid foot\nendsolid foot\n");
  std::string mjcf = test::file_bytes(tmp.path / "dog" / "minidog.xml");
  mjcf.insert(mjcf.find("<worldbody>"), R"(<compiler meshdir="meshes"/><asset><mesh file="foot.stl"/></asset>)");
  test::write_bytes(tmp.path / "dog" / "minidog.xml", mjcf);
  const auto inputs = collect_replay_inputs(load_robot_spec(tmp.path / "dog" / "robot.yaml"), "flat", no_paths());
  REQUIRE(inputs.size() == 3);
  CHECK(inputs[2].role == ReplayInput::Role::robot_file);
  CHECK(inputs[2].name == "meshes/foot.stl");
  CHECK(inputs[2].bytes == "solid foot\nendsolid foot\n");
}
