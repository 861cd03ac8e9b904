#include "simarena/tournament/tournament_run_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

namespace simarena {
namespace {

std::runtime_error io_error(const std::filesystem::path& file, const std::string& what) {
  return std::runtime_error(file.string() + ": " + what + ": " + std::strerror(errno));
}

class LockedFile {
 public:
  enum class Mode { read, append };
  LockedFile(const std::filesystem::path& file, Mode mode) : file_(file) {
    fd_ = mode == Mode::append ? open(file.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644)
                               : open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw io_error(file, "cannot open the run log");
    struct flock lock {};
    lock.l_type = mode == Mode::append ? F_WRLCK : F_RDLCK;
    lock.l_whence = SEEK_SET;
    while (fcntl(fd_, F_SETLKW, &lock) != 0) {
      if (errno == EINTR) continue;
      const auto error = io_error(file, "cannot lock the run log");
      close(fd_);
      throw error;
    }
  }
  ~LockedFile() { close(fd_); }  // releases the lock
  LockedFile(const LockedFile&) = delete;
  LockedFile& operator=(const LockedFile&) = delete;

  std::string read_all() const {
    std::string text;
    char buffer[1 << 16];
    for (off_t at = 0;;) {
      const ssize_t got = pread(fd_, buffer, sizeof(buffer), at);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) throw io_error(file_, "cannot read the run log");
      if (got == 0) return text;
      text.append(buffer, static_cast<size_t>(got));
      at += got;
    }
  }

  void append_synced(const std::string& bytes) const {
    const ssize_t wrote = write(fd_, bytes.data(), bytes.size());
    if (wrote != static_cast<ssize_t>(bytes.size())) throw io_error(file_, "cannot append to the run log");
    if (fsync(fd_) != 0) throw io_error(file_, "cannot sync the run log");
  }

 private:
  std::filesystem::path file_;
  int fd_ = -1;
};

RunLog parse_log(const std::string& text) {
  RunLog log;
  std::set<std::string> seen;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) {
      ++log.damaged;
      continue;
    }
    if (!seen.insert(j["id"].get<std::string>()).second) {
      ++log.repeated;
      continue;
    }
    log.lines.push_back(j);
  }
  return log;
}

}  // namespace

bool append_run_line(const std::filesystem::path& file, const nlohmann::json& line) {
  const LockedFile log(file, LockedFile::Mode::append);
  const std::string text = log.read_all();
  const std::string id = line.at("id").get<std::string>();
  for (const nlohmann::json& done : parse_log(text).lines)
    if (done["id"] == id) return false;
  // After a torn write (power loss) the file may not end in a newline: start a fresh line.
  const std::string prefix = !text.empty() && text.back() != '\n' ? "\n" : "";
  // Replace, never throw, should a byte of invalid UTF-8 still reach here: no entry can stop the recording.
  log.append_synced(prefix + line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  return true;
}

RunLog read_run_log(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) return {};
  return parse_log(LockedFile(file, LockedFile::Mode::read).read_all());
}

}  // namespace simarena
