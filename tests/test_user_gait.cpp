// The robot's user gait (mode 11, gait 110): its "# Gait Def" schedule text
// parsed into sections, errors naming the line, and the contact schedule the
// walker plays from it (each leg's stance and swing from the sections).
#include <mujoco/mujoco.h>

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "gait_schedule.h"
#include "high_level_gaits.h"
#include "motion_firmware.h"
#include "robot_user_gaits.h"
#include "simarena/match/match.h"
#include "simarena/run/run_report.h"
#include "test_helpers.h"
#include "user_gait.h"

using namespace locomotion;

namespace {

// A one-leg-at-a-time crawl as contest programs write it: a settle, then
// each leg swings alone (FR, RL, FL, RR) with a four-feet settle between.
const char* const kCrawl = R"(# Gait Def
# a crawl: one leg swings at a time
[[section]]
contact  = [1, 1, 1, 1]
duration = 12

[[section]]
contact  = [0, 1, 1, 1]
duration = 6
[[section]]
contact  = [1, 1, 1, 1]
duration = 4
[[section]]
contact  = [1, 1, 1, 0]
duration = 6
[[section]]
contact  = [1, 1, 1, 1]
duration = 4
[[section]]
contact  = [1, 0, 1, 1]
duration = 6
[[section]]
contact  = [1, 1, 1, 1]
duration = 4
[[section]]
contact  = [1, 1, 0, 1]
duration = 6
[[section]]
contact  = [0, 0, 0, 0]
duration = 30
)";

std::string parse_error(const std::string& text) {
  try {
    parse_user_gait(text);
  } catch (const UserGaitError& e) {
    return e.what();
  }
  return "(parsed)";
}

}  // namespace

TEST_CASE("user gait: a # Gait Def text gives its sections, the last one is four feet down, as on the robot") {
  const UserGait gait = parse_user_gait(kCrawl);
  REQUIRE(gait.sections.size() == 9);
  CHECK(gait.sections[0].steps == 12);
  CHECK(gait.sections[1].contact == std::array<bool, 4>{false, true, true, true});
  CHECK(gait.sections[3].contact == std::array<bool, 4>{true, true, true, false});
  CHECK(gait.sections[1].seconds() == Approx(0.18));
  // Written [0, 0, 0, 0]: the robot overwrites the last section with four feet down.
  CHECK(gait.sections[8].contact == std::array<bool, 4>{true, true, true, true});
  CHECK(gait.total_steps() == 12 + 4 * 6 + 3 * 4 + 30);
  CHECK(gait.seconds() == Approx(78 * 0.03));
  // Either key order, comments, inline tables in an array of tables: it is TOML.
  const UserGait reordered = parse_user_gait(
      "# Gait Def\nsection = [{duration = 2, contact = [1, 0, 0, 1]}, {contact=[1,1,1,1], duration=1}]");
  REQUIRE(reordered.sections.size() == 2);
  CHECK(reordered.sections[0].contact == std::array<bool, 4>{true, false, false, true});
}

TEST_CASE("user gait: what the robot's header check says of a text") {
  CHECK(gait_text_kind("# Gait Def\n") == GaitTextKind::definition);
  CHECK(gait_text_kind("# Gait Params\n[[step]]") == GaitTextKind::parameters);
  CHECK(gait_text_kind(" # Gait Def") == GaitTextKind::unknown);
  CHECK(gait_text_kind("") == GaitTextKind::unknown);
}

TEST_CASE("user gait: bad schedule texts are refused with the line and what is wrong") {
  CHECK(parse_error("[[section]]\ncontact = [1,1,1,1]\nduration = 1") ==
        "line 1: a gait definition starts with \"# Gait Def\"");
  CHECK(parse_error("# Gait Def\n") == "line 1: no [[section]] in the gait definition");
  CHECK_THAT(parse_error("# Gait Def\n[[section]]\ncontact = [1, 1, 1, 1\nduration = 3\n"),
             Catch::StartsWith("line 4: "));
  CHECK(parse_error("# Gait Def\n[[section]]\ncontact = [1, 1, 1]\nduration = 3\n") ==
        "line 3: section 1: `contact` must be four numbers, 1 (on the ground) or 0 (swinging), FR FL RR RL");
  CHECK(parse_error("# Gait Def\n[[section]]\ncontact = [1, 1, 1, 1]\nduration = 3\n\n[[section]]\ncontact = [1, 2, 1, "
                    "1]\nduration = 3\n") == "line 7: section 2: each `contact` entry must be 0 or 1, got 2");
  CHECK(parse_error("# Gait Def\n[[section]]\ncontact = [1, 1, 1, 1]\nduration = 0.5\n") ==
        "line 4: section 1: `duration` must be a whole number of 30 ms steps");
  CHECK(parse_error("# Gait Def\n[[section]]\ncontact = [1, 1, 1, 1]\nduration = 0\n") ==
        "line 4: section 1: `duration` must be 1 to 100000 steps of 30 ms, got 0");
  CHECK(parse_error("# Gait Def\n[[section]]\nduration = 3\n") ==
        "line 2: section 1 has no `contact = [FR, FL, RR, RL]`");
  CHECK(parse_error("# Gait Def\n[[section]]\ncontact = [1, 1, 1, 1]\n") ==
        "line 2: section 1 has no `duration = N` (N steps of 30 ms)");
  CHECK(parse_error("# Gait Def\n[[section]]\ncontact = [1, 1, 1, 1]\nduration = 2\nheight = 3\n") ==
        "line 5: section 1: unknown key `height` (a section has contact and duration)");
  CHECK(parse_error("# Gait Def\nspeed = 1\n") ==
        "line 2: unknown key `speed` (the gait definition has [[section]] tables)");
  CHECK(parse_error("# Gait Def\nsection = 3\n") == "line 2: `section` must be [[section]] tables");
  std::string huge = "# Gait Def\n";
  while (huge.size() <= kMaxGaitTextBytes) huge += "# padding padding padding padding padding padding\n";
  CHECK_THAT(parse_error(huge), Catch::Contains("more than 1048576"));
}

TEST_CASE("user gait: the schedule plays each leg's stance and swing from the sections, then stands") {
  const UserGait gait = parse_user_gait(kCrawl);
  GaitSchedule schedule;
  schedule.request_user(gait);  // from standing: starts at once
  REQUIRE(schedule.playing_user());
  const double dt = 0.002;
  // Count, for each period, how many feet are up, and the order legs lift in.
  std::vector<int> lift_order;
  std::array<bool, 4> was_down{true, true, true, true};
  int most_up = 0;
  double fr_swing = 0.0;
  for (int k = 0; k < static_cast<int>(std::lround(gait.seconds() / dt)) + 500; ++k) {
    schedule.advance(dt);
    int up = 0;
    for (int leg = 0; leg < 4; ++leg) {
      const FootPhase p = schedule.phase(leg);
      CHECK(p.progress >= 0.0);
      CHECK(p.progress <= 1.0);
      if (!p.stance) ++up;
      if (!p.stance && was_down[leg]) lift_order.push_back(leg);
      if (leg == 0 && !p.stance) fr_swing = schedule.swing_duration(0);
      was_down[leg] = p.stance;
    }
    most_up = std::max(most_up, up);
  }
  CHECK(most_up == 1);
  CHECK(lift_order == std::vector<int>{0, 3, 1, 2});
  CHECK(fr_swing == Approx(0.18));
  // The end: four feet down for good (the robot holds its last section).
  for (int leg = 0; leg < 4; ++leg) CHECK(schedule.phase(leg).stance);
  CHECK(schedule.stance_after(1, 0.0));
  // Mid-swing of FR (0.36 + 0.09 s in): half way, and on the ground again after 0.09 s.
  GaitSchedule again;
  again.request_user(gait);
  for (int k = 0; k < 225; ++k) again.advance(dt);
  CHECK_FALSE(again.phase(0).stance);
  CHECK(again.phase(0).progress == Approx(0.5).margin(0.02));
  CHECK_FALSE(again.stance_after(0, 0.08));
  CHECK(again.stance_after(0, 0.1));
  // RL's stance that follows FR's swing lasts until its own swing: 0.36 + 0.18 + 0.12 - 0 s.
  CHECK(again.stance_duration(3) == Approx(0.66));
}

// ---- In a match: the motion firmware walks the robot on a crawl schedule ----

namespace {

constexpr double kPeriod = 0.002;
SimarenaRobotInfo cyberdog2_info() { return simarena::test::cyberdog2_robot_info(kPeriod); }

// A crawl as the contest program builds it: a settle, `cycles` times each
// leg alone (FR, RL, FL, RR) for `swing` steps with `settle` steps of four
// feet between, and a final stand.
std::string crawl_text(int cycles, int swing = 6, int settle = 4) {
  std::string text = "# Gait Def\n# crawl: one leg swings at a time\n";
  auto section = [&](const char* contact, int steps) {
    text += std::string("[[section]]\ncontact  = ") + contact + "\nduration = " + std::to_string(steps) + "\n\n";
  };
  section("[1, 1, 1, 1]", 12);
  for (int i = 0; i < cycles; ++i) {
    section("[0, 1, 1, 1]", swing);
    section("[1, 1, 1, 1]", settle);
    section("[1, 1, 1, 0]", swing);
    section("[1, 1, 1, 1]", settle);
    section("[1, 0, 1, 1]", swing);
    section("[1, 1, 1, 1]", settle);
    section("[1, 1, 0, 1]", swing);
    section("[1, 1, 1, 1]", settle);
  }
  section("[1, 1, 1, 1]", 30);
  return text;
}

// The robot's motion firmware under a match, fed by a test "program": its
// latest frame re-sent at 20 Hz, and a gait text handed over at one tick.
class FirmwareHost : public simarena::Controller {
 public:
  SimarenaHighLevelCmd frame{};
  std::string gait_text;  // delivered at the next tick, then cleared
  locomotion::MotionFirmware::GaitFileReceipt receipt;
  SimarenaHighLevelResponse response{};

  const std::string& name() const override { return name_; }
  simarena::StepOutcome step(bool, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override {
    if (!gait_text.empty()) {
      receipt = firmware_.receive_gait_file(gait_text);
      gait_text.clear();
    }
    if (std::memcmp(&sent_, &frame, sizeof sent_) != 0 || ticks_ % 25 == 0) {
      firmware_.receive(frame);
      sent_ = frame;
    }
    ++ticks_;
    firmware_.step(data, cmd);
    response = firmware_.response();
    return {};
  }

 private:
  locomotion::MotionFirmware firmware_{cyberdog2_info()};
  SimarenaHighLevelCmd sent_{};
  uint64_t ticks_ = 0;
  std::string name_ = "user-gait-test";
};

struct CrawlSession {
  FirmwareHost* host = nullptr;
  std::unique_ptr<simarena::Match> match;
  int life_count = 0;
  std::array<int, 4> foot_geoms{};

  CrawlSession() {
    auto controller = std::make_unique<FirmwareHost>();
    host = controller.get();
    match = std::make_unique<simarena::Match>(
        simarena::World::build(simarena::test::cyberdog2(), simarena::flat_arena()), std::move(controller));
    const char* feet[] = {"FR_foot", "FL_foot", "RR_foot", "RL_foot"};
    for (int leg = 0; leg < 4; ++leg) foot_geoms[leg] = mj_name2id(match->model(), mjOBJ_GEOM, feet[leg]);
  }
  void send(int mode, int gait) {
    SimarenaHighLevelCmd f{};
    f.mode = static_cast<int8_t>(mode);
    f.gait_id = static_cast<int8_t>(gait);
    f.life_count = static_cast<int8_t>(++life_count);
    host->frame = f;
  }
  const double* trunk() const { return match->data()->xpos + 3 * match->world().base_body(); }
  // Which feet touch anything, from the simulation's contacts (not the firmware's belief).
  std::array<bool, 4> feet_down() const {
    std::array<bool, 4> down{};
    const mjData* d = match->data();
    for (int i = 0; i < d->ncon; ++i)
      for (int leg = 0; leg < 4; ++leg)
        if (d->contact[i].geom1 == foot_geoms[leg] || d->contact[i].geom2 == foot_geoms[leg]) down[leg] = true;
    return down;
  }
  void stand_up() {
    send(12, 0);
    for (int i = 0; i < 4000 && !(host->response.mode == 12 && host->response.order_process_bar == 100); ++i)
      match->tick();
    REQUIRE(host->response.order_process_bar == 100);
  }
};

}  // namespace

TEST_CASE("user gait in the firmware: user_gait_file's answers, and 11/110 refused until a schedule arrived") {
  CrawlSession s;
  s.stand_up();
  s.send(11, 110);
  s.match->tick();
  s.match->tick();
  CHECK(s.host->response.mode == 12);
  CHECK(s.host->response.switch_status == 5);  // BAN_TRANS: no schedule yet

  s.host->gait_text = "# Gait Def\n[[section]]\ncontact = [1, 1, 1]\nduration = 3\n";
  s.match->tick();
  CHECK(s.host->receipt.result == 1);
  CHECK(s.host->receipt.error ==
        "line 3: section 1: `contact` must be four numbers, 1 (on the ground) or 0 "
        "(swinging), FR FL RR RL");
  s.host->gait_text = "hello";
  s.match->tick();
  CHECK(s.host->receipt.result == 1);
  s.host->gait_text = "# Gait Params\n[[step]]\n";
  s.match->tick();
  CHECK(s.host->receipt.result == 0);  // the robot keeps it for motion 110; simarena answers as the robot does
  s.send(11, 110);
  s.match->tick();
  s.match->tick();
  CHECK(s.host->response.switch_status == 5);  // still no schedule

  s.host->gait_text = crawl_text(1);
  s.match->tick();
  CHECK(s.host->receipt.result == 0);
  s.send(11, 110);
  s.match->tick();
  s.match->tick();
  CHECK(s.host->response.mode == 11);
  CHECK(s.host->response.gait_id == 110);
  CHECK(s.host->response.switch_status == 0);
}

TEST_CASE(
    "user gait in a match: a one-leg-at-a-time crawl walks 0.15 m/s, never two feet up, in the schedule's order") {
  CrawlSession s;
  s.stand_up();
  const int cycles = 10;
  s.host->gait_text = crawl_text(cycles);
  s.match->tick();
  REQUIRE(s.host->receipt.result == 0);

  // Loco stand first, as contest programs do: the walker's start from the
  // recovery stand lifts the feet for a few tens of ms with any stepping gait.
  s.send(11, 1);
  for (int i = 0; i < 500; ++i) s.match->tick();
  s.send(11, 110);
  SimarenaHighLevelCmd& f = s.host->frame;
  f.vel_des[0] = 0.15f;
  f.step_height[0] = 40 + 40 * 1000;     // FR, FL 40 mm (the robot's packing)
  f.step_height[1] = 40 + 40 * 1000;     // RR, RL
  f.contact = 10;                        // landing gain 1.0 (read, not used)
  f.ctrl_point[2] = 0.4f;                // friction (read, not used)
  for (float& w : f.acc_des) w = 10.0f;  // WBC weights (read, not used)

  const double x0 = s.trunk()[0], y0 = s.trunk()[1];
  const double schedule = (12 + cycles * 40 + 30) * 0.03;
  std::array<int, 4> up_ticks{};
  std::vector<int> lifts;  // legs in the order they left the ground (for 10 ms or more)
  int most_up = 0, modes_seen_off = 0;
  double max_tilt = 0.0;
  const int ticks = static_cast<int>(std::lround(schedule / kPeriod));
  for (int i = 0; i < ticks; ++i) {
    s.match->tick();
    const std::array<bool, 4> down = s.feet_down();
    int up = 0;
    for (int leg = 0; leg < 4; ++leg) {
      up_ticks[leg] = down[leg] ? 0 : up_ticks[leg] + 1;
      if (up_ticks[leg] >= 5) ++up;  // off the ground 10 ms: lifted, not a bounce
      if (up_ticks[leg] == 5) lifts.push_back(leg);
    }
    most_up = std::max(most_up, up);
    max_tilt = std::max(max_tilt, simarena::body_tilt(*s.match));
    if (s.host->response.mode != 11 || s.host->response.gait_id != 110) ++modes_seen_off;
  }
  const double walked = std::hypot(s.trunk()[0] - x0, s.trunk()[1] - y0);
  INFO("walked " << walked << " m in the schedule's " << schedule << " s at 0.15 m/s; most feet up " << most_up << "; "
                 << lifts.size() << " lifts; tilt at most " << max_tilt << " rad");
  CHECK(modes_seen_off == 0);
  CHECK(max_tilt < 0.25);
  CHECK(most_up == 1);
  REQUIRE(lifts.size() == static_cast<size_t>(4 * cycles));
  for (size_t i = 0; i < lifts.size(); ++i) CHECK(lifts[i] == std::array<int, 4>{0, 3, 1, 2}[i % 4]);
  CHECK(walked == Approx(0.15 * schedule).epsilon(0.1));  // the trunk moves through the settles too
  CHECK(simarena::body_tilt(*s.match) < 0.1);
  // The schedule has ended: the robot stands in its last section, four feet down.
  for (bool down : s.feet_down()) CHECK(down);
}

TEST_CASE("user gait: a frame read as the robot's SetUserGait reads it") {
  SimarenaHighLevelCmd f{};
  f.vel_des[0] = 2.0f;  // past the motion gaits' 1.5 m/s
  f.vel_des[1] = -0.1f;
  f.vel_des[2] = -3.0f;
  f.pos_des[2] = -0.012f;                           // the contest program's offset from 0.225 m
  f.step_height[0] = 35 + 40 * 1000;                // FR 35 mm, FL 40 mm
  f.step_height[1] = 90 + 5 * 1000 + .7f;           // RR 90 mm (clamped to 60), RL 5 mm; the fraction cut as (int) does
  f.foot_pose[0] = 0.01f, f.foot_pose[1] = 0.012f;  // FR
  f.foot_pose[2] = 0.02f, f.foot_pose[3] = 0.003f;  // FL
  f.foot_pose[4] = 0.03f, f.foot_pose[5] = -0.5f;   // RR, y past the guard
  f.ctrl_point[0] = 0.04f, f.ctrl_point[1] = 0.005f, f.ctrl_point[2] = 0.55f;  // RL, friction
  f.contact = 8;                                                               // landing gain 0.8
  f.acc_des[0] = 35.0f;
  f.value = 1;
  const UserGaitOrder o = user_gait_order(f);
  CHECK(o.forward == 1.5);
  CHECK(o.lateral == Approx(-0.1));
  CHECK(o.yaw_rate == -1.0);
  CHECK(o.body_height == Approx(0.213));
  CHECK(o.step_height[0] == Approx(0.035));
  CHECK(o.step_height[1] == Approx(0.040));
  CHECK(o.step_height[2] == Approx(0.06));
  CHECK(o.step_height[3] == Approx(0.005));
  CHECK(o.landing_offset[0][1] == Approx(0.012));
  CHECK(o.landing_offset[1][0] == Approx(0.02));
  CHECK(o.landing_offset[2][1] == Approx(-0.3));
  CHECK(o.landing_offset[3][0] == Approx(0.04));
  CHECK(o.friction == Approx(0.55));
  CHECK(o.landing_gain == Approx(0.8));
  CHECK(o.wbc_weight[0] == 35.0);
  CHECK(o.wbc_weight[1] == 1e-5);
  CHECK(o.use_mpc_traj);
  // Out of range: the robot's defaults; a huge packed height is no undefined cast.
  f.ctrl_point[2] = 9.0f;
  f.contact = 0;
  f.step_height[0] = 1e30f;
  f.pos_des[2] = 1.0f;
  const UserGaitOrder d = user_gait_order(f);
  CHECK(d.friction == 0.4);
  CHECK(d.landing_gain == 1.0);
  CHECK(d.body_height == Approx(0.295));
  CHECK(d.step_height[0] == 0.0);
  CHECK(d.step_height[1] == Approx(0.06));
}

TEST_CASE("user gait: it starts when the trot's cycle wraps, and a trot takes over once four feet are down") {
  const UserGait gait = parse_user_gait(crawl_text(1));
  GaitSchedule schedule;
  schedule.request({0.3, 0.5, true});
  schedule.advance(0.1);
  schedule.request_user(gait);
  schedule.advance(0.1);
  CHECK_FALSE(schedule.playing_user());  // mid-cycle: the trot goes on
  schedule.request_user(gait);
  schedule.advance(0.11);  // the cycle wraps at 0.3 s
  REQUIRE(schedule.playing_user());
  for (int k = 0; k < 200; ++k) {  // into FR's swing (0.36 s in)
    schedule.request_user(gait);
    schedule.advance(0.002);
  }
  REQUIRE_FALSE(schedule.phase(0).stance);
  schedule.request({0.3, 0.5, true});
  schedule.advance(0.002);
  CHECK(schedule.playing_user());  // FR still swings
  for (int k = 0; k < 100; ++k) schedule.advance(0.002);
  CHECK_FALSE(schedule.playing_user());  // FR landed: the trot took over
  CHECK(schedule.timing().stepping);
}

TEST_CASE("user gait: another user gait (the robot's 80-100) replaces the playing one at once, from its start") {
  const RobotUserGaits gaits = RobotUserGaits::builtin();
  const UserGait& front_lift = *gaits.find(81);  // 1111 for 9 steps, then the front pair swings 7
  const UserGait& rear_lift = *gaits.find(82);   // the same with the rear pair
  GaitSchedule schedule;
  schedule.request_user(front_lift, 81);  // from standing: at once
  for (int k = 0; k < 150; ++k) {         // 0.3 s: 10 steps, the front pair swings
    schedule.request_user(front_lift, 81);
    schedule.advance(0.002);
  }
  REQUIRE_FALSE(schedule.phase(0).stance);
  CHECK(schedule.phase(2).stance);
  schedule.request_user(rear_lift, 82);  // a new gait id: the robot restarts its gait clock
  schedule.advance(0.002);
  CHECK(schedule.phase(0).stance);  // rear lift's first section: four feet down
  CHECK(schedule.phase(2).stance);
  for (int k = 0; k < 149; ++k) {
    schedule.request_user(rear_lift, 82);
    schedule.advance(0.002);
  }
  CHECK(schedule.phase(0).stance);
  CHECK_FALSE(schedule.phase(2).stance);  // 0.3 s in: the rear pair swings
}

// ---- Motion 110: the "# Gait Params" list, played as a preset motion ----

TEST_CASE("user motion: a \"# Gait Params\" list reads as the robot's orders, each field carried to the next step") {
  const PresetMotion motion = parse_user_motion(
      "# Gait Params\n"
      "[[step]]\nmode = 11\ngait_id = 110\nvel_des = [0.15, 0, 0.1]\nstep_height = [40040, 40040]\n"
      "duration = 4000\n"
      "[[step]]\nvel_des = [0.0, 0.0, 0.0]\nduration = 1000\n"
      "[[step]]\nmode = 21\ngait_id = 5\npos_des = [0, 0, 0.25]\nfoot_pose = [1, 2, 3, 4, 5, 6]\nduration = 500\n");
  CHECK(motion.id == 110);
  REQUIRE(motion.steps.size() == 3);
  CHECK(motion.steps[0].mode == 11);
  CHECK(motion.steps[0].gait_id == 110);
  CHECK(motion.steps[0].vel_des[0] == 0.15f);
  CHECK(motion.steps[0].step_height[1] == 40040.0f);
  CHECK(motion.steps[0].duration == 4000);
  CHECK(motion.steps[1].mode == 11);               // carried over
  CHECK(motion.steps[1].gait_id == 110);           // carried over
  CHECK(motion.steps[1].step_height[0] == 40040);  // carried over
  CHECK(motion.steps[1].vel_des[0] == 0.0f);
  CHECK(motion.steps[1].duration == 1000);
  CHECK(motion.steps[2].mode == 21);
  CHECK(motion.steps[2].pos_des[2] == 0.25f);
  CHECK(motion.steps[2].foot_pose[5] == 6.0f);
  CHECK(motion.steps[2].vel_des[2] == 0.0f);

  const auto error = [](const std::string& text) {
    try {
      parse_user_motion(text);
    } catch (const UserGaitError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error("# Gait Def\n[[step]]\n") == "line 1: a user motion starts with \"# Gait Params\"");
  CHECK(error("# Gait Params\n") == "line 1: no [[step]] in the user motion");
  CHECK(error("# Gait Params\n[[step]]\nmode = 11\n[[step]]\nmode = 62\ngait_id = 3\n") ==
        "line 5: step 2: a step cannot be a preset motion (mode 62)");
  CHECK(error("# Gait Params\n[[step]]\nvel_des = [0.1, 0]\n") ==
        "line 3: step 1: `vel_des` must be a list of 3 numbers");
  CHECK(error("# Gait Params\n[[step]]\nspeed = 1\n").starts_with("line 3: step 1: unknown key `speed`"));
  CHECK(error("# Gait Params\n[[step]]\nduration = -2\n") == "line 3: step 1: `duration` must be 0 to 3600000, got -2");
  CHECK(error("# Gait Params\n[[step]]\nmode = 300\n") == "line 3: step 1: `mode` must be -128 to 127, got 300");
  CHECK(error("# Gait Params\n[[step]]\nvel_des = [0.1, nan, 0]\n") ==
        "line 3: step 1: `vel_des`: each entry must be a finite number");
}

TEST_CASE("user motion in a match: 62/110 plays the \"# Gait Params\" list, here the user gait's crawl, then stands") {
  CrawlSession s;
  s.stand_up();
  s.send(62, 110);
  s.match->tick();
  s.match->tick();
  CHECK(s.host->response.switch_status == 5);  // BAN_TRANS: no list yet
  CHECK(s.host->response.mode == 12);

  s.host->gait_text = crawl_text(4);
  s.match->tick();
  REQUIRE(s.host->receipt.result == 0);
  // The contest's pairing: the schedule above, and the list that walks it.
  s.host->gait_text =
      "# Gait Params\n"
      "[[step]]\nmode = 11\ngait_id = 1\nduration = 1000\n"  // loco stand first
      "[[step]]\ngait_id = 110\nvel_des = [0.15, 0, 0]\nstep_height = [40040, 40040]\nduration = 5500\n"
      "[[step]]\nmode = 12\ngait_id = 0\nvel_des = [0, 0, 0]\nduration = 1000\n";
  s.match->tick();
  REQUIRE(s.host->receipt.result == 0);
  REQUIRE(s.host->receipt.error.empty());
  const double x0 = s.trunk()[0];
  s.send(62, 110);
  int ticks_in_62 = 0, last_bar = 0;
  bool bar_rose = true;
  for (int i = 0; i < 4000; ++i) {  // 8 s: the list's 7.5 s and its end
    s.match->tick();
    if (s.host->response.mode == 62) {
      ++ticks_in_62;
      CHECK(s.host->response.gait_id == 110);
      bar_rose = bar_rose && s.host->response.order_process_bar >= last_bar;
      last_bar = s.host->response.order_process_bar;
    }
  }
  const double walked = s.trunk()[0] - x0;
  INFO("walked " << walked << " m; " << ticks_in_62 << " ticks reported as 62");
  CHECK(ticks_in_62 > 3000);
  CHECK(bar_rose);
  CHECK(walked > 0.5);  // the crawl's 4 cycles at 0.15 m/s
  CHECK(walked < 1.0);
  CHECK(simarena::body_tilt(*s.match) < 0.1);
  for (bool down : s.feet_down()) CHECK(down);

  // A list that does not parse: answered 0 as on the robot, and 62/110 is refused.
  s.host->gait_text = "# Gait Params\n[[step]]\nmode = 62\n";
  s.match->tick();
  CHECK(s.host->receipt.result == 0);
  CHECK(s.host->receipt.error == "line 3: step 1: a step cannot be a preset motion (mode 62)");
  s.send(62, 110);
  s.match->tick();
  s.match->tick();
  CHECK(s.host->response.switch_status == 5);
}
