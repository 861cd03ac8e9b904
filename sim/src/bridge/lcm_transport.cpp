#include "simarena/bridge/lcm_transport.h"

#include <algorithm>
#include <stdexcept>

namespace simarena {
namespace {

constexpr std::chrono::microseconds kAnswerSpin{200};

void check_open(const lcm::LCM& lcm, const std::string& url) {
  if (!lcm.good())
    throw std::runtime_error(url +
                             ": LCM cannot open this URL (for udpm://, the host needs a multicast route, e.g. "
                             "'ip route add 224.0.0.0/4 dev lo' for a local-only bus)");
}

void check_sent(int status, const char* channel) {
  if (status != 0) throw std::runtime_error(std::string("LCM: publishing on '") + channel + "' failed");
}

}  // namespace

LcmTransport::LcmTransport(const LcmUrls& urls) : urls_(urls), control_(urls.control), estimator_(urls.estimator) {
  check_open(control_, urls.control);
  check_open(estimator_, urls.estimator);
  control_.subscribeFunction("motor_ctrl", &LcmTransport::on_frame, this);
}

void LcmTransport::on_frame(const lcm::ReceiveBuffer*, const std::string&, const motor_ctrl_lcmt* frame,
                            LcmTransport* self) {
  self->frames_.push_back(*frame);
  self->frames_received_++;
}

void LcmTransport::publish(const WireState& state) {
  check_sent(control_.publish("motor_ctrl_state", &state.ctrl_state), "motor_ctrl_state");
  check_sent(control_.publish("spi_data", &state.spi_data), "spi_data");
  check_sent(control_.publish("leg_control_data", &state.leg_data), "leg_control_data");
  check_sent(estimator_.publish("state_estimator", &state.estimator), "state_estimator");
}

void LcmTransport::receive_pending() {
  int status;
  while ((status = control_.handleTimeout(0)) > 0) {
  }
  if (status < 0) throw std::runtime_error(urls_.control + ": LCM receive failed");
}

std::optional<motor_ctrl_lcmt> LcmTransport::next_frame(std::chrono::milliseconds timeout) {
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + timeout;
  // A lockstep program answers a state within tens of microseconds; polling
  // that long keeps this core awake, so the answer is not delayed by waking
  // a sleeping core. Bounded, and only timing changes: frames are still
  // taken in arrival order.
  const auto spin_until = start + std::min<std::chrono::steady_clock::duration>(kAnswerSpin, timeout);
  while (frames_.empty() && std::chrono::steady_clock::now() < spin_until) receive_pending();
  while (frames_.empty()) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      receive_pending();
      break;
    }
    if (control_.handleTimeout(static_cast<int>(left.count())) < 0)
      throw std::runtime_error(urls_.control + ": LCM receive failed");
  }
  if (frames_.empty()) return std::nullopt;
  motor_ctrl_lcmt frame = frames_.front();
  frames_.pop_front();
  return frame;
}

std::optional<motor_ctrl_lcmt> LcmTransport::latest_frame() {
  receive_pending();
  if (frames_.empty()) return std::nullopt;
  motor_ctrl_lcmt frame = frames_.back();
  frames_.clear();
  return frame;
}

void LcmTransport::discard_pending() {
  receive_pending();
  frames_.clear();
}

}  // namespace simarena
