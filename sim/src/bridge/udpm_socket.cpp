#include "simarena/bridge/udpm_socket.h"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>

namespace simarena {
namespace {

constexpr std::string_view kScheme = "udpm://";
constexpr uint8_t kShortMagic[4] = {'L', 'C', '0', '2'};  // LCM2_MAGIC_SHORT, big-endian
constexpr size_t kHeaderBytes = 8;                        // magic, sequence number
constexpr size_t kMaxChannelName = 63;                    // LCM_MAX_CHANNEL_NAME_LENGTH

std::optional<int> parse_int(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<UdpmEndpoint> parse_udpm_url(const std::string& url) {
  std::string_view rest(url);
  if (!rest.starts_with(kScheme)) return std::nullopt;
  rest.remove_prefix(kScheme.size());
  const size_t query = rest.find('?');
  const std::string_view network = rest.substr(0, query);
  const size_t colon = network.find(':');
  if (colon == std::string_view::npos) return std::nullopt;  // LCM's defaults: leave those to LCM
  UdpmEndpoint endpoint;
  if (inet_pton(AF_INET, std::string(network.substr(0, colon)).c_str(), &endpoint.group) != 1) return std::nullopt;
  const auto port = parse_int(network.substr(colon + 1));
  if (!port || *port <= 0 || *port > 65535) return std::nullopt;
  endpoint.port = static_cast<uint16_t>(*port);
  if (query == std::string_view::npos) return endpoint;
  std::string_view options = rest.substr(query + 1);
  while (!options.empty()) {
    const size_t amp = options.find('&');
    const std::string_view option = options.substr(0, amp);
    options = amp == std::string_view::npos ? std::string_view() : options.substr(amp + 1);
    const size_t equals = option.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    const std::string_view key = option.substr(0, equals);
    if (key == "recv_buf_size") {
      const auto size = parse_int(option.substr(equals + 1));
      if (!size || *size < 0) return std::nullopt;
      endpoint.recv_buf_size = *size;
    } else if (key == "ttl") {
      const auto ttl = parse_int(option.substr(equals + 1));
      if (!ttl || *ttl < 0 || *ttl > 255) return std::nullopt;
      endpoint.ttl = *ttl;
    } else {
      return std::nullopt;  // an option this parser does not know: LCM reads the URL
    }
  }
  return endpoint;
}

std::optional<LcmPacket> parse_lcm_short_packet(const uint8_t* bytes, size_t size) {
  if (size < kHeaderBytes + 1 || std::memcmp(bytes, kShortMagic, sizeof(kShortMagic)) != 0) return std::nullopt;
  const uint8_t* name = bytes + kHeaderBytes;
  const size_t name_room = std::min(size - kHeaderBytes, kMaxChannelName + 1);
  const auto* end = static_cast<const uint8_t*>(std::memchr(name, '\0', name_room));
  if (end == nullptr) return std::nullopt;
  const auto name_size = static_cast<size_t>(end - name);
  const size_t offset = kHeaderBytes + name_size + 1;
  return LcmPacket{std::string_view(reinterpret_cast<const char*>(name), name_size), bytes + offset, size - offset};
}

UdpmSocket::UdpmSocket(const UdpmEndpoint& endpoint, const std::string& url)
    : url_(url), buffers_(kBatch * kDatagramBytes), sizes_(kBatch) {
  const auto fail = [&](const char* step) {
    const std::string reason = std::strerror(errno);
    if (fd_ >= 0) close(fd_);
    throw std::runtime_error(url_ + ": cannot receive on this LCM bus (" + step + ": " + reason + ")");
  };
  fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) fail("socket");
  // Other programs on this machine listen on the same group and port.
  const int on = 1;
  if (setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0) fail("SO_REUSEADDR");
  if (endpoint.recv_buf_size > 0)
    setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &endpoint.recv_buf_size, sizeof(endpoint.recv_buf_size));  // a wish, as LCM
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  address.sin_port = htons(endpoint.port);
  if (bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) fail("bind");
  ip_mreq membership{};
  membership.imr_multiaddr = endpoint.group;
  membership.imr_interface.s_addr = htonl(INADDR_ANY);
  if (setsockopt(fd_, IPPROTO_IP, IP_ADD_MEMBERSHIP, &membership, sizeof(membership)) != 0) fail("IP_ADD_MEMBERSHIP");
}

UdpmSocket::~UdpmSocket() { close(fd_); }

int UdpmSocket::receive_batch() {
  mmsghdr messages[kBatch]{};
  iovec vectors[kBatch];
  for (int i = 0; i < kBatch; ++i) {
    vectors[i] = {buffers_.data() + static_cast<size_t>(i) * kDatagramBytes, kDatagramBytes};
    messages[i].msg_hdr.msg_iov = &vectors[i];
    messages[i].msg_hdr.msg_iovlen = 1;
  }
  int count;
  do {
    count = recvmmsg(fd_, messages, kBatch, MSG_DONTWAIT, nullptr);
  } while (count < 0 && errno == EINTR);
  if (count < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
    throw std::runtime_error(url_ + ": LCM receive failed (" + std::strerror(errno) + ")");
  }
  for (int i = 0; i < count; ++i)
    sizes_[static_cast<size_t>(i)] = (messages[i].msg_hdr.msg_flags & MSG_TRUNC) ? 0 : messages[i].msg_len;
  return count;
}

std::optional<LcmPacket> UdpmSocket::received(int i) const {
  return parse_lcm_short_packet(buffers_.data() + static_cast<size_t>(i) * kDatagramBytes,
                                sizes_[static_cast<size_t>(i)]);
}

bool UdpmSocket::wait_readable(std::chrono::milliseconds timeout) {
  pollfd readable{fd_, POLLIN, 0};
  const int ready = poll(&readable, 1, static_cast<int>(std::max<int64_t>(0, timeout.count())));
  if (ready < 0 && errno != EINTR)
    throw std::runtime_error(url_ + ": LCM receive failed (" + std::strerror(errno) + ")");
  return ready > 0;
}

}  // namespace simarena
