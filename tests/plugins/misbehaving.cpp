// Test plugin for the sandbox: sends zero frames, then at call `at` does one
// thing a judge's machine must survive. Params: act=<n>, at=<call>, ms=<n>.
//   0 nothing      1 segfault        2 loop forever       3 open a socket
//   4 system()     5 fork()          6 allocate forever   7 write a file inside,
//   then outside the scratch folder (/tmp)  8 block forever  9 burn `ms` of CPU once
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <simarena/custom_interface.hpp>
#include <simarena/params.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Writes one line to `path`; the error text, or empty on success.
std::string write_file(const char* path) {
  FILE* file = std::fopen(path, "w");
  if (file == nullptr) return std::strerror(errno);
  std::fputs("written by the misbehaving test plugin\n", file);
  std::fclose(file);
  return {};
}

class Misbehaving : public CustomInterface {
 public:
  explicit Misbehaving(const simarena::ControllerContext& context) : CustomInterface(500.0) {
    simarena::Params params(context.params);
    act_ = static_cast<int>(params.number("act", 0, 0, 9));
    at_ = static_cast<long>(params.number("at", 10));
    ms_ = params.number("ms", 20);
    params.finish();
  }

 private:
  void UserCode(bool) override {
    Zero_Cmd(motor_cmd_);
    if (++calls_ != at_) return;
    switch (act_) {
      case 1:
        *static_cast<volatile int*>(nullptr) = 1;
        break;
      case 2:
        for (;;) asm volatile("");  // a side effect, so the loop stays
      case 3:
        if (socket(AF_INET, SOCK_STREAM, 0) < 0) throw std::runtime_error("socket() failed");
        break;
      case 4:
        throw std::runtime_error("system() returned " + std::to_string(std::system("echo escaped")));
      case 5:
        if (fork() == 0) _exit(0);
        throw std::runtime_error("fork() returned");
      case 6:
        for (;;) blocks_.emplace_back(new char[64u << 20]);  // address space, not CPU time
      case 7: {
        const std::string inside = write_file("inside.txt");
        if (!inside.empty()) throw std::runtime_error("cannot write inside the scratch directory: " + inside);
        const std::string outside = write_file("/tmp/simarena-escaped-by-misbehaving.txt");
        throw std::runtime_error("writing outside the scratch directory: " +
                                 (outside.empty() ? std::string("succeeded") : outside));
      }
      case 8:
        for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
      case 9: {
        const double start = thread_cpu_seconds();
        while (thread_cpu_seconds() - start < 1e-3 * ms_) {
        }
        break;
      }
    }
  }
  int act_ = 0;
  long at_ = 10, calls_ = 0;
  double ms_ = 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
};

}  // namespace

SIMARENA_EXPORT_CONTROLLER(Misbehaving, "misbehaving")
