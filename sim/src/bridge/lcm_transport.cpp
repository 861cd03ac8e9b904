#include "simarena/bridge/lcm_transport.h"

#include <algorithm>
#include <stdexcept>

namespace simarena {
namespace {

void check_sent(int status, const char* channel) {
  if (status != 0) throw std::runtime_error(std::string("LCM: publishing on '") + channel + "' failed");
}

}  // namespace

void check_lcm_open(const lcm::LCM& lcm, const std::string& url) {
  if (!lcm.good())
    throw std::runtime_error(url +
                             ": LCM cannot open this URL (for udpm://, the host needs a multicast route, e.g. "
                             "'ip route add 224.0.0.0/4 dev lo' for a local-only bus)");
}

LcmTransport::LcmTransport(const LcmUrls& urls) : urls_(urls), control_(urls.control), estimator_(urls.estimator) {
  check_lcm_open(control_, urls.control);
  check_lcm_open(estimator_, urls.estimator);
  // Subscribing would start LCM's receive thread on the control bus; the
  // bridge's own socket replaces it where the URL is one it can read.
  const auto control = parse_udpm_url(urls.control);
  if (control)
    direct_inbox_.emplace(*control, urls.control, "motor_ctrl");
  else
    lcm_inbox_.emplace(control_, urls.control, "motor_ctrl");
  // A tick's four state messages in one system call, where both buses are
  // udpm:// ones this bridge can send on as LCM would.
  if (const auto estimator = parse_udpm_url(urls.estimator); control && estimator) {
    const std::vector<std::pair<UdpmEndpoint, std::string>> buses{{*control, urls.control},
                                                                  {*estimator, urls.estimator}};
    if (UdpmPublisher::shares_socket(buses)) direct_outbox_.emplace(buses);
  }
}

void LcmTransport::publish(const WireState& state) {
  if (direct_outbox_) {
    direct_outbox_->add(kControlBus, "motor_ctrl_state", state.ctrl_state);
    direct_outbox_->add(kControlBus, "spi_data", state.spi_data);
    direct_outbox_->add(kControlBus, "leg_control_data", state.leg_data);
    direct_outbox_->add(kEstimatorBus, "state_estimator", state.estimator);
    direct_outbox_->send();
    return;
  }
  check_sent(control_.publish("motor_ctrl_state", &state.ctrl_state), "motor_ctrl_state");
  check_sent(control_.publish("spi_data", &state.spi_data), "spi_data");
  check_sent(control_.publish("leg_control_data", &state.leg_data), "leg_control_data");
  check_sent(estimator_.publish("state_estimator", &state.estimator), "state_estimator");
}

std::optional<motor_ctrl_lcmt> LcmTransport::next_frame(std::chrono::milliseconds timeout) {
  return direct_inbox_ ? direct_inbox_->next(timeout) : lcm_inbox_->next(timeout);
}
std::optional<motor_ctrl_lcmt> LcmTransport::latest_frame() {
  return direct_inbox_ ? direct_inbox_->latest() : lcm_inbox_->latest();
}
void LcmTransport::discard_pending() {
  if (direct_inbox_)
    direct_inbox_->discard_pending();
  else
    lcm_inbox_->discard_pending();
}

}  // namespace simarena
