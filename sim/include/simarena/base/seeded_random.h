// A small, fully specified random generator (SplitMix64) for seeded track
// randomization: the same seed gives the same numbers on every platform and
// standard library, which std::uniform_real_distribution does not promise.
#pragma once

#include <cstdint>

namespace simarena {

class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // A track element's seed combined with the run's: run seed 0 keeps the
  // element's own (published) randomization.
  static uint64_t combine(uint64_t element_seed, uint64_t run_seed) {
    if (run_seed == 0) return element_seed;
    SeededRandom mix(element_seed ^ (run_seed * 0xd1b54a32d192ed03ULL));
    return mix.next();
  }

 private:
  uint64_t state_;
};

}  // namespace simarena
