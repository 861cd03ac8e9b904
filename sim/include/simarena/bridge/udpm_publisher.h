// The bridge's own sending socket on LCM udpm:// buses. LCM 1.3 sends each
// message with a system call of its own; a lockstep tick publishes four
// state messages on two buses (ports 7667 and 7669), so the bridge queues a
// tick's messages and sends them with one sendmmsg. The datagrams are the
// bytes LCM sends (its short-message format, one sequence number per bus,
// as one lcm_t per bus counts), so any LCM program reads them unchanged.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "simarena/bridge/udpm_socket.h"

namespace simarena {

// Lays out one LCM short message in `out` (replacing its contents): "LC02",
// the sequence number (big-endian), the channel name and its NUL, then room
// for the `size` bytes of the encoded payload at the end, for the caller to
// fill. Throws std::length_error for a name LCM would refuse, or a message
// LCM would fragment (a state message never is).
void write_lcm_short_packet(std::vector<uint8_t>& out, uint32_t sequence, std::string_view channel, size_t size);

class UdpmPublisher {
 public:
  // One bus per URL, all through one socket, so they share one TTL (the
  // URLs'; LCM's default 0 when absent): use shares_socket first. Throws
  // std::runtime_error naming a URL and the failed step.
  explicit UdpmPublisher(const std::vector<std::pair<UdpmEndpoint, std::string>>& buses);
  ~UdpmPublisher();
  UdpmPublisher(const UdpmPublisher&) = delete;
  UdpmPublisher& operator=(const UdpmPublisher&) = delete;

  static bool shares_socket(const std::vector<std::pair<UdpmEndpoint, std::string>>& buses);

  // Queues one message (an lcm-gen type) on bus `bus` (its index in the constructor's list).
  template <class Message>
  void add(size_t bus, std::string_view channel, const Message& message) {
    std::vector<uint8_t>& packet = next_packet(bus);
    const auto size = static_cast<size_t>(message.getEncodedSize());
    write_lcm_short_packet(packet, sequence_[bus]++, channel, size);
    const size_t offset = packet.size() - size;
    if (message.encode(packet.data() + offset, 0, static_cast<int>(size)) != static_cast<int>(size))
      throw std::runtime_error("LCM: encoding a message for '" + std::string(channel) + "' failed");
  }

  // Sends every queued message in queue order, with as few system calls as
  // the kernel takes (one, normally), and empties the queue.
  void send();

 private:
  std::vector<uint8_t>& next_packet(size_t bus);

  int fd_ = -1;
  std::vector<sockaddr_in> destinations_;
  std::vector<std::string> urls_;
  std::vector<uint32_t> sequence_;             // per bus, as each lcm_t numbers its messages
  std::vector<std::vector<uint8_t>> packets_;  // reused from tick to tick
  std::vector<size_t> bus_of_;
  size_t queued_ = 0;
  std::vector<mmsghdr> headers_;  // sendmmsg's, reused
  std::vector<iovec> vectors_;
};

}  // namespace simarena
