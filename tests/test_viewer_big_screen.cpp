// The viewer on the big screen (issue 20), without OpenGL: every key press
// counts, the default window fits the screen, one rounding rule for course
// times, pushes in the referee's feed, deductions and restarts on the points
// course, a replay seek refills the plots, a normal start reads "starting",
// the broadcast look changes nothing that is simulated, paints sprint's lane
// and lifts its lines off the surface, a
// tournament's results folder names runs by entry, and the broadcast camera
// comes from the track file (bad blocks refused with file:line:column).
#include <GLFW/glfw3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "broadcast_look.h"
#include "camera_rig.h"
#include "course_clock.h"
#include "ghost.h"
#include "gl_context.h"
#include "key_queue.h"
#include "leaderboard.h"
#include "practice_panel.h"
#include "practice_session.h"
#include "referee_feed.h"
#include "replay_session.h"
#include "simarena/base/input_error.h"
#include "simarena/run/run_session.h"
#include "simarena/track/score_sheet.h"
#include "start_up.h"
#include "test_helpers.h"

using namespace simarena;
namespace fs = std::filesystem;

namespace {

std::vector<float> samples(const gui::SampleRing& ring) {
  std::vector<float> out;
  for (int i = 0; i < ring.count(); ++i) {
    const int capacity = static_cast<int>(gui::TelemetryHistory::kCapacity);
    out.push_back(ring.data()[(ring.offset() + i) % capacity]);
  }
  return out;
}

}  // namespace

TEST_CASE("a key tapped and released within one slow frame still acts", "[viewer]") {
  gui::KeyPressQueue keys;
  keys.on_key(GLFW_KEY_P, GLFW_PRESS);  // both inside one glfwPollEvents
  keys.on_key(GLFW_KEY_P, GLFW_RELEASE);
  keys.on_key(GLFW_KEY_4, GLFW_PRESS);
  keys.on_key(GLFW_KEY_4, GLFW_RELEASE);
  const gui::ControlRequests r = gui::read_shortcuts(keys.take(), false, false);
  CHECK(r.push);
  REQUIRE(r.camera.has_value());
  CHECK(*r.camera == gui::CameraMode::overview);  // key 4
  CHECK(keys.take().empty());                     // each press acts once

  keys.on_key(GLFW_KEY_SPACE, GLFW_PRESS);
  keys.on_key(GLFW_KEY_SPACE, GLFW_REPEAT);  // held: not a second toggle
  keys.on_key(GLFW_KEY_RIGHT, GLFW_REPEAT);  // held: steps
  keys.on_key(GLFW_KEY_V, GLFW_PRESS);
  keys.on_key(GLFW_KEY_F1, GLFW_PRESS);
  keys.on_key(GLFW_KEY_I, GLFW_PRESS);
  keys.on_key(GLFW_KEY_I, GLFW_RELEASE);
  keys.on_key(GLFW_KEY_I, GLFW_PRESS);  // twice in one frame: two cameras on
  const gui::ControlRequests held = gui::read_shortcuts(keys.take(), false, false);
  CHECK(held.toggle_running);
  CHECK(held.step);
  CHECK(held.toggle_spectator);
  CHECK(held.toggle_help);
  CHECK(held.cycle_inset == 2);

  keys.on_key(GLFW_KEY_Q, GLFW_PRESS);  // typed into a text field
  CHECK_FALSE(gui::read_shortcuts(keys.take(), false, true).quit);
  keys.on_key(GLFW_KEY_RIGHT, GLFW_PRESS);  // the driver's while driving
  CHECK_FALSE(gui::read_shortcuts(keys.take(), true, false).step);
}

TEST_CASE("every key is in the help, key 4 and the spectator view included", "[viewer]") {
  const std::string help = gui::key_bindings_help();
  for (const char* key :
       {"Space", "Right arrow", "Left arrow", "Backspace", "P push", "C cycle", "1 follow", "2 free", "3 broadcast",
        "4 overview", "+ / -", "0 real time", "Tab", "V spectator", "H overlay", "F1", "Esc", "I robot camera"})
    CHECK_THAT(help, Catch::Contains(key));
}

TEST_CASE("the default window fits the screen it opens on", "[viewer]") {
  const gui::WindowSize laptop = gui::window_size_for_screen(1366, 768);
  CHECK(laptop.width <= 1366 - 100);
  CHECK(laptop.height <= 768 - 100);  // the desktop's panel and the title bar fit too
  CHECK(laptop.height >= 600);
  const gui::WindowSize hd = gui::window_size_for_screen(1920, 1080);
  CHECK(hd.width == 1632);
  CHECK(hd.height == 918);
}

TEST_CASE("course times round one way everywhere: hundredths, half away from zero", "[viewer]") {
  CHECK(gui::hundredths_text(25.235) == "25.24");
  CHECK(gui::clock_text(25.235) == "0:25.24");
  CHECK(gui::hundredths_text(25.2349) == "25.23");
  CHECK(gui::clock_text(65.005) == "1:05.01");
  // The banner's and the panel's texts agree for every time a run can show.
  for (int ms = 0; ms < 70000; ms += 1) {
    const double t = ms * 0.001 + 0.0005;
    const std::string hundredths = gui::hundredths_text(t);
    const std::string clock = gui::clock_text(t);
    REQUIRE(clock.substr(clock.size() - 3) == hundredths.substr(hundredths.size() - 3));
  }
}

TEST_CASE("a push is listed among the referee's events, in time order", "[viewer]") {
  const SearchPaths paths = default_search_paths();
  const TrackWithRules sprint = load_track_with_rules("sprint", paths);
  gui::PracticeSession session(build_world("cyberdog2", &sprint, 0, paths), sprint, STAND_PLUGIN, "");
  for (int i = 0; i < 500; ++i) session.tick();
  session.push({0.0, 40.0, 0.0}, 0.1);
  for (int i = 0; i < 100; ++i) session.tick();
  REQUIRE(session.referee() != nullptr);
  const std::vector<gui::FeedLine> feed = gui::referee_feed(*session.referee(), session.match(), 6);
  REQUIRE_FALSE(feed.empty());
  CHECK(feed.back().kind == gui::FeedLine::Kind::push);
  CHECK(feed.back().time == Approx(1.0));
  CHECK_THAT(feed.back().text, Catch::Contains("trunk pushed with (0, 40, 0) N"));
  // The spectator's feed (costs only) keeps pushes too.
  CHECK(gui::referee_feed(*session.referee(), session.match(), 4, true).back().kind == gui::FeedLine::Kind::push);
}

TEST_CASE("on the points course the overlays list deductions and restarts as they happen", "[viewer]") {
  const SearchPaths paths = default_search_paths();
  const TrackWithRules cup = load_track_with_rules("xiaomi-cup-2026", paths);
  gui::PracticeSession session(build_world("cyberdog2", &cup, 0, paths), cup, CONTEST_WALK_PLUGIN, "");
  // contest_walk stands and trots straight: it steps on the solid line at
  // the stones' end, then leaves the lane, and the cup's rules lay it back down.
  for (int i = 0; i < 3400; ++i) session.tick();
  REQUIRE(session.referee() != nullptr);
  const Score score = score_run(session.referee()->events(), session.referee()->rules());
  REQUIRE(score.by_points);
  const std::vector<gui::FeedLine> feed = gui::points_feed(score, 4);
  INFO(events_log(session.referee()->events(), session.referee()->rules()));
  REQUIRE(feed.size() == 3);
  CHECK(feed[0].kind == gui::FeedLine::Kind::cost);
  CHECK_THAT(feed[0].text, Catch::StartsWith("-2  line_touched"));
  CHECK(feed[1].kind == gui::FeedLine::Kind::cost);
  CHECK_THAT(feed[1].text, Catch::StartsWith("-5  "));
  CHECK(feed[2].kind == gui::FeedLine::Kind::event);
  CHECK_THAT(feed[2].text, Catch::StartsWith("restart  laid down at"));
  CHECK(feed[1].time == feed[2].time);                             // laid down when the fall is judged
  CHECK(gui::points_feed(score, 1).front().text == feed[2].text);  // the newest
}

TEST_CASE("a normal start reads as starting until the controller's zero frames clear take-over", "[viewer]") {
  const RobotSpec robot = test::cyberdog2();
  Match match(World::build(robot, flat_arena()), load_plugin(STAND_PLUGIN, robot, ""));
  match.tick();
  CHECK(gui::in_start_up(match));
  CHECK((match.err_flag() & 0x02) != 0);  // the bit the robot panel used to show red
  for (int i = 0; i < 1500 && match.err_flag() != 0; ++i) match.tick();
  CHECK(match.err_flag() == 0);
  CHECK_FALSE(gui::in_start_up(match));
}

TEST_CASE("after a replay seek the plots hold the seconds before it, as if played there", "[viewer][replay]") {
  test::TempFolder tmp;
  RunRequest request;
  request.controller = STAND_PLUGIN;
  request.track = "sprint";
  request.duration = 8.0;
  request.replay = tmp.path / "stand.replay";
  run_match(request, default_search_paths());
  const Replay replay = read_replay(request.replay);
  gui::ReplaySession played(std::make_unique<ReplayPlayer>(replay, default_search_paths()));
  gui::ReplaySession seeking(std::make_unique<ReplayPlayer>(replay, default_search_paths()));

  for (int i = 0; i < 3500; ++i) played.tick();  // 7 s
  seeking.seek(7.0);                             // straight there
  CHECK(seeking.player().position() == 3500);
  CHECK(samples(seeking.history().body_height()).size() == gui::TelemetryHistory::kCapacity);
  CHECK(samples(seeking.history().body_height()) == samples(played.history().body_height()));
  CHECK(samples(seeking.history().torque(2)) == samples(played.history().torque(2)));

  seeking.seek(1.0);  // back: the first second, as played
  gui::ReplaySession again(std::make_unique<ReplayPlayer>(replay, default_search_paths()));
  for (int i = 0; i < 500; ++i) again.tick();
  CHECK(samples(seeking.history().body_speed()).size() == 100);
  CHECK(samples(seeking.history().body_speed()) == samples(again.history().body_speed()));
}

TEST_CASE("the broadcast look restyles a copy of the model and changes no physics", "[viewer]") {
  const SearchPaths paths = default_search_paths();
  const TrackWithRules sprint = load_track_with_rules("sprint", paths);
  const auto world = build_world("cyberdog2", &sprint, 0, paths);
  const std::string xml = world->world_xml();  // what a replay's world hash covers
  ModelPtr restyled(mj_copyModel(nullptr, world->model()));
  gui::restyle_for_broadcast(restyled.get(), {});

  const int floor = mj_name2id(restyled.get(), mjOBJ_MATERIAL, "floor");
  REQUIRE(floor >= 0);
  CHECK(world->model()->mat_texid[floor] >= 0);  // the simulated model keeps its checker
  CHECK(world->model()->mat_reflectance[floor] > 0);
  CHECK(restyled->mat_texid[floor] == -1);  // no checker, no mirror
  CHECK(restyled->mat_reflectance[floor] == 0);
  bool sky = false;
  for (int t = 0; t < restyled->ntex; ++t) sky = sky || restyled->tex_type[t] == mjTEXTURE_SKYBOX;
  CHECK(sky);
  CHECK(world->world_xml() == xml);

  // The same steps on both models give the same bits.
  DataPtr a(mj_makeData(world->model())), b(mj_makeData(restyled.get()));
  mj_resetData(world->model(), a.get());
  mj_resetData(restyled.get(), b.get());
  for (int i = 0; i < 400; ++i) {
    mj_step(world->model(), a.get());
    mj_step(restyled.get(), b.get());
  }
  CHECK(std::memcmp(a->qpos, b->qpos, sizeof(mjtNum) * world->model()->nq) == 0);
  CHECK(std::memcmp(a->qvel, b->qvel, sizeof(mjtNum) * world->model()->nv) == 0);
}

TEST_CASE("sprint gets lane markings, and painted lines clear the surface they lie on", "[viewer]") {
  const SearchPaths paths = default_search_paths();
  const TrackWithRules sprint = load_track_with_rules("sprint", paths);
  const auto world = build_world("cyberdog2", &sprint, 0, paths);
  ModelPtr model(mj_copyModel(nullptr, world->model()));
  gui::restyle_for_broadcast(model.get(), {});
  DataPtr data(mj_makeData(model.get()));
  mj_forward(model.get(), data.get());
  mjvScene scene;
  mjv_defaultScene(&scene);
  mjv_makeScene(model.get(), &scene, 4000);  // CPU only: no OpenGL needed
  mjvOption option;
  mjv_defaultOption(&option);
  mjvPerturb perturb;
  mjv_defaultPerturb(&perturb);
  mjvCamera camera;
  mjv_defaultCamera(&camera);
  mjv_updateScene(model.get(), data.get(), &option, &perturb, &camera, mjCAT_ALL, &scene);
  const int from_model = scene.ngeom;
  const mjtNum focus[3] = {0, 0, 0.3};
  gui::dress_scene(model.get(), scene, {}, &sprint.track, focus);

  int lines = 0;
  for (int i = 0; i < from_model; ++i) {
    const mjvGeom& g = scene.geoms[i];
    const char* name = g.objtype == mjOBJ_GEOM ? mj_id2name(model.get(), mjOBJ_GEOM, g.objid) : nullptr;
    if (!name || !std::string(name).starts_with("mark_") || model->geom_type[g.objid] != mjGEOM_BOX) continue;
    ++lines;
    // Drawn as its top face only (a plane facing the sun casts no shadow), 4 mm above the box's top: no depth
    // fight with the surface it lies on.
    CHECK(g.type == mjGEOM_PLANE);
    const double top = data->geom_xpos[3 * g.objid + 2] + model->geom_size[3 * g.objid + 2];
    CHECK(g.pos[2] > top + 0.004);
  }
  CHECK(lines >= 2);  // start and finish
  int painted = 0;
  for (int i = from_model; i < scene.ngeom; ++i) {
    const mjvGeom& g = scene.geoms[i];
    if (g.category != mjCAT_DECOR || g.type != mjGEOM_PLANE) continue;
    ++painted;
    CHECK(g.pos[2] >= 0.0019f);  // above the floor, below the lifted lines
    CHECK(g.pos[2] <= 0.0041f);
  }
  CHECK(painted >= 6);  // the lane and its two edge lines from the start area to the runout
  CHECK(scene.flags[mjRND_REFLECTION] == 0);
  CHECK(scene.flags[mjRND_SKYBOX] == 1);
  mjv_freeScene(&scene);
}

TEST_CASE("a tournament's results folder gives the leaderboard and the ghost, named by entry", "[viewer]") {
  test::TempFolder tmp;
  const fs::path runs = tmp.path / "runs";
  for (const char* entry : {"team-a", "team-b"}) {
    fs::create_directories(runs / entry);
    const std::string out = (runs / entry / "sprint-0.json").string();
    REQUIRE(std::system((std::string(SIMARENA_EXECUTABLE) + " run --track sprint --controller " + STAND_PLUGIN +
                         " --duration 1 --quiet --out " + out + " >/dev/null 2>&1")
                            .c_str()) == 0);
  }
  const gui::Leaderboard board = gui::load_leaderboard(tmp.path, "sprint");
  REQUIRE(board.entries.size() == 2);
  CHECK(board.entries[0].entry == "team-a");  // a tie: the earlier file
  CHECK(board.entries[1].entry == "team-b");
  const auto ghost = gui::load_ghost("best", tmp.path, "sprint", default_search_paths());
  CHECK_THAT(ghost->label(), Catch::StartsWith("team-a"));
  CHECK(gui::entry_name_of("results/sprint-fast.score.json") == "sprint-fast");

  // Several ghosts race together, each in its own colour and named by its entry.
  const SearchPaths paths = default_search_paths();
  const TrackWithRules sprint = load_track_with_rules("sprint", paths);
  gui::PracticeSession session(build_world("cyberdog2", &sprint, 0, paths), sprint, STAND_PLUGIN, "");
  session.add_ghost(gui::load_ghost((runs / "team-a" / "sprint-0.replay").string(), "", "sprint", paths));
  session.add_ghost(gui::load_ghost((runs / "team-b" / "sprint-0.replay").string(), "", "sprint", paths));
  REQUIRE(session.ghosts().size() == 2);
  CHECK_THAT(session.ghosts()[1]->label(), Catch::StartsWith("team-b"));
  CHECK(session.ghosts()[0]->rgba() != session.ghosts()[1]->rgba());
  for (int i = 0; i < 100; ++i) session.tick();
  CHECK(session.ghosts()[1]->player().time() == Approx(session.time()));
}

namespace {

// The broadcast camera `rig` shows with the trunk moved to (x, y) (its height kept).
mjvCamera broadcast_at(const World& world, gui::CameraRig& rig, double x, double y) {
  DataPtr data(mj_makeData(world.model()));
  mj_resetData(world.model(), data.get());
  data->qpos[world.base_qpos_adr()] = x;
  data->qpos[world.base_qpos_adr() + 1] = y;
  mj_kinematics(world.model(), data.get());
  rig.set_mode(gui::CameraMode::broadcast);
  rig.update(data.get());
  return rig.camera();
}

std::string track_error(const fs::path& file) {
  try {
    load_track(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("the track file's broadcast camera: follow on the field course, fixed, trackside by default", "[viewer]") {
  const SearchPaths paths = default_search_paths();
  SECTION("xiaomi-cup-2026 follows the robot up the field from behind and above, whatever its x") {
    const TrackWithRules cup = load_track_with_rules("xiaomi-cup-2026", paths);
    REQUIRE(cup.track.broadcast_camera);
    CHECK(cup.track.broadcast_camera->style == BroadcastStyle::follow);
    const auto world = build_world("cyberdog2", &cup, 0, paths);
    gui::CameraRig rig(world->model(), world->base_body(), &cup.track);
    for (const auto& [x, y] : {std::pair{0.0, 0.0}, {3.0, 6.0}, {-0.3, 12.0}}) {
      const mjvCamera cam = broadcast_at(*world, rig, x, y);
      INFO("trunk at " << x << ", " << y);
      CHECK(cam.type == mjCAMERA_FREE);
      CHECK(cam.lookat[0] == Approx(x));  // on the robot, not sliding along x with its progress
      CHECK(cam.lookat[1] == Approx(y));
      CHECK(cam.azimuth == 90);  // looking up the field, +y
      CHECK(cam.elevation == -42);
      CHECK(cam.distance == 4.8);
    }
  }
  SECTION("a fixed camera from a track file stays on its point; sprint keeps the trackside shot list") {
    test::TempFolder tmp;
    std::ifstream in(test::source_path("arenas/sprint.yaml"));
    std::stringstream text;
    text << in.rdbuf()
         << "broadcast_camera: {style: fixed, lookat: [10, 0, 0.2], azimuth_deg: 120, "
            "elevation_deg: -60, distance: 14}\n";
    fs::create_directories(tmp.path / "rules");
    fs::copy_file(test::source_path("arenas/rules/standard.yaml"), tmp.path / "rules/standard.yaml");
    std::ofstream(tmp.path / "sprint.yaml") << text.str();
    const Track fixed = load_track(tmp.path / "sprint.yaml");
    const TrackWithRules sprint = load_track_with_rules("sprint", paths);
    CHECK_FALSE(sprint.track.broadcast_camera);
    const auto world = build_world("cyberdog2", &sprint, 0, paths);

    gui::CameraRig still(world->model(), world->base_body(), &fixed);
    for (double x : {0.0, 15.0}) {
      const mjvCamera cam = broadcast_at(*world, still, x, 0);
      CHECK(cam.lookat[0] == 10);
      CHECK(cam.lookat[2] == Approx(0.2));
      CHECK(cam.azimuth == 120);
      CHECK(cam.elevation == -60);
      CHECK(cam.distance == 14);
    }
    gui::CameraRig trackside(world->model(), world->base_body(), &sprint.track);
    const mjvCamera mid = broadcast_at(*world, trackside, 10, 0);
    CHECK(mid.lookat[0] == Approx(10));  // the dolly beside the lane
    CHECK(mid.azimuth == Approx(90));
    CHECK(mid.elevation == Approx(-9));
    CHECK(broadcast_at(*world, trackside, 0, 0).azimuth == Approx(60));  // wide on the start
  }
}

TEST_CASE("a bad broadcast_camera block is refused with file:line:column and what is allowed", "[viewer]") {
  test::TempFolder tmp;
  std::ifstream in(test::source_path("arenas/sprint.yaml"));
  std::stringstream read;
  read << in.rdbuf();
  const std::string text = read.str();
  const int line = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  struct Case {
    std::string block, where, message;
  };
  const std::string at = ":" + std::to_string(line) + ":";
  const std::vector<Case> cases = {
      {"broadcast_camera: {style: crane}", at + "27:", "'style' is 'crane'; allowed: trackside, follow, fixed"},
      {"broadcast_camera: {distance: 3}", at + "19:", "'style'"},
      {"broadcast_camera: {style: follow, elevation_deg: 10}", at + "50:", "allowed: -89 to 0"},
      {"broadcast_camera: {style: follow, distance: .nan}", at + "45:", "finite"},
      {"broadcast_camera: {style: trackside, azimuth_deg: 30}", at + "51:", "azimuth_deg applies to the follow"},
      {"broadcast_camera: {style: fixed, distance: 5}", at + "19:", "'lookat'"},
      {"broadcast_camera: {style: fixed, lookat: [1, 2]}", at + "42:", "list of 3 numbers"},
      {"broadcast_camera: {style: follow, lookat: [1, 2, 3]}", at + "43:", "lookat applies to the fixed style"},
      {"broadcast_camera: {style: follow, zoom: 2}", at + "35:", "unknown key 'zoom'"},
      {"broadcast_camera: follow", at + "19:", "'broadcast_camera' (style, distance"},
  };
  for (const Case& c : cases) {
    const fs::path file = tmp.path / "bad.yaml";
    std::ofstream(file) << text << c.block << "\n";
    const std::string error = track_error(file);
    INFO(c.block << "\n" << error);
    CHECK_THAT(error, Catch::Matchers::StartsWith(file.string() + c.where));
    CHECK_THAT(error, Catch::Matchers::Contains(c.message));
  }
}
