// The bridge's own reading of the robot's LCM bus (issue 22): URLs read as
// LCM reads them, LCM short messages taken apart without trusting a byte,
// and the adaptive poll that replaces LCM's receive thread.
#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <tuple>
#include <vector>

#include "simarena/bridge/adaptive_spin.h"
#include "simarena/bridge/udpm_publisher.h"
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

namespace {

// A plain UDP socket on 127.0.0.1 and a free port: stands for a bus
// (unicast, so the test needs no multicast route).
struct LoopbackReceiver {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  UdpmEndpoint endpoint;
  LoopbackReceiver() {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    socklen_t size = sizeof(address);
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
    endpoint.group = address.sin_addr;
    endpoint.port = ntohs(address.sin_port);
    timeval wait{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
  }
  ~LoopbackReceiver() { close(fd); }
  std::vector<uint8_t> next() {
    std::vector<uint8_t> bytes(65536);
    const ssize_t size = recv(fd, bytes.data(), bytes.size(), 0);
    REQUIRE(size > 0);
    bytes.resize(static_cast<size_t>(size));
    return bytes;
  }
};

uint32_t sequence_of(const std::vector<uint8_t>& datagram) {
  uint32_t big_endian = 0;
  std::memcpy(&big_endian, datagram.data() + 4, 4);
  return ntohl(big_endian);
}

}  // namespace

TEST_CASE("LCM short messages written by the bridge are LCM's bytes") {
  motor_ctrl_lcmt frame{};
  frame.kd_des[11] = 1.5f;
  std::vector<uint8_t> written;
  write_lcm_short_packet(written, 7, "motor_ctrl", static_cast<size_t>(frame.getEncodedSize()));
  const int payload = frame.getEncodedSize();
  REQUIRE(frame.encode(written.data() + written.size() - static_cast<size_t>(payload), 0, payload) == payload);
  CHECK(written == lcm_datagram("motor_ctrl", frame));  // sequence number 7 there too
  std::vector<uint8_t> refused;
  CHECK_THROWS_AS(write_lcm_short_packet(refused, 0, std::string(64, 'c'), 10), std::length_error);
  CHECK_THROWS_AS(write_lcm_short_packet(refused, 0, "", 10), std::length_error);
  CHECK_THROWS_AS(write_lcm_short_packet(refused, 0, "big", 65499), std::length_error);
  CHECK_NOTHROW(write_lcm_short_packet(refused, 0, "big", 65499 - 4));
}

TEST_CASE("the bridge's publisher sends a tick's messages in order, numbered per bus") {
  LoopbackReceiver control, estimator;
  UdpmPublisher publisher({{control.endpoint, "control"}, {estimator.endpoint, "estimator"}});
  for (int tick = 0; tick < 2; ++tick) {
    motor_ctrl_lcmt a{}, b{}, c{};
    a.q_des[0] = static_cast<float>(tick);
    b.q_des[0] = 10.0f + static_cast<float>(tick);
    c.q_des[0] = 20.0f + static_cast<float>(tick);
    publisher.add(0, "first", a);
    publisher.add(1, "other_bus", c);
    publisher.add(0, "second", b);
    publisher.send();
    for (const auto& [receiver, channel, value, sequence] :
         {std::tuple{&control, "first", a.q_des[0], 2 * tick}, std::tuple{&control, "second", b.q_des[0], 2 * tick + 1},
          std::tuple{&estimator, "other_bus", c.q_des[0], tick}}) {
      const auto datagram = receiver->next();
      CHECK(sequence_of(datagram) == static_cast<uint32_t>(sequence));
      const auto packet = parse_lcm_short_packet(datagram.data(), datagram.size());
      REQUIRE(packet);
      CHECK(packet->channel == channel);
      motor_ctrl_lcmt decoded{};
      REQUIRE(decoded.decode(packet->data, 0, static_cast<int>(packet->size)) == static_cast<int>(packet->size));
      CHECK(decoded.q_des[0] == value);
    }
  }
}

TEST_CASE("the bridge's publisher shares one socket only between buses of one TTL") {
  const auto a = parse_udpm_url("udpm://239.255.76.67:7667?ttl=255");
  const auto b = parse_udpm_url("udpm://239.255.76.67:7669?ttl=255");
  const auto c = parse_udpm_url("udpm://239.255.76.67:7669");
  REQUIRE((a && b && c));
  CHECK(a->ttl == 255);
  CHECK(c->ttl == 0);
  CHECK(UdpmPublisher::shares_socket({{*a, "a"}, {*b, "b"}}));
  CHECK_FALSE(UdpmPublisher::shares_socket({{*a, "a"}, {*c, "c"}}));
  CHECK_FALSE(parse_udpm_url("udpm://239.255.76.67:7667?ttl=256"));
}
