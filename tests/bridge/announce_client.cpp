// What a program on the bridge announces, written from
// sim/lcm/simarena_announce_lcmt.lcm alone: every 20 ms (wall clock) for
// the given seconds it publishes on "simarena_announce" a recognition of the
// cubes, a plain announcement and one of an unknown kind (dropped).
// Usage: announce_client <seconds> [lcm url]
#include <chrono>
#include <cstdio>
#include <lcm/lcm-cpp.hpp>
#include <simarena_announce_lcmt.hpp>
#include <string>
#include <thread>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: announce_client <seconds> [lcm url]\n");
    return 2;
  }
  const double seconds = std::stod(argv[1]);
  lcm::LCM bus(argc > 2 ? argv[2] : "udpm://239.255.76.67:7667?ttl=255");
  if (!bus.good()) return 1;
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    for (const auto& [kind, words] :
         {std::pair{5, "识别到无法跨越障碍"}, std::pair{0, "plain words"}, std::pair{42, "no such kind"}}) {
      simarena_announce_lcmt message;
      message.kind = kind;
      message.words = words;
      bus.publish("simarena_announce", &message);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return 0;
}
