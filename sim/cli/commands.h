// The simarena front ends: each parses its options, drives the core library
// and presents results. Only this layer prints.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>

namespace simarena::cli {

// Each registers a subcommand; the returned function runs it and gives the
// process exit code.
std::function<int()> add_run_command(CLI::App& app);
std::function<int()> add_robots_command(CLI::App& app);
std::function<int()> add_tracks_command(CLI::App& app);
std::function<int()> add_view_command(CLI::App& app);  // view_command.cpp, or view_unavailable.cpp without the GUI
std::function<int()> add_bridge_command(CLI::App& app);
std::function<int()> add_verify_command(CLI::App& app);
std::function<int()> add_export_command(CLI::App& app);
std::function<int()> add_tournament_command(CLI::App& app);
std::function<int()> add_leaderboard_command(CLI::App& app);

// Merges <results>/runs.jsonl into the leaderboard files and prints the
// boards; 0 when every planned run is recorded, 3 when some are missing.
int publish_leaderboard(const std::filesystem::path& results_dir, const char* command);

}  // namespace simarena::cli
