// What a tournament publishes is safe to open, whatever an entry called
// itself or wrote: CSV cells a spreadsheet shows as text (never a formula),
// HTML with every text and attribute escaped and only the run's own files
// linked, JSON that stays valid when given invalid UTF-8, no path of the
// judge's machine in score sheets, results or runs.jsonl, and a board that,
// sorted by total time, keeps non-finishers after finishers.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "simarena/base/input_error.h"
#include "simarena/base/json_file.h"
#include "simarena/base/search_paths.h"
#include "simarena/run/run_report.h"
#include "simarena/tournament/leaderboard.h"
#include "simarena/tournament/leaderboard_files.h"
#include "simarena/tournament/leaderboard_html.h"
#include "simarena/tournament/run_pages.h"
#include "simarena/tournament/tournament_entries.h"
#include "simarena/tournament/tournament_job.h"
#include "simarena/tournament/tournament_run_log.h"
#include "test_helpers.h"

using namespace simarena;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// A cell a spreadsheet would run: it, or a piece after a separator another locale uses, starts a formula.
bool starts_formula(const std::string& cell) {
  bool start = true;
  for (const char c : cell) {
    if (start && std::string("=+-@\t\r").find(c) != std::string::npos) return true;
    if (std::string(",;\t\r\n").find(c) != std::string::npos)
      start = true;
    else if (c != ' ')
      start = false;
  }
  return false;
}

nlohmann::json scored_line(const std::string& entry, const std::string& result, double total, double progress,
                           std::array<double, 3> rank_key) {
  return {{"id", entry + "/t/0"},
          {"entry", entry},
          {"track", "t"},
          {"seed", 0},
          {"status", "scored"},
          {"result", result},
          {"reason", result},
          {"course_time_s", total},
          {"penalty_s", 0.0},
          {"total_time_s", total},
          {"progress_m", progress},
          {"rank_key", rank_key},
          {"fault", nullptr},
          {"files",
           {{"replay", "runs/" + entry + "/t-0.replay"},
            {"score_sheet", "runs/" + entry + "/t-0.score.json"},
            {"events_log", "runs/" + entry + "/t-0.events.log"}}}};
}

nlohmann::json not_run(const std::string& entry, const std::string& reason) {
  return {{"id", entry + "/t/0"}, {"entry", entry},   {"track", "t"},    {"seed", 0},
          {"status", "not_run"},  {"reason", reason}, {"fault", reason}, {"files", {{"log", "x.log"}}}};
}

RunLog log_of(const std::vector<nlohmann::json>& lines) {
  RunLog log;
  log.lines = lines;
  return log;
}

bool valid_utf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();  // nlohmann checks UTF-8 when writing a string
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

// The sort keys of one column of a board's rows, as leaderboard.html's script reads them: data-g (numbers, "0"
// when absent), then data-v (a number) or the cell's text.
struct SortKey {
  std::vector<double> group;
  std::string value;
  std::string row;
};

std::vector<SortKey> column_keys(const std::string& html, const std::string& table_heading, size_t column) {
  const size_t table = html.find(table_heading);
  REQUIRE(table != std::string::npos);
  const size_t body = html.find("<tbody>", table), end = html.find("</tbody>", body);
  const std::string rows = html.substr(body, end - body);
  std::vector<SortKey> keys;
  const std::regex row_pattern("<tr[^>]*>(.*?)</tr>"), cell_pattern("<td([^>]*)>(.*?)</td>");
  for (std::sregex_iterator r(rows.begin(), rows.end(), row_pattern), none; r != none; ++r) {
    const std::string cells = (*r)[1];
    std::vector<std::smatch> found;
    for (std::sregex_iterator c(cells.begin(), cells.end(), cell_pattern); c != none; ++c) found.push_back(*c);
    REQUIRE(found.size() > column);
    const std::string attributes = found[column][1], text = found[column][2];
    SortKey key;
    std::smatch m;
    std::string group = "0";
    if (std::regex_search(attributes, m, std::regex("data-g=\"([^\"]*)\""))) group = m[1];
    std::istringstream numbers(group);
    for (double n; numbers >> n;) key.group.push_back(n);
    key.value = std::regex_search(attributes, m, std::regex("data-v=\"([^\"]*)\"")) ? std::string(m[1]) : text;
    key.row = std::regex_replace(std::string(found[1][2]), std::regex("<[^>]*>"), "");  // the entry
    keys.push_back(key);
  }
  return keys;
}

// The page's sort: groups ascending always, then the value in the direction clicked.
std::vector<std::string> sorted_entries(std::vector<SortKey> keys, bool ascending) {
  std::stable_sort(keys.begin(), keys.end(), [&](const SortKey& a, const SortKey& b) {
    for (size_t i = 0; i < std::max(a.group.size(), b.group.size()); ++i) {
      const double x = i < a.group.size() ? a.group[i] : 0, y = i < b.group.size() ? b.group[i] : 0;
      if (x != y) return x < y;
    }
    char* end_a = nullptr;
    char* end_b = nullptr;
    const double x = std::strtod(a.value.c_str(), &end_a), y = std::strtod(b.value.c_str(), &end_b);
    const bool numbers = end_a != a.value.c_str() && end_b != b.value.c_str();
    if (numbers && x != y) return ascending ? x < y : x > y;
    if (!numbers && a.value != b.value) return ascending ? a.value < b.value : a.value > b.value;
    return false;
  });
  std::vector<std::string> entries;
  for (const SortKey& key : keys) entries.push_back(key.row);
  return entries;
}

}  // namespace

TEST_CASE("CSV boards show hostile names and reasons as text, never as spreadsheet formulas") {
  const Leaderboard board =
      make_leaderboard({}, log_of({scored_line("=cmd|' /C calc'!A0", "finished", 20, 3, {0, 20, 0}),
                                   scored_line("-2+3", "timeout", 14, 1.2, {1, -1.2, 14}),
                                   scored_line("@SUM(A1)", "timeout", 14, 1, {1, -1, 14}),
                                   not_run("+1", "=HYPERLINK(\"http://x\"); -1+1,@x\t=y"), not_run("plain", "ok")}));
  const auto overall = test::parse_csv(overall_csv(board));
  const auto track = test::parse_csv(track_csv(board.tracks.at(0)));
  REQUIRE(overall.size() == 6);
  REQUIRE(track.size() == 6);
  for (const auto& records : {overall, track})
    for (const auto& record : records) {
      REQUIRE(record.size() == records[0].size());  // quoting kept every record whole
      for (size_t column = 0; column < record.size(); ++column) {
        INFO(record[column]);
        const bool number_column = records[0][column].ends_with("_s") || records[0][column] == "progress_m";
        if (!number_column) CHECK_FALSE(starts_formula(record[column]));
      }
    }
  // The text itself is kept, behind the quote a spreadsheet hides.
  CHECK(overall[1][1] == "'=cmd|' /C calc'!A0");
  CHECK(track[1][1] == "'=cmd|' /C calc'!A0");
  bool reason_found = false;
  for (const auto& record : track)
    if (record[1] == "'+1") {
      CHECK(record[10] == "'=HYPERLINK(\"http://x\"); '-1+1,'@x\t'=y");
      reason_found = true;
    }
  CHECK(reason_found);
  // A negative number we wrote ourselves stays a number.
  const Leaderboard backwards = make_leaderboard({}, log_of({scored_line("a", "timeout", 3, -0.5, {1, 0.5, 3})}));
  CHECK(test::parse_csv(track_csv(backwards.tracks.at(0)))[1][9] == "-0.500");
}

TEST_CASE("the HTML board escapes every text and attribute and links only the run's own files") {
  nlohmann::json hostile =
      scored_line("<img src=x onerror=alert(1)>", "finished\" onmouseover=\"alert(2)", 20, 3, {0, 20, 0});
  hostile["reason"] = "</span><script>alert(3)</script>";
  hostile["fault"] = "<script>alert(4)</script>";
  hostile["files"]["replay"] = "javascript:alert(5)";
  hostile["files"]["score_sheet"] = "https://evil.example/x";
  hostile["files"]["events_log"] = "runs/../../etc/passwd";
  const Leaderboard board = make_leaderboard({}, log_of({hostile, not_run("x", "'\"><iframe src=//evil.example>"),
                                                         scored_line("fine", "finished", 25, 3, {0, 25, 0})}));
  const std::string html = leaderboard_html(board);
  CHECK_FALSE(html.find("<img") != std::string::npos);
  CHECK_FALSE(html.find("<iframe") != std::string::npos);
  CHECK(html.find("<script>") == html.rfind("<script>"));  // only the page's own sorting script
  CHECK_FALSE(html.find("onmouseover=\"") != std::string::npos);
  CHECK_FALSE(html.find("href=\"javascript:") != std::string::npos);
  CHECK_FALSE(html.find("evil.example/x") != std::string::npos);
  CHECK_FALSE(html.find("etc/passwd\"") != std::string::npos);
  CHECK_THAT(html, Contains("&lt;img src=x onerror=alert(1)&gt;"));
  CHECK_THAT(html, Contains("&lt;script&gt;alert(4)&lt;/script&gt;"));
  CHECK_THAT(html, Contains("href=\"runs/fine/t-0.replay\""));  // a real run's files stay linked
}

TEST_CASE("sorting the HTML board by total time keeps non-finishers after finishers, in rank key order") {
  const Leaderboard board = make_leaderboard(
      {}, log_of({scored_line("slow", "finished", 30, 3, {0, 30, 0}),
                  scored_line("near", "timeout", 14, 2.5, {1, -2.5, 14}),
                  scored_line("fast", "finished", 20, 3, {0, 20, 0}),
                  scored_line("fell", "disqualified", 1, 0.2, {2, -0.2, 1}),
                  scored_line("far", "timeout", 14, 1.0, {1, -1.0, 14}), not_run("crashed", "controller crashed")}));
  const std::string html = leaderboard_html(board);
  // Columns of the track board: place, entry, points, then result, total, penalties, progress, files per seed.
  const auto totals = column_keys(html, "<h2 id=\"track-t\">", 4);
  const std::vector<std::string> ascending{"fast", "slow", "near", "far", "fell", "crashed"};
  const std::vector<std::string> descending{"slow", "fast", "near", "far", "fell", "crashed"};
  CHECK(sorted_entries(totals, true) == ascending);
  CHECK(sorted_entries(totals, false) == descending);
  // Progress: every scored run compares by its progress; runs that did not run stay last either way.
  const auto progress = column_keys(html, "<h2 id=\"track-t\">", 6);
  CHECK(sorted_entries(progress, true).back() == "crashed");
  CHECK(sorted_entries(progress, false).back() == "crashed");
  CHECK(sorted_entries(progress, false).front() == "fast");  // 3 m, the first of equals in board order
}

TEST_CASE("invalid UTF-8 in what a run reports never stops the JSON writers") {
  test::TempFolder dir;
  const std::string bad = "\xff\xfe name \xc3\x28 \x1b[31m";
  // The run log: the line is written (the bytes replaced), and reads back as one valid line.
  CHECK(append_run_line(dir.path / "runs.jsonl", {{"id", "a/t/0"}, {"reason", bad}}));
  const RunLog log = read_run_log(dir.path / "runs.jsonl");
  REQUIRE(log.lines.size() == 1);
  CHECK(log.damaged == 0);
  CHECK_THAT(log.lines[0]["reason"].get<std::string>(), Contains("\xEF\xBF\xBD name"));
  // A run's result file.
  write_json_atomically({{"controller", {{"name", bad}}}}, dir.path / "result.json");
  CHECK(nlohmann::json::parse(test::file_bytes(dir.path / "result.json"))["controller"]["name"].is_string());
  // A not-run line's reason: plain, valid and short, whatever it quotes.
  TournamentJob job;
  job.id = "a/t/0";
  job.entry = "a";
  job.track_name = "t";
  const nlohmann::json line = not_run_line(job, "killed: " + bad + std::string(100000, 'x'));
  CHECK(valid_utf8(line["reason"].get<std::string>()));
  CHECK(line["reason"].get<std::string>().find('\x1b') == std::string::npos);
  CHECK(line["reason"].get<std::string>().size() <= 1000);
  // The boards, even from a board holding raw bytes.
  Leaderboard board;
  board.tracks.push_back({"t", {0}, {{1, bad, 1, {}, {}}}});
  board.overall.push_back({1, bad, 1, {}, {1}});
  board.failed.push_back({bad, {{"t", 0, bad}}});
  REQUIRE_NOTHROW(write_leaderboard_files(board, dir.path));
  CHECK(nlohmann::json::parse(test::file_bytes(dir.path / "leaderboard.json"))["overall"][0]["entry"].is_string());
  for (const char* file : {"leaderboard.html", "leaderboard.csv", "leaderboard-t.csv"}) {
    INFO(file);
    CHECK(valid_utf8(test::file_bytes(dir.path / file)));
    CHECK(test::file_bytes(dir.path / file).find('\x1b') == std::string::npos);
  }
}

TEST_CASE("a tournament run's published files name no path of the judge's machine") {
  test::TempFolder dir;
  const fs::path results = fs::absolute(dir.path / "results");
  TournamentJob job;
  job.id = "stand/dash-2s/0";
  job.entry = "stand";
  job.controller = STAND_PLUGIN;
  job.track = test::source_path("tests/fixtures/tournament/dash-2s.yaml");
  job.track_name = "dash-2s";
  job.settings.sandbox = false;
  const nlohmann::json line = run_tournament_job(job, results, default_search_paths());
  REQUIRE(line["status"] == "scored");
  append_run_line(results / "runs.jsonl", line);
  const RunFiles files = run_files(job);
  const std::string sheet = test::file_bytes(results / files.score_sheet);
  const std::string result = test::file_bytes(results / files.result);
  const std::string runs = test::file_bytes(results / "runs.jsonl");
  // The run's pages (run_pages.h), written by the job beside its files.
  const std::string replay_page = test::file_bytes(results / "runs/stand/dash-2s-0.html");
  const std::string score_page = test::file_bytes(results / "runs/stand/dash-2s-0.score.html");
  CHECK_THAT(score_page, Contains("<a href=\"dash-2s-0.html\">"));
  CHECK_THAT(score_page, Contains("dash-2s.yaml"));
  for (const std::string& judge_path :
       {results.string(), std::string(SIMARENA_SOURCE_DIR), fs::path(STAND_PLUGIN).parent_path().string()})
    for (const auto& [name, text] : {std::pair{"score sheet", sheet},
                                     {"result", result},
                                     {"runs.jsonl", runs},
                                     {"HTML replay", replay_page},
                                     {"score sheet page", score_page}}) {
      INFO(name << " names " << judge_path);
      CHECK(text.find(judge_path) == std::string::npos);
    }
  const nlohmann::json sheet_json = nlohmann::json::parse(sheet);
  CHECK(sheet_json["track"]["file"] == "dash-2s.yaml");
  CHECK(sheet_json["controller"]["file"] == "stand.so");
  const nlohmann::json result_json = nlohmann::json::parse(result);
  CHECK(result_json["score_sheet"] == "dash-2s-0.score.json");  // next to the result
  CHECK(result_json["replay"] == "dash-2s-0.replay");
  CHECK(line["files"]["replay"] == "runs/stand/dash-2s-0.replay");  // relative to the results folder
}

TEST_CASE("entry names may be letters of any script, never invisible, control or invalid bytes") {
  test::TempFolder dir;
  auto touch = [&](const std::string& name) { std::ofstream(dir.path / name) << "x"; };
  touch("\xE9\x98\x9F\xE4\xBC\x8D\xE4\xB8\x80.so");  // 队伍一
  touch("\xC3\xA9quipe-2.so");                       // équipe-2
  touch("team_a.so");
  const auto entries = find_entries(dir.path);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].name == "team_a");
  CHECK(entries[1].name == "\xC3\xA9quipe-2");
  CHECK(entries[2].name == "\xE9\x98\x9F\xE4\xBC\x8D\xE4\xB8\x80");

  for (const std::string& bad : {std::string("a\xE2\x80\xAE"
                                             "b.so"),  // right-to-left override
                                 std::string("a\xE2\x80\x8B"
                                             "b.so"),           // zero-width space
                                 std::string("\xff\xfe.so"),    // invalid UTF-8
                                 std::string("a\x1b[31mb.so"),  // terminal escape
                                 std::string("a b.so"),         // a space
                                 std::string(65, 'x') + ".so",  // too long
                                 std::string("=cmd.so")}) {     // a spreadsheet formula
    test::TempFolder one;
    std::ofstream(one.path / bad) << "x";
    INFO(bad);
    CHECK_THROWS_AS(find_entries(one.path), InputError);
    try {
      find_entries(one.path);
    } catch (const std::exception& e) {
      CHECK(valid_utf8(e.what()));  // the error names it in printable text
      CHECK(std::string(e.what()).find('\x1b') == std::string::npos);
    }
  }
  std::string sixty_four;
  for (int i = 0; i < 64; ++i) sixty_four += "\xE9\x98\x9F";
  test::TempFolder long_name;
  std::ofstream(long_name.path / (sixty_four + ".so")) << "x";
  CHECK(find_entries(long_name.path).at(0).name == sixty_four);  // 64 characters, 192 bytes
}

TEST_CASE("an entry whose params file or plugin file name is not plain text is an entry with a problem") {
  test::TempFolder dir;
  fs::create_directories(dir.path / "team");
  std::ofstream(dir.path / "team" / "c.so") << "x";
  std::ofstream(dir.path / "team" / "params") << "kp=\xff\xfe\n";
  const auto entries = find_entries(dir.path);
  REQUIRE(entries.size() == 1);
  CHECK_THAT(entries[0].problem, Contains("params file is not plain UTF-8 text"));
  CHECK(entries[0].plugin.empty());

  // Its plugin's file name goes into the plan and the results: bytes that are not text would not come back.
  fs::remove(dir.path / "team" / "params");
  fs::rename(dir.path / "team" / "c.so", dir.path / "team" / "\xff\x1b.so");
  CHECK_THAT(find_entries(dir.path).at(0).problem, Contains("plugin file name is not plain UTF-8 text"));
}

TEST_CASE("publishing a board writes each scored run's missing pages and links the pages that exist") {
  test::TempFolder dir;
  const fs::path results = fs::absolute(dir.path / "results");
  TournamentJob job;
  job.id = "stand/dash-2s/0";
  job.entry = "stand";
  job.controller = STAND_PLUGIN;
  job.track = test::source_path("tests/fixtures/tournament/dash-2s.yaml");
  job.track_name = "dash-2s";
  job.settings.sandbox = false;
  const nlohmann::json line = run_tournament_job(job, results, default_search_paths());
  REQUIRE(line["status"] == "scored");
  // Results from before HTML replays: no pages yet. A damaged run: pages cannot be made, and are not linked.
  fs::remove(results / "runs/stand/dash-2s-0.html");
  fs::remove(results / "runs/stand/dash-2s-0.score.html");
  nlohmann::json broken = line;
  broken["entry"] = "broken";
  broken["id"] = "broken/dash-2s/0";
  broken["files"]["replay"] = "runs/broken/dash-2s-0.replay";
  broken["files"]["score_sheet"] = "runs/broken/dash-2s-0.score.json";
  fs::create_directories(results / "runs/broken");
  std::ofstream(results / "runs/broken/dash-2s-0.replay") << "not a replay";
  Leaderboard board = make_leaderboard({}, log_of({line, broken}));

  // A tournament planned with --no-html-pages: nothing written, nothing linked.
  Leaderboard without = board;
  CHECK(publish_run_pages(without, results, default_search_paths(), false).empty());
  CHECK_FALSE(fs::exists(results / "runs/stand/dash-2s-0.html"));
  CHECK(leaderboard_html(without).find(">watch<") == std::string::npos);

  const std::vector<std::string> problems = publish_run_pages(board, results, default_search_paths());
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Contains("runs/broken/dash-2s-0.replay: no pages"));
  CHECK(fs::exists(results / "runs/stand/dash-2s-0.html"));
  CHECK(fs::exists(results / "runs/stand/dash-2s-0.score.html"));
  const std::string html = leaderboard_html(board);
  CHECK_THAT(html, Contains("<a href=\"runs/stand/dash-2s-0.html\">watch</a>"));
  CHECK_THAT(html, Contains("<a href=\"runs/stand/dash-2s-0.score.html\">score sheet</a>"));
  CHECK(html.find("runs/broken/dash-2s-0.html") == std::string::npos);
  CHECK_THAT(test::file_bytes(results / "runs/stand/dash-2s-0.html"), Contains("\"status\":\"verified\""));
}
