#include "simarena/track/field_layout.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "simarena/base/seeded_random.h"

namespace simarena {
namespace {

// Each seeded part has its own stream, so adding a tunnel does not change the grid's draw.
constexpr uint64_t kGridStream = 0x6772696400000000ULL;    // "grid"
constexpr uint64_t kTunnelStream = 0x74756e6e00000000ULL;  // "tunn"

int below(SeededRandom& random, size_t n) { return static_cast<int>(random.next() % n); }

void shuffle(std::vector<int>& v, SeededRandom& random) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<size_t>(below(random, i))]);
}

void place_grid(const BallGrid& grid, size_t index, uint64_t run_seed, FieldLayout& out) {
  std::vector<int> columns = grid.published;
  if (run_seed != 0) {
    const std::vector<std::vector<int>> all = grid_arrangements(grid);
    SeededRandom random(SeededRandom::combine(kGridStream + index, run_seed));
    columns = all[static_cast<size_t>(below(random, all.size()))];
  }
  for (size_t r = 0; r < grid.row_y.size(); ++r)
    for (size_t c = 0; c < grid.column_x.size(); ++c) {
      const bool target = columns[r] == static_cast<int>(c) + 1;
      HangingBall ball = grid.ball;
      if (target) ball.colour = grid.target_colour;
      FieldObject o;
      o.name = grid.name + " R" + std::to_string(r + 1) + "C" + std::to_string(c + 1);
      o.shape = ball;
      o.at = {grid.column_x[c], grid.row_y[r]};
      o.target = target;
      o.line = grid.line;
      out.objects.push_back(std::move(o));
    }
  out.target_columns.push_back(std::move(columns));
}

void place_tunnel(const Tunnel& tunnel, size_t index, uint64_t run_seed, FieldLayout& out) {
  TunnelPlacement p;
  const auto published = [](const std::vector<TunnelItem>& items, std::vector<int>& channel, std::vector<double>& y) {
    for (const TunnelItem& item : items) {
      channel.push_back(item.published_channel);
      y.push_back(item.published_y);
    }
  };
  if (run_seed == 0) {
    published(tunnel.targets, p.target_channel, p.target_y);
    published(tunnel.obstacles, p.obstacle_channel, p.obstacle_y);
  } else {
    SeededRandom random(SeededRandom::combine(kTunnelStream + index, run_seed));
    const auto shuffled = [&](size_t n) {
      std::vector<int> channel(n);
      std::iota(channel.begin(), channel.end(), 0);
      shuffle(channel, random);
      return channel;
    };
    p.obstacle_channel = shuffled(tunnel.obstacles.size());
    p.target_channel = shuffled(tunnel.targets.size());
    std::vector<double> obstacle_in_channel(tunnel.channel_x.size(), -1e9);
    for (size_t i = 0; i < tunnel.obstacles.size(); ++i) {
      p.obstacle_y.push_back(random.uniform(tunnel.obstacles[i].y_min, tunnel.obstacles[i].y_max));
      obstacle_in_channel[static_cast<size_t>(p.obstacle_channel[i])] = p.obstacle_y.back();
    }
    // The loader checked that this range is never empty.
    for (size_t i = 0; i < tunnel.targets.size(); ++i) {
      const TunnelItem& t = tunnel.targets[i];
      const double lowest =
          std::max(t.y_min, obstacle_in_channel[static_cast<size_t>(p.target_channel[i])] + tunnel.spacing);
      p.target_y.push_back(random.uniform(lowest, t.y_max));
    }
  }
  const auto put = [&](const std::vector<TunnelItem>& items, const std::vector<int>& channel,
                       const std::vector<double>& y, bool target) {
    for (size_t i = 0; i < items.size(); ++i)
      for (FieldObject o : items[i].objects) {
        o.at = {tunnel.channel_x[static_cast<size_t>(channel[i])] + o.at.x, y[i] + o.at.y};
        o.target = target;
        out.objects.push_back(std::move(o));
      }
  };
  put(tunnel.targets, p.target_channel, p.target_y, true);
  put(tunnel.obstacles, p.obstacle_channel, p.obstacle_y, false);
  out.tunnels.push_back(std::move(p));
}

}  // namespace

std::vector<std::vector<int>> grid_arrangements(const BallGrid& grid) {
  std::vector<int> columns(grid.row_y.size());
  std::iota(columns.begin(), columns.end(), 1);
  std::vector<std::vector<int>> out;
  do {
    bool allowed = true;
    for (const auto& cell : grid.always_plain)
      if (columns[static_cast<size_t>(cell[0] - 1)] == cell[1]) allowed = false;
    if (allowed) out.push_back(columns);
  } while (std::next_permutation(columns.begin(), columns.end()));
  return out;
}

FieldLayout place_field(const FieldCourse& course, uint64_t run_seed) {
  FieldLayout out;
  out.objects = course.objects;
  for (size_t g = 0; g < course.ball_grids.size(); ++g) place_grid(course.ball_grids[g], g, run_seed, out);
  for (size_t t = 0; t < course.tunnels.size(); ++t) place_tunnel(course.tunnels[t], t, run_seed, out);
  return out;
}

}  // namespace simarena
