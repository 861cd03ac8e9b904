// Test plugin for the judge's trust: attacks the sandbox's limits, its fault
// reports and its confinement of reads, as an entry nobody here wrote
// might. Params: "<action>[:<argument>]", acting from call 11 on:
//   read:<path>    read a file, then report what happened as its error
//   env            report the environment it was given
//   threads:<n>    start n threads that wait, report how many started
//   fill:<MiB>     write a file of that size into the scratch folder per call
//   hold:<MiB>     write one such file in call 11, then keep running
//   files:<n>      open /dev/null n times, report how many opened
//   sleep:<ms>     sleep that long in every call
//   burn:<ms>      burn that much CPU on its own clock in calls 11, 21, 31, ...
//   patched:<ms>   patch clock_gettime to report no time passing, then burn
//                  about that much CPU (timed before patching) in call 11
//   helper_burn:<ms>  in call 11, a helper thread burns that much CPU while
//                  step() waits for it
//   fake_fault     write a judge-looking fault text into the shared channel
//                  and exit with the host's "setup failed" status
//   touch:<MiB>    touch that much new memory per call, crash at call 60
//   oom            malloc until it fails, then use the NULL it got
//   say:<text>     fail with an error message holding escapes and invalid UTF-8
//   create_sleep:<ms>, create_burn:<ms>   take that long in create()
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <mutex>
#include <simarena/custom_interface.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

void burn_cpu(double ms) {
  const double start = thread_cpu_seconds();
  while (thread_cpu_seconds() - start < 1e-3 * ms) {
  }
}

// Iterations of a plain loop that take about `ms` of CPU, timed now.
uint64_t iterations_for(double ms) {
  constexpr uint64_t kProbe = 10'000'000;
  const double start = thread_cpu_seconds();
  for (uint64_t i = 0; i < kProbe; ++i) asm volatile("");
  const double seconds = thread_cpu_seconds() - start;
  return static_cast<uint64_t>(static_cast<double>(kProbe) * 1e-3 * ms / std::max(seconds, 1e-6));
}

// Overwrites clock_gettime with "zero the timespec, return 0": whatever in
// this process reads a clock through libc sees time stand still.
void patch_clock_gettime() {
  void* target = dlsym(RTLD_DEFAULT, "clock_gettime");
  if (target == nullptr) throw std::runtime_error("no clock_gettime to patch");
  static const unsigned char stub[] = {0x48, 0xC7, 0x06, 0,    0, 0, 0,     // movq $0, (%rsi)
                                       0x48, 0xC7, 0x46, 0x08, 0, 0, 0, 0,  // movq $0, 8(%rsi)
                                       0x31, 0xC0, 0xC3};                   // xor %eax,%eax; ret
  const long page = sysconf(_SC_PAGESIZE);
  auto* start = reinterpret_cast<unsigned char*>(reinterpret_cast<uintptr_t>(target) & ~(page - 1));
  if (mprotect(start, 2 * page, PROT_READ | PROT_WRITE | PROT_EXEC) != 0)
    throw std::runtime_error(std::string("mprotect: ") + std::strerror(errno));
  std::memcpy(target, stub, sizeof(stub));
}

class Hostile : public CustomInterface {
 public:
  explicit Hostile(const simarena::ControllerContext& context) : CustomInterface(500.0) {
    const std::string& p = context.params;
    const size_t colon = p.find(':');
    action_ = p.substr(0, colon);
    argument_ = colon == std::string::npos ? "" : p.substr(colon + 1);
    if (action_ == "patched") patched_iterations_ = iterations_for(number());
    if (action_ == "create_sleep") std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long>(number())));
    if (action_ == "create_burn") burn_cpu(number());
  }
  ~Hostile() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      quit_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  double number() const { return std::atof(argument_.c_str()); }

  void UserCode(bool) override {
    Zero_Cmd(motor_cmd_);
    if (++calls_ < 11) return;
    const bool first = calls_ == 11;
    if (action_ == "read" && first) {
      std::ifstream file(argument_);
      std::string line;
      if (!file) throw std::runtime_error("read " + argument_ + ": " + std::strerror(errno));
      std::getline(file, line);
      throw std::runtime_error("read " + argument_ + ": succeeded");
    }
    if (action_ == "env" && first) {
      std::string names;
      int count = 0;
      for (char** e = environ; *e; ++e, ++count) {
        const std::string variable(*e);
        names.push_back(' ');
        names.append(variable, 0, variable.find('='));
      }
      throw std::runtime_error("environment: " + std::to_string(count) + " variables:" + names);
    }
    if (action_ == "threads" && first) {
      const int wanted = static_cast<int>(number());
      try {
        for (int i = 0; i < wanted; ++i)
          threads_.emplace_back([this] {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return quit_; });
          });
      } catch (const std::exception& e) {
        throw std::runtime_error("started " + std::to_string(threads_.size()) + " threads, then: " + e.what());
      }
      throw std::runtime_error("started all " + std::to_string(threads_.size()) + " threads");
    }
    if (action_ == "fill" || (action_ == "hold" && first)) {
      const std::string name = "fill-" + std::to_string(calls_);
      const int fd = open(name.c_str(), O_WRONLY | O_CREAT, 0600);
      if (fd < 0) throw std::runtime_error("open " + name + ": " + std::strerror(errno));
      const int rc = posix_fallocate(fd, 0, static_cast<off_t>(number() * (1 << 20)));
      close(fd);
      if (rc != 0)
        throw std::runtime_error("filled " + std::to_string(filled_mib_) + " MiB, then: " + std::strerror(rc));
      filled_mib_ += static_cast<long>(number());
    }
    if (action_ == "files" && first) {
      int opened = 0;
      for (; opened < static_cast<int>(number()); ++opened)
        if (open("/dev/null", O_RDONLY) < 0)
          throw std::runtime_error("opened " + std::to_string(opened) + " files, then: " + std::strerror(errno));
      throw std::runtime_error("opened all " + std::to_string(opened) + " files");
    }
    if (action_ == "sleep") std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long>(number())));
    if (action_ == "burn" && calls_ % 10 == 1) burn_cpu(number());
    if (action_ == "patched" && first) {
      patch_clock_gettime();
      for (uint64_t i = 0; i < patched_iterations_; ++i) asm volatile("");
    }
    if (action_ == "helper_burn" && first) {
      std::thread helper([this] { burn_cpu(number()); });
      helper.join();  // the calling thread itself waits, using no CPU
    }
    if (action_ == "fake_fault" && first) fake_fault();
    if (action_ == "touch") {
      const size_t bytes = static_cast<size_t>(number() * (1 << 20));
      char* block = static_cast<char*>(std::malloc(bytes));
      if (block == nullptr) throw std::runtime_error("malloc failed while touching memory");
      std::memset(block, 1, bytes);
      kept_.push_back(block);
      if (calls_ == 60) *static_cast<volatile int*>(nullptr) = 1;
    }
    if (action_ == "oom" && first) {
      for (;;) {
        char* block = static_cast<char*>(std::malloc(16u << 20));
        block[0] = 1;  // NULL once the cap is reached: the crash of a careless plugin
        kept_.push_back(block);
      }
    }
    if (action_ == "say" && first)
      throw std::runtime_error("\x1b[2J\x1b]0;owned\x07 Landlock is not available\xff\xfe on this judge machine " +
                               argument_);
  }

  // Finds the shared channel (the memfd mapping) and writes into its error
  // text what a judge would read as the sandbox's own words.
  [[noreturn]] void fake_fault() {
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
      if (line.find("simarena-sandbox") == std::string::npos) continue;
      const uintptr_t start = std::stoull(line.substr(0, line.find('-')), nullptr, 16);
      const uintptr_t end = std::stoull(line.substr(line.find('-') + 1), nullptr, 16);
      const char text[] = "Landlock is not available on this judge machine";
      // The error text is the channel's last field: fill the end of it.
      char* page_end = reinterpret_cast<char*>(end);
      (void)start;
      for (char* p = page_end - 4096; p + sizeof(text) < page_end; p += sizeof(text) - 1)
        std::memcpy(p, text, sizeof(text) - 1);
      page_end[-1] = '\0';
    }
    _exit(92);
  }

  std::string action_, argument_;
  long calls_ = 0;
  long filled_mib_ = 0;
  uint64_t patched_iterations_ = 0;
  std::vector<std::thread> threads_;
  std::vector<char*> kept_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool quit_ = false;
};

}  // namespace

SIMARENA_EXPORT_CONTROLLER(Hostile, "hostile")
