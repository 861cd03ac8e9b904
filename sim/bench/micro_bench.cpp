// Micro-benchmarks of the per-tick hot paths (Google Benchmark). The
// side-by-side comparison with bare MuJoCo is match_bench.cpp; run both with
// scripts/bench.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "simarena/base/search_paths.h"
#include "simarena/match/match.h"
#include "simarena/physics/motor_model.h"
#include "simarena/physics/protections.h"
#include "simarena/physics/robot_data_reader.h"
#include "simarena/physics/world.h"
#include "simarena/replay/replay_writer.h"

namespace {

using namespace simarena;

RobotSpec cyberdog2() { return load_robot_spec(find_robot("cyberdog2", default_search_paths())); }

SimarenaMotorCmd stand_frame() {
  SimarenaMotorCmd c{};
  for (int leg = 0; leg < 4; ++leg) {
    c.q_des[leg * 3 + 1] = 0.8f;
    c.q_des[leg * 3 + 2] = -1.5f;
    for (int j = 0; j < 3; ++j) {
      c.kp_des[leg * 3 + j] = 80;
      c.kd_des[leg * 3 + j] = 2;
    }
  }
  return c;
}

void BM_Protections(benchmark::State& state) {
  const RobotSpec robot = cyberdog2();
  Protections protections(robot);
  const SimarenaMotorCmd zero{}, frame = stand_frame();
  float q[12] = {0, 0.8f, -1.5f, 0, 0.8f, -1.5f, 0, 0.8f, -1.5f, 0, 0.8f, -1.5f};
  double now = 0;
  while (protections.err_flag() & SIMARENA_ERR_CMD_LOST_500MS) protections.apply(now += 0.002, &zero, q);
  for (auto _ : state) {
    protections.apply(now += 0.002, &frame, q);
    benchmark::DoNotOptimize(protections.command());
  }
}
BENCHMARK(BM_Protections);

void BM_MotorLaw12Joints(benchmark::State& state) {
  const RobotSpec robot = cyberdog2();
  const JointCommand cmd{0.8, 0, 80, 2, 0.5};
  double sum = 0;
  for (auto _ : state) {
    for (const JointSpec& j : robot.joints) sum += motor_output(j, robot.protections, cmd, 0.79, 0.1).torque;
    benchmark::DoNotOptimize(sum);
  }
}
BENCHMARK(BM_MotorLaw12Joints);

void BM_SensorFill(benchmark::State& state) {
  const auto world = World::build(cyberdog2(), flat_arena());
  DataPtr d(mj_makeData(world->model()));
  world->reset(d.get());
  RobotDataReader reader(*world);
  reader.start(d.get());
  SimarenaRobotData out{};
  const double torque[12] = {};
  for (auto _ : state) {
    reader.read(d.get(), torque, out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_SensorFill);

void BM_StateHash(benchmark::State& state) {
  const RobotSpec robot = cyberdog2();
  auto world = World::build(robot, flat_arena());
  Match match(world, load_plugin(find_controller("stand", default_search_paths()), robot, ""));
  match.tick();
  uint64_t h = 0;
  for (auto _ : state) benchmark::DoNotOptimize(h = match.state_hash(h));
}
BENCHMARK(BM_StateHash);

void BM_ReplayTickWrite(benchmark::State& state) {
  const auto path = std::filesystem::temp_directory_path() / "simarena_bench.replay";
  ReplayWriter writer(path, {{"bench", true}});
  replay::TickRecord tick;
  tick.command = stand_frame();
  for (auto _ : state) {
    writer.tick(tick, 12);
    tick.tick++;
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * 273);
}
BENCHMARK(BM_ReplayTickWrite);

}  // namespace

BENCHMARK_MAIN();
