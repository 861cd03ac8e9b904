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

lcm::LCM& opened_lcm(lcm::LCM& lcm, const std::string& url) {
  check_lcm_open(lcm, url);
  return lcm;
}

LcmTransport::LcmTransport(const LcmUrls& urls)
    : urls_(urls),
      control_(urls.control),
      estimator_(urls.estimator),
      inbox_(opened_lcm(control_, urls.control), urls.control, "motor_ctrl") {
  check_lcm_open(estimator_, urls.estimator);
}

void LcmTransport::publish(const WireState& state) {
  check_sent(control_.publish("motor_ctrl_state", &state.ctrl_state), "motor_ctrl_state");
  check_sent(control_.publish("spi_data", &state.spi_data), "spi_data");
  check_sent(control_.publish("leg_control_data", &state.leg_data), "leg_control_data");
  check_sent(estimator_.publish("state_estimator", &state.estimator), "state_estimator");
}

std::optional<motor_ctrl_lcmt> LcmTransport::next_frame(std::chrono::milliseconds timeout) {
  return inbox_.next(timeout);
}
std::optional<motor_ctrl_lcmt> LcmTransport::latest_frame() { return inbox_.latest(); }
void LcmTransport::discard_pending() { inbox_.discard_pending(); }

}  // namespace simarena
