#include "simarena/replay/replay_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace simarena {

using replay::RecordType;
using replay::TickRecord;

ReplayWriter::ReplayWriter(const std::filesystem::path& path, const nlohmann::json& header,
                           const std::vector<ReplayInput>& inputs)
    : path_(path.string()) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error(path_ + ": cannot create replay: " + std::strerror(errno));
  buffer_.insert(buffer_.end(), replay::kMagic, replay::kMagic + sizeof(replay::kMagic));
  const std::string text = header.dump();
  record(RecordType::header, {text.begin(), text.end()});
  for (const ReplayInput& input : inputs) record(RecordType::input, encode_replay_input(input));
  flush(true);
}

ReplayWriter::~ReplayWriter() {
  try {
    flush(false);
  } catch (...) {
    // A destructor must not throw; the replay simply ends earlier.
  }
  ::close(fd_);
}

void ReplayWriter::record(RecordType type, const std::vector<uint8_t>& payload) {
  const auto size = static_cast<uint32_t>(payload.size());
  const uint8_t head[replay::kRecordHeaderSize] = {static_cast<uint8_t>(type), 0, 0, 0};
  buffer_.insert(buffer_.end(), head, head + 4);
  const auto* size_bytes = reinterpret_cast<const uint8_t*>(&size);
  buffer_.insert(buffer_.end(), size_bytes, size_bytes + 4);
  buffer_.insert(buffer_.end(), payload.begin(), payload.end());
  chain_ = replay::record_checksum(chain_, type, payload.data(), size);
  const auto* sum = reinterpret_cast<const uint8_t*>(&chain_);
  buffer_.insert(buffer_.end(), sum, sum + replay::kChecksumSize);
}

void ReplayWriter::flush(bool sync) {
  size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(path_ + ": cannot write replay: " + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
  unflushed_ticks_ = 0;
  if (sync) ::fdatasync(fd_);
}

void ReplayWriter::write_buffered() noexcept {
  size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

void ReplayWriter::tick(const TickRecord& tick, int num_joints) {
  record(RecordType::tick, replay::encode_tick(tick, num_joints));
  // Hand data to the OS every 0.1 s of a 500 Hz run: a killed process loses nothing older.
  if (++unflushed_ticks_ >= 50) flush(false);
}

void ReplayWriter::keyframe(const MatchState& state) {
  record(RecordType::keyframe, replay::encode_state(state));
  flush(true);
}

void ReplayWriter::event(const MatchEvent& event) {
  const std::string text =
      nlohmann::json{{"t", event.time}, {"type", match_event_name(event.type)}, {"detail", event.detail}}.dump();
  record(RecordType::event, {text.begin(), text.end()});
}

void ReplayWriter::finish(const nlohmann::json& end) {
  const std::string text = end.dump();
  record(RecordType::end, {text.begin(), text.end()});
  flush(true);
}

StepOutcome RecordingController::step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) {
  StepOutcome outcome = inner_->step(first_run, data, cmd);
  called_ = true;
  last_ = TickRecord{};
  last_.command = cmd;
  last_.message = outcome.message;
  last_.outcome = outcome.kind == StepOutcome::Kind::sent      ? TickRecord::Outcome::sent
                  : outcome.kind == StepOutcome::Kind::skipped ? TickRecord::Outcome::skipped
                                                               : TickRecord::Outcome::error;
  return outcome;
}

TickRecord RecordingController::take_last() {
  TickRecord out = called_ ? last_ : TickRecord{0, TickRecord::Outcome::skipped, {}, {}, 0};
  called_ = false;
  return out;
}

MatchRecorder::MatchRecorder(const std::filesystem::path& path, const nlohmann::json& header,
                             RecordingController& controller, const std::vector<ReplayInput>& inputs)
    : writer_(path, header, inputs), controller_(controller) {}

void MatchRecorder::after_tick(const Match& match) {
  TickRecord tick = controller_.take_last();
  tick.tick = match.ticks() - 1;
  const Match::Push& push = match.last_push();
  if (push.end_tick > push.start_tick && push.start_tick == tick.tick) {
    tick.has_push = true;
    tick.push_force = push.force;
    tick.push_ticks = push.end_tick - push.start_tick;
  }
  hash_ = match.state_hash(hash_);
  tick.state_hash = hash_;
  writer_.tick(tick, match.world().robot().num_joints());
  const auto& events = match.events();
  for (; events_written_ < events.size(); ++events_written_) writer_.event(events[events_written_]);
  if (match.ticks() % kKeyframeEvery == 0) writer_.keyframe(match.snapshot());
}

}  // namespace simarena
