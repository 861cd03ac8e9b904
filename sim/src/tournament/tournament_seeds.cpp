#include "simarena/tournament/tournament_seeds.h"

#include <openssl/evp.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "simarena/base/input_error.h"
#include "simarena/track/field_course.h"

namespace simarena {
namespace {

constexpr size_t kMinPassphraseLength = 16;

std::array<unsigned char, 32> sha256(const std::string& bytes) {
  std::array<unsigned char, 32> digest{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 || size != 32)
    throw std::runtime_error("SHA-256 failed (OpenSSL)");
  return digest;
}

std::string read_whole(const std::filesystem::path& file, const char* what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), std::string("cannot read the ") + what);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void check_count(const std::filesystem::path& file, size_t available, int count) {
  if (count > 0 && available < static_cast<size_t>(count))
    throw InputError(file.string(), "holds " + std::to_string(available) + " seeds; " + std::to_string(count) +
                                        " were asked for (--seeds)");
}

}  // namespace

std::string sha256_hex(const std::string& bytes) {
  std::string hex;
  char byte[3];
  for (unsigned char b : sha256(bytes)) {
    std::snprintf(byte, sizeof(byte), "%02x", b);
    hex += byte;
  }
  return hex;
}

TournamentSeeds published_seeds(int count) {
  TournamentSeeds out;
  for (int k = 0; k < count; ++k) out.seeds.push_back(static_cast<uint64_t>(k));
  out.source = count == 1 ? "published seed 0" : "published seeds 0.." + std::to_string(count - 1);
  return out;
}

TournamentSeeds seeds_from_file(const std::filesystem::path& file, int count) {
  const std::string text = read_whole(file, "seed file");
  TournamentSeeds out;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::string word;
    if (!(words >> word)) continue;
    std::string rest;
    size_t used = 0;
    uint64_t seed = 0;
    try {
      seed = std::stoull(word, &used, 0);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != word.size() || word.front() == '-' || (words >> rest))
      throw InputError(file.string(), number, 1, "'" + line + "' is not one unsigned integer seed");
    out.seeds.push_back(seed);
  }
  if (out.seeds.empty()) throw InputError(file.string(), "holds no seeds (one unsigned integer per line)");
  check_count(file, out.seeds.size(), count);
  if (count > 0) out.seeds.resize(static_cast<size_t>(count));
  out.source = "seed file " + file.filename().string();
  out.commitment = sha256_hex(text);
  return out;
}

uint64_t passphrase_seed(const std::string& passphrase, int k) {
  const auto digest = sha256("simarena-seed:" + std::to_string(k) + ":" + passphrase);
  uint64_t seed = 0;
  for (int i = 0; i < 8; ++i) seed = (seed << 8) | digest[static_cast<size_t>(i)];
  return seed;
}

TournamentSeeds seeds_from_passphrase_file(const std::filesystem::path& file, int count) {
  std::string passphrase = read_whole(file, "passphrase file");
  passphrase = passphrase.substr(0, passphrase.find('\n'));
  if (!passphrase.empty() && passphrase.back() == '\r') passphrase.pop_back();
  if (passphrase.size() < kMinPassphraseLength)
    throw InputError(file.string(), 1, 1,
                     "the passphrase must be at least 16 characters (e.g. the output of 'openssl rand -hex 16')");
  if (count < 1) throw InputError(file.string(), "--seeds N is needed with a passphrase: how many seeds to derive");
  TournamentSeeds out;
  for (int k = 1; k <= count; ++k) out.seeds.push_back(passphrase_seed(passphrase, k));
  out.source = "seeds derived from a passphrase (docs/judging.md)";
  out.commitment = sha256_hex(passphrase);
  return out;
}

bool track_is_randomized(const Track& track) {
  if (track.field && track.field->randomized()) return true;
  for (const CourseElement& element : track.course) {
    if (std::holds_alternative<RoughElement>(element.shape)) return true;
    if (const auto* stones = std::get_if<SteppingStonesElement>(&element.shape); stones && stones->jitter > 0)
      return true;
  }
  return false;
}

}  // namespace simarena
