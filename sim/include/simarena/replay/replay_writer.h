// Writes a replay as the run goes: records are flushed to the file every
// few ticks and synced at every keyframe, so a run killed at any moment
// leaves a readable replay of what happened up to then (marked incomplete by
// the missing end record).
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "simarena/control/controller_interface.h"
#include "simarena/match/match.h"
#include "simarena/replay/replay_format.h"
#include "simarena/replay/replay_inputs.h"

namespace simarena {

class ReplayWriter {
 public:
  // Creates (truncates) `path` and writes the header, then one input record
  // per carried file. Throws std::runtime_error naming the file on failure.
  ReplayWriter(const std::filesystem::path& path, const nlohmann::json& header,
               const std::vector<ReplayInput>& inputs = {});
  ~ReplayWriter();
  ReplayWriter(const ReplayWriter&) = delete;
  ReplayWriter& operator=(const ReplayWriter&) = delete;

  void tick(const replay::TickRecord& tick, int num_joints);
  void keyframe(const MatchState& state);
  void event(const MatchEvent& event);
  // Writes the end record and syncs: the replay is complete.
  void finish(const nlohmann::json& end);
  // Hands the records buffered so far to the OS with write(2) alone:
  // async-signal-safe, for a crash handler (the CLI's, when an in-process
  // plugin crashes between two records) so the replay ends at that tick.
  void write_buffered() noexcept;

 private:
  void record(replay::RecordType type, const std::vector<uint8_t>& payload);
  void flush(bool sync);

  std::string path_;
  int fd_ = -1;
  std::vector<uint8_t> buffer_;
  uint64_t chain_ = 0;
  int unflushed_ticks_ = 0;
};

// Wraps a controller and remembers what it returned on the last tick, for
// the recorder. Behaves exactly like the controller it wraps.
class RecordingController final : public Controller {
 public:
  explicit RecordingController(std::unique_ptr<Controller> inner) : inner_(std::move(inner)) {}
  const std::string& name() const override { return inner_->name(); }
  StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override;
  void set_course_info(const SimarenaCourseInfo& info) override { inner_->set_course_info(info); }
  void see(const SimulatorView& view) override { inner_->see(view); }
  CommandLevel command_level() const override { return inner_->command_level(); }
  void hear(const HighLevelFeedback& feedback) override { inner_->hear(feedback); }
  bool through_motor_sdk() const override { return inner_->through_motor_sdk(); }
  void robot_carried() override { inner_->robot_carried(); }
  // Set once per tick; outcome `skipped` on ticks where step was not called.
  replay::TickRecord take_last();

 private:
  std::unique_ptr<Controller> inner_;
  replay::TickRecord last_;
  bool called_ = false;
};

// Records one Match into a replay: call after_tick() after every tick.
class MatchRecorder {
 public:
  static constexpr uint64_t kKeyframeEvery = 500;  // ticks

  MatchRecorder(const std::filesystem::path& path, const nlohmann::json& header, RecordingController& controller,
                const std::vector<ReplayInput>& inputs = {});
  void after_tick(const Match& match);
  void finish(const nlohmann::json& end) { writer_.finish(end); }
  void write_buffered() noexcept { writer_.write_buffered(); }
  uint64_t state_hash() const { return hash_; }

 private:
  ReplayWriter writer_;
  RecordingController& controller_;
  uint64_t hash_ = 0;
  size_t events_written_ = 0;
};

}  // namespace simarena
