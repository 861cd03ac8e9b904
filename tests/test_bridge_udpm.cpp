// The bridge's own reading of the robot's LCM bus (issue 22): URLs read as
// LCM reads them, LCM short messages taken apart without trusting a byte,
// and the adaptive poll that replaces LCM's receive thread.
#include <arpa/inet.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <vector>

#include "simarena/bridge/adaptive_spin.h"
#include "simarena/bridge/bus_inbox.h"
#include "simarena/bridge/udpm_socket.h"
#include "simarena/bridge/wire_convention.h"

using namespace simarena;
using namespace std::chrono_literals;

namespace {

// A datagram as LCM 1.3 sends a short message: "LC02", sequence number,
// channel name and its NUL, the encoded message.
std::vector<uint8_t> lcm_datagram(const std::string& channel, const motor_ctrl_lcmt& frame) {
  const uint8_t header[8] = {'L', 'C', '0', '2', 0, 0, 0, 7};
  const size_t offset = sizeof(header) + channel.size() + 1;
  std::vector<uint8_t> bytes(offset + static_cast<size_t>(frame.getEncodedSize()));
  std::memcpy(bytes.data(), header, sizeof(header));
  std::memcpy(bytes.data() + sizeof(header), channel.data(), channel.size());  // and the NUL, already there
  const int payload = static_cast<int>(bytes.size() - offset);
  REQUIRE(frame.encode(bytes.data() + offset, 0, payload) == payload);
  return bytes;
}

}  // namespace

TEST_CASE("udpm URLs: the robot's are read, anything else is left to LCM") {
  const auto control = parse_udpm_url("udpm://239.255.76.67:7667?ttl=255");
  REQUIRE(control);
  CHECK(control->port == 7667);
  CHECK(control->group.s_addr == inet_addr("239.255.76.67"));
  CHECK(control->recv_buf_size == 0);
  const auto sized = parse_udpm_url("udpm://239.255.76.67:7669?ttl=1&recv_buf_size=2097152");
  REQUIRE(sized);
  CHECK(sized->port == 7669);
  CHECK(sized->recv_buf_size == 2097152);
  CHECK(parse_udpm_url("udpm://239.255.76.67:7667"));
  for (const char* other : {"file:///tmp/log.lcm", "memq://", "udpm://", "udpm://239.255.76.67", "udpm://host:7667",
                            "udpm://239.255.76.67:0", "udpm://239.255.76.67:70000", "udpm://239.255.76.67:76x",
                            "udpm://239.255.76.67:7667?transmit_only=true", "udpm://239.255.76.67:7667?ttl"})
    CHECK_FALSE(parse_udpm_url(other));
}

TEST_CASE("LCM short messages: a motor_ctrl frame comes out as it went in") {
  motor_ctrl_lcmt frame{};
  for (int i = 0; i < 12; ++i) frame.q_des[i] = 0.25f * static_cast<float>(i);
  frame.kp_des[3] = 80.0f;
  const auto bytes = lcm_datagram("motor_ctrl", frame);
  const auto packet = parse_lcm_short_packet(bytes.data(), bytes.size());
  REQUIRE(packet);
  CHECK(packet->channel == "motor_ctrl");
  motor_ctrl_lcmt decoded{};
  REQUIRE(decoded.decode(packet->data, 0, static_cast<int>(packet->size)) == static_cast<int>(packet->size));
  CHECK(std::memcmp(decoded.q_des, frame.q_des, sizeof(frame.q_des)) == 0);
  CHECK(decoded.kp_des[3] == 80.0f);
}

TEST_CASE("LCM short messages: anything else is not one") {
  const auto good = lcm_datagram("motor_ctrl", motor_ctrl_lcmt{});
  SECTION("a fragment of a long message (LC03)") {
    auto bytes = good;
    bytes[3] = '3';
    CHECK_FALSE(parse_lcm_short_packet(bytes.data(), bytes.size()));
  }
  SECTION("shorter than the header and a name") {
    CHECK_FALSE(parse_lcm_short_packet(good.data(), 8));
    CHECK_FALSE(parse_lcm_short_packet(good.data(), 0));
  }
  SECTION("a channel name without its NUL, cut by the datagram's end") {
    CHECK_FALSE(parse_lcm_short_packet(good.data(), 8 + 5));
  }
  SECTION("a channel name longer than LCM's 63 bytes") {
    const auto bytes = lcm_datagram(std::string(64, 'c'), motor_ctrl_lcmt{});
    CHECK_FALSE(parse_lcm_short_packet(bytes.data(), bytes.size()));
    const auto longest = lcm_datagram(std::string(63, 'c'), motor_ctrl_lcmt{});
    CHECK(parse_lcm_short_packet(longest.data(), longest.size()));
  }
  SECTION("a name and nothing after it is an empty payload, which decoding refuses") {
    const auto packet = parse_lcm_short_packet(good.data(), 8 + std::strlen("motor_ctrl") + 1);
    REQUIRE(packet);
    CHECK(packet->size == 0);
    motor_ctrl_lcmt frame{};
    CHECK(frame.decode(packet->data, 0, 0) < 0);
  }
}

TEST_CASE("adaptive poll: polls for quick answers, not for slow ones, within its bound") {
  AdaptiveSpin spin(200us);
  CHECK(spin.budget() == 200us);  // until it has seen answers
  for (int i = 0; i < 40; ++i) spin.observe(30us);
  CHECK(spin.budget() > 55us);
  CHECK(spin.budget() < 70us);
  // A loaded machine: answers come late, so polling would only take a core.
  for (int i = 0; i < 40; ++i) spin.observe(2ms);
  CHECK(spin.budget() == 0ns);
  // One late answer among quick ones does not end polling.
  for (int i = 0; i < 40; ++i) spin.observe(20us);
  spin.observe(5ms);
  CHECK(spin.budget() > 0ns);
  CHECK(spin.budget() <= 200us);
}

// Where the bus is not udpm:// (here LCM's in-process memq://) LCM itself
// reads it: the channel's frames only, in the order they were sent.
TEST_CASE("bus inbox: on a bus that is not udpm://, LCM reads the channel, frames in order") {
  lcm::LCM bus("memq://");
  REQUIRE(bus.good());
  BusInbox<motor_ctrl_lcmt> inbox(bus, "memq://", "motor_ctrl");
  CHECK_FALSE(inbox.next(0ms));
  motor_ctrl_lcmt frame{};
  for (int i = 0; i < 3; ++i) {
    frame.q_des[0] = static_cast<float>(i);
    REQUIRE(bus.publish("motor_ctrl", &frame) == 0);
    REQUIRE(bus.publish("motor_ctrl_state_not_this", &frame) == 0);
  }
  for (int i = 0; i < 2; ++i) {
    const auto taken = inbox.next(0ms);
    REQUIRE(taken);
    CHECK(taken->q_des[0] == static_cast<float>(i));
  }
  CHECK(inbox.received() == 3);
  const auto newest = inbox.latest();
  REQUIRE(newest);
  CHECK(newest->q_des[0] == 2.0f);
  CHECK_FALSE(inbox.next(0ms));
}
