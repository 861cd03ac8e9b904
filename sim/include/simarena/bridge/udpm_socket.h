// The bridge's own receiving socket on an LCM udpm:// bus. LCM 1.3 reads
// every packet of a bus on a thread of its own and hands it over through a
// pipe: per lockstep tick that was four wake-ups of that thread (the
// bridge's own three state messages come back on the bus) and a pipe write
// and read. This socket is read by the bridge's thread itself, without
// blocking, so a tick's answer costs one or two system calls. It speaks
// LCM's wire format for short messages (the only kind a motor_ctrl frame
// is) and nothing else: what it receives is any program's bytes, untrusted.
#pragma once

#include <netinet/in.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace simarena {

// Where a udpm:// URL listens: "udpm://239.255.76.67:7667?ttl=255".
struct UdpmEndpoint {
  in_addr group{};
  uint16_t port = 0;      // host order
  int recv_buf_size = 0;  // SO_RCVBUF asked for by the URL, 0: the system's
  int ttl = 0;            // multicast TTL of what is sent (LCM's default 0: this host only)
};

// The endpoint of a udpm:// URL, or nothing for another provider or a URL
// this parser does not read as LCM would (the caller then uses LCM itself).
std::optional<UdpmEndpoint> parse_udpm_url(const std::string& url);

// One LCM short message: the channel name and the encoded payload, both
// views into the packet.
struct LcmPacket {
  std::string_view channel;
  const uint8_t* data = nullptr;
  size_t size = 0;
};

// Reads a UDP payload as an LCM short message ("LC02", sequence number,
// channel name ending in NUL, payload). Nothing for anything else: a
// fragment of a long message, a wrong magic, a channel name without its
// NUL or longer than LCM allows.
std::optional<LcmPacket> parse_lcm_short_packet(const uint8_t* bytes, size_t size);

class UdpmSocket {
 public:
  // Joins the endpoint's group on its port, non-blocking. Throws
  // std::runtime_error naming `url` and the failed step.
  UdpmSocket(const UdpmEndpoint& endpoint, const std::string& url);
  ~UdpmSocket();
  UdpmSocket(const UdpmSocket&) = delete;
  UdpmSocket& operator=(const UdpmSocket&) = delete;

  // Calls on_message(packet) for every LCM short message pending on the
  // socket, in arrival order, without waiting (a few packets per system
  // call); skips every other datagram.
  template <class OnMessage>
  void drain(OnMessage&& on_message) {
    for (;;) {
      const int count = receive_batch();
      for (int i = 0; i < count; ++i)
        if (const auto packet = received(i)) on_message(*packet);
      if (count < kBatch) return;
    }
  }

  // Sleeps until a datagram is pending or `timeout` passes. True when one is.
  bool wait_readable(std::chrono::milliseconds timeout);

 private:
  static constexpr int kBatch = 8;
  static constexpr size_t kDatagramBytes = 65536;  // the largest UDP payload, so nothing is cut

  int receive_batch();  // datagrams now in the buffers, 0 when none was pending
  std::optional<LcmPacket> received(int i) const;

  std::string url_;
  int fd_ = -1;
  std::vector<uint8_t> buffers_;
  std::vector<size_t> sizes_;
};

}  // namespace simarena
