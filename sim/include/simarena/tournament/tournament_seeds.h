// The seeds a tournament runs its randomized tracks with. Published seeds
// are 0 .. N-1 (0: the ground as the track file publishes it). Hidden seeds
// let a judge hold the exact courses back until the event: a seed file kept
// out of the repository, or seeds derived from a secret passphrase:
//   seed k (k = 1, 2, ...) = the first 8 bytes, big-endian, of
//   SHA-256("simarena-seed:" + k + ":" + passphrase)
// so anyone given the passphrase after the event can recompute them, e.g.
//   printf 'simarena-seed:%d:%s' 1 "$PASSPHRASE" | sha256sum | cut -c1-16
// Before the event the judge publishes a commitment (the SHA-256 of the seed
// file, or of the passphrase) that the results record and anyone can check.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "simarena/track/track_spec.h"

namespace simarena {

struct TournamentSeeds {
  std::vector<uint64_t> seeds;
  std::string source;      // in words: "published seeds 0..2", "seed file seeds.secret", ...
  std::string commitment;  // SHA-256 hex of the seed file or the passphrase; empty for published seeds
};

TournamentSeeds published_seeds(int count);

// One unsigned integer per line (decimal, or hex with 0x), '#' comments.
// The first `count` seeds, or all of them when count is 0. Throws InputError
// naming file:line for anything else, and when the file holds fewer seeds.
TournamentSeeds seeds_from_file(const std::filesystem::path& file, int count);

// The first line of `file` is the passphrase (at least 16 characters: the
// seeds are only as secret as it is). Throws InputError.
TournamentSeeds seeds_from_passphrase_file(const std::filesystem::path& file, int count);

// Seed k (1-based) for `passphrase`, as documented above.
uint64_t passphrase_seed(const std::string& passphrase, int k);

std::string sha256_hex(const std::string& bytes);

// True when the run's seed changes the track's ground (rough patches,
// jittered stepping stones). Other tracks give the same course for every
// seed, and a tournament runs them once, with seed 0.
bool track_is_randomized(const Track& track);

}  // namespace simarena
