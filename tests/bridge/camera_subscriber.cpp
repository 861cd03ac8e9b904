// A program on the LCM bus that reads the simulated robot's camera images
// (`simarena bridge --cameras`), written from simarena_camera_image_lcmt.lcm
// alone: one line per image it received, with what a test checks (size,
// encoding, how varied the content is, a hash of the bytes).
//
// Usage: camera_subscriber --lcm-url URL --channel NAME [--channel NAME ...]
//                          [--wait S] [--idle-exit S]
// It listens for up to --wait seconds for the first image, then exits once
// no image arrived for --idle-exit seconds. Lines:
//   <channel> seq <n> t_us <t> <width>x<height> <encoding> step <s> bytes <b>
//     distinct <values> hash <fnv1a64> [depth_mm <min nonzero> <max> nonzero <fraction>]
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <lcm/lcm-cpp.hpp>
#include <set>
#include <simarena_camera_image_lcmt.hpp>
#include <string>
#include <vector>

namespace {

class Printer {
 public:
  void on_image(const lcm::ReceiveBuffer*, const std::string& channel, const simarena_camera_image_lcmt* image) {
    last = std::chrono::steady_clock::now();
    ++received;
    uint64_t hash = 0xcbf29ce484222325ull;
    for (const uint8_t byte : image->data) hash = (hash ^ byte) * 0x100000001b3ull;
    std::printf("%s seq %d t_us %" PRId64 " %dx%d %s step %d bytes %d", channel.c_str(), image->sequence,
                image->timestamp, image->width, image->height, image->encoding.c_str(), image->step, image->data_size);
    if (image->encoding == "rgb8") {
      std::set<uint32_t> colours;
      for (size_t i = 0; i + 2 < image->data.size(); i += 3)
        colours.insert(static_cast<uint32_t>(image->data[i] << 16 | image->data[i + 1] << 8 | image->data[i + 2]));
      std::printf(" distinct %zu hash %016" PRIx64 "\n", colours.size(), hash);
    } else {
      std::set<uint16_t> values;
      unsigned min_mm = 65535, max_mm = 0;
      size_t nonzero = 0;
      for (size_t i = 0; i + 1 < image->data.size(); i += 2) {
        const auto mm = static_cast<uint16_t>(image->data[i] | image->data[i + 1] << 8);  // little-endian
        values.insert(mm);
        if (mm == 0) continue;
        ++nonzero;
        if (mm < min_mm) min_mm = mm;
        if (mm > max_mm) max_mm = mm;
      }
      std::printf(" distinct %zu hash %016" PRIx64 " depth_mm %u %u nonzero %.3f\n", values.size(), hash, min_mm,
                  max_mm, static_cast<double>(nonzero) / static_cast<double>(image->data.size() / 2));
    }
    std::fflush(stdout);
  }
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
  long received = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  std::vector<std::string> channels;
  double wait = 30, idle_exit = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--lcm-url")
      url = argv[i + 1];
    else if (key == "--channel")
      channels.push_back(argv[i + 1]);
    else if (key == "--wait")
      wait = std::atof(argv[i + 1]);
    else if (key == "--idle-exit")
      idle_exit = std::atof(argv[i + 1]);
    else {
      std::fprintf(stderr, "camera_subscriber: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  lcm::LCM lcm(url);
  if (!lcm.good()) {
    std::fprintf(stderr, "camera_subscriber: cannot open %s\n", url.c_str());
    return 1;
  }
  Printer printer;
  for (const std::string& channel : channels) lcm.subscribe(channel, &Printer::on_image, &printer);
  std::fprintf(stderr, "camera_subscriber: listening\n");
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    lcm.handleTimeout(100);
    const auto now = std::chrono::steady_clock::now();
    if (printer.received == 0 && std::chrono::duration<double>(now - start).count() > wait) break;
    if (printer.received > 0 && std::chrono::duration<double>(now - printer.last).count() > idle_exit) break;
  }
  std::fprintf(stderr, "camera_subscriber: %ld images\n", printer.received);
  return 0;
}
