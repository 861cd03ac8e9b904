// The robot drops LCM messages whose fingerprint differs from its own
// definition. These constants are the base hashes in the generated headers
// of the robot's motor SDK (MiRoboticsLab/cyberdog_motor_sdk, branch
// cyberdog2, include/*.hpp): our .lcm files must reproduce them exactly.
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <file_recv_lcmt.hpp>
#include <file_send_lcmt.hpp>
#include <leg_control_data_lcmt.hpp>
#include <motor_ctrl_lcmt.hpp>
#include <motor_ctrl_state_lcmt.hpp>
#include <spi_data_t.hpp>
#include <state_estimator_lcmt.hpp>
#include <vector>

namespace {

// What getHash() returns for a type with no nested types: the base hash
// rotated left by one bit.
int64_t published_hash(uint64_t base) { return static_cast<int64_t>((base << 1) + ((base >> 63) & 1)); }

template <class Message>
std::vector<uint8_t> encoded(const Message& message) {
  std::vector<uint8_t> bytes(static_cast<size_t>(message.getEncodedSize()));
  REQUIRE(message.encode(bytes.data(), 0, static_cast<int>(bytes.size())) == static_cast<int>(bytes.size()));
  return bytes;
}

}  // namespace

TEST_CASE("LCM fingerprints equal the robot SDK's") {
  CHECK(motor_ctrl_lcmt::getHash() == published_hash(0x3ddbe622bc22d656ULL));
  CHECK(motor_ctrl_state_lcmt::getHash() == published_hash(0x2afdf7bdf6035aeaULL));
  CHECK(spi_data_t::getHash() == published_hash(0x4da50a8960be7463ULL));
  CHECK(leg_control_data_lcmt::getHash() == published_hash(0xa6b1824464a42a6bULL));
  CHECK(state_estimator_lcmt::getHash() == published_hash(0x0c69618890a997afULL));
}

TEST_CASE("LCM encodings have the robot's sizes and lead with the big-endian fingerprint") {
  CHECK(motor_ctrl_lcmt{}.getEncodedSize() == 8 + 5 * 12 * 4);
  CHECK(motor_ctrl_state_lcmt{}.getEncodedSize() == 8 + 2 + 4);
  CHECK(spi_data_t{}.getEncodedSize() == 8 + 6 * 16 + 12 * 4 + 4 + 3 * 16 + 3 * 8 + 40);
  CHECK(leg_control_data_lcmt{}.getEncodedSize() == 8 + 7 * 12 * 4 + 3 * 4 * 4);
  CHECK(state_estimator_lcmt{}.getEncodedSize() == 8 + 44 * 4 + 8);

  motor_ctrl_lcmt frame{};
  frame.q_des[0] = 1.0f;
  const std::vector<uint8_t> bytes = encoded(frame);
  uint64_t hash = 0;
  for (int i = 0; i < 8; ++i) hash = (hash << 8) | bytes[i];
  CHECK(static_cast<int64_t>(hash) == published_hash(0x3ddbe622bc22d656ULL));
  // q_des[0] = 1.0f as a big-endian IEEE float right after the fingerprint.
  CHECK(bytes[8] == 0x3f);
  CHECK(bytes[9] == 0x80);
  CHECK(bytes[10] == 0x00);
  CHECK(bytes[11] == 0x00);
}

TEST_CASE("LCM: the user gait's file_send_lcmt has the robot's fingerprint, file_recv_lcmt its one byte") {
  // The base hash in the robot's generated Python type (file_send_lcmt.py of
  // its high-level examples); the definitions are cyberdog_locomotion's user_gait_file_t.lcm.
  CHECK(file_send_lcmt::getHash() == published_hash(0x90df9b84cdceaf0aULL));
  file_send_lcmt file;
  file.data = "# Gait Def";
  CHECK(file.getEncodedSize() == 8 + 4 + 10 + 1);  // length (with the NUL), bytes, NUL
  const std::vector<uint8_t> bytes = encoded(file);
  CHECK(bytes[11] == 11);
  CHECK(bytes[12] == '#');
  CHECK(file_recv_lcmt{}.getEncodedSize() == 8 + 1);
}
