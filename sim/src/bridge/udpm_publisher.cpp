#include "simarena/bridge/udpm_publisher.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace simarena {
namespace {

constexpr uint8_t kShortMagic[4] = {'L', 'C', '0', '2'};
constexpr size_t kShortMessageMax = 65499;  // LCM_SHORT_MESSAGE_MAX_SIZE on Linux: channel, NUL and payload
constexpr size_t kMaxChannelName = 63;      // LCM_MAX_CHANNEL_NAME_LENGTH

}  // namespace

void write_lcm_short_packet(std::vector<uint8_t>& out, uint32_t sequence, std::string_view channel, size_t size) {
  if (channel.empty() || channel.size() > kMaxChannelName || channel.find('\0') != std::string_view::npos)
    throw std::length_error("LCM: '" + std::string(channel) + "' is not a channel name LCM sends");
  const size_t total = sizeof(kShortMagic) + 4 + channel.size() + 1 + size;
  if (channel.size() + 1 + size > kShortMessageMax)
    throw std::length_error("LCM: a message on '" + std::string(channel) + "' is too long for one datagram");
  out.resize(total);
  std::memcpy(out.data(), kShortMagic, sizeof(kShortMagic));
  const uint32_t big_endian = htonl(sequence);
  std::memcpy(out.data() + 4, &big_endian, 4);
  std::memcpy(out.data() + 8, channel.data(), channel.size());
  out[8 + channel.size()] = 0;
}

bool UdpmPublisher::shares_socket(const std::vector<std::pair<UdpmEndpoint, std::string>>& buses) {
  for (const auto& bus : buses)
    if (bus.first.ttl != buses.front().first.ttl) return false;
  return true;
}

UdpmPublisher::UdpmPublisher(const std::vector<std::pair<UdpmEndpoint, std::string>>& buses) {
  if (!shares_socket(buses)) throw std::invalid_argument("UdpmPublisher: buses with different TTLs");
  fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0 && !buses.empty())
    throw std::runtime_error(buses.front().second + ": cannot send on this LCM bus (socket: " + std::strerror(errno) +
                             ")");
  for (const auto& [endpoint, url] : buses) {
    // One socket for all buses; like LCM, the TTL is the URL's. Buses
    // sharing a socket must then agree on it.
    const unsigned char ttl = static_cast<unsigned char>(endpoint.ttl);
    if (setsockopt(fd_, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl)) != 0) {
      const std::string reason = std::strerror(errno);
      close(fd_);
      throw std::runtime_error(url + ": cannot send on this LCM bus (IP_MULTICAST_TTL: " + reason + ")");
    }
    sockaddr_in destination{};
    destination.sin_family = AF_INET;
    destination.sin_addr = endpoint.group;
    destination.sin_port = htons(endpoint.port);
    destinations_.push_back(destination);
    urls_.push_back(url);
    sequence_.push_back(0);
  }
}

UdpmPublisher::~UdpmPublisher() {
  if (fd_ >= 0) close(fd_);
}

std::vector<uint8_t>& UdpmPublisher::next_packet(size_t bus) {
  if (bus >= destinations_.size()) throw std::out_of_range("UdpmPublisher: no such bus");
  if (queued_ == packets_.size()) {
    packets_.emplace_back();
    bus_of_.push_back(bus);
  }
  bus_of_[queued_] = bus;
  return packets_[queued_++];
}

void UdpmPublisher::send() {
  headers_.resize(queued_);
  vectors_.resize(queued_);
  for (size_t i = 0; i < queued_; ++i) {
    vectors_[i] = {packets_[i].data(), packets_[i].size()};
    headers_[i] = {};
    headers_[i].msg_hdr.msg_name = &destinations_[bus_of_[i]];
    headers_[i].msg_hdr.msg_namelen = sizeof(sockaddr_in);
    headers_[i].msg_hdr.msg_iov = &vectors_[i];
    headers_[i].msg_hdr.msg_iovlen = 1;
  }
  size_t sent = 0;
  while (sent < queued_) {
    const int count = sendmmsg(fd_, headers_.data() + sent, static_cast<unsigned>(queued_ - sent), 0);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) {
      const std::string reason = count < 0 ? std::strerror(errno) : "nothing sent";
      queued_ = 0;
      throw std::runtime_error(urls_[bus_of_[sent]] + ": LCM publishing failed (" + reason + ")");
    }
    sent += static_cast<size_t>(count);
  }
  queued_ = 0;
}

}  // namespace simarena
