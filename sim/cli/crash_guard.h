// For controllers run in-process (--no-sandbox): a crash inside the plugin
// kills simarena with it. Instead of the shell's bare "Segmentation fault",
// the guard prints one line saying which controller crashed, how, and at
// which simulated time, writes out the replay up to the tick before the crash
// (`verify` calls it INCOMPLETE and `view --replay` plays it), and exits
// with 1 (docs/cli.md).
//
// A crash counts as the controller's only while the host is inside one of
// its calls (create, step, course info, destroy): the guard tells the two
// apart by what it observes, not by guessing.
#pragma once

#include <signal.h>
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "simarena/base/untrusted_text.h"
#include "simarena/control/controller_interface.h"
#include "simarena/replay/replay_writer.h"

namespace simarena::cli {

class CrashGuard {
 public:
  // `command`: "run" or "view"; `replay`: the replay being written, or empty.
  CrashGuard(const std::string& command, const std::string& replay)
      : command_(command), replay_(replay), alternate_stack_(1 << 16) {
    // One handler per process: a signal handler can only reach a guard
    // through a static pointer.
    active_ = this;
    stack_t stack{};
    stack.ss_sp = alternate_stack_.data();
    stack.ss_size = alternate_stack_.size();
    sigaltstack(&stack, &previous_stack_);  // a stack overflow in the plugin still gets its line
    struct sigaction action {};
    action.sa_sigaction = on_crash;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i].number, &action, &previous_[i]);
  }
  ~CrashGuard() {
    for (size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i].number, &previous_[i], nullptr);
    sigaltstack(&previous_stack_, nullptr);
    active_ = nullptr;
  }
  CrashGuard(const CrashGuard&) = delete;
  CrashGuard& operator=(const CrashGuard&) = delete;

  // The simulated time to report, from now on (the match being run).
  void watch(std::function<double()> simulated_time) { simulated_time_ = std::move(simulated_time); }
  // The replay being written: on a crash in the controller, its buffered
  // records (every tick before the crash) are written out first.
  void watch(MatchRecorder& recorder) { recorder_ = &recorder; }

  // Marks the host as inside the controller `name` for its lifetime.
  class InController {
   public:
    InController(CrashGuard& guard, const std::string& name) : guard_(guard), was_(guard.in_controller_) {
      guard_.set_controller_name(name);
      guard_.in_controller_ = 1;
    }
    ~InController() { guard_.in_controller_ = was_; }
    InController(const InController&) = delete;
    InController& operator=(const InController&) = delete;

   private:
    CrashGuard& guard_;
    sig_atomic_t was_;
  };

  // Loads `library` in-process with every call into it marked.
  std::unique_ptr<Controller> load(const std::string& library, const RobotSpec& robot, const std::string& params) {
    std::unique_ptr<Controller> plugin;
    {
      InController inside(*this, library);
      plugin = load_plugin(library, robot, params);
    }
    return std::make_unique<Attributed>(*this, std::move(plugin));
  }

 private:
  struct NamedSignal {
    int number;
    const char* words;
  };
  static constexpr std::array<NamedSignal, 5> kSignals{{{SIGSEGV, "segmentation fault, SIGSEGV"},
                                                        {SIGBUS, "bus error, SIGBUS"},
                                                        {SIGFPE, "arithmetic exception, SIGFPE"},
                                                        {SIGILL, "illegal instruction, SIGILL"},
                                                        {SIGABRT, "aborted, SIGABRT"}}};

  // The plugin with its calls marked as the controller's.
  class Attributed final : public Controller {
   public:
    Attributed(CrashGuard& guard, std::unique_ptr<Controller> inner) : guard_(guard), inner_(std::move(inner)) {}
    ~Attributed() override {
      InController inside(guard_, inner_->name());
      inner_.reset();
    }
    const std::string& name() const override { return inner_->name(); }
    StepOutcome step(bool first_run, const SimarenaRobotData& data, SimarenaMotorCmd& cmd) override {
      InController inside(guard_, inner_->name());
      return inner_->step(first_run, data, cmd);
    }
    void set_course_info(const SimarenaCourseInfo& info) override {
      InController inside(guard_, inner_->name());
      inner_->set_course_info(info);
    }
    void see(const SimulatorView& view) override { inner_->see(view); }
    CommandLevel command_level() const override { return inner_->command_level(); }
    void hear(const HighLevelFeedback& feedback) override { inner_->hear(feedback); }

   private:
    CrashGuard& guard_;
    std::unique_ptr<Controller> inner_;
  };

  void set_controller_name(const std::string& name) {
    if (name == controller_name_) return;
    controller_name_ = name;
    const std::string shown = "'" + untrusted_text(name, sizeof(name_buffer_) - 8) + "'";
    std::strncpy(name_buffer_, shown.c_str(), sizeof(name_buffer_) - 1);
  }

  // Async-signal-safe text building: no allocation, no stdio.
  struct Line {
    char text[1024];
    size_t size = 0;
    void add(const char* s) {
      while (*s && size + 1 < sizeof(text)) text[size++] = *s++;
    }
    void add_seconds(double t) {  // t with 3 decimals
      const auto millis = static_cast<unsigned long long>(t * 1000.0 + 0.5);
      char digits[32];
      int n = 0;
      unsigned long long whole = millis / 1000;
      do {
        digits[n++] = static_cast<char>('0' + whole % 10);
        whole /= 10;
      } while (whole > 0);
      while (n > 0 && size + 1 < sizeof(text)) text[size++] = digits[--n];
      const char fraction[5] = {'.', static_cast<char>('0' + millis / 100 % 10),
                                static_cast<char>('0' + millis / 10 % 10), static_cast<char>('0' + millis % 10), '\0'};
      add(fraction);
    }
  };

  static void on_crash(int number, siginfo_t*, void*) {
    CrashGuard* guard = active_;
    if (guard != nullptr) {
      // A crash inside the controller happens between two records: the buffer is whole.
      if (guard->in_controller_ && guard->recorder_ != nullptr) guard->recorder_->write_buffered();
      const char* words = "a fatal signal";
      for (const auto& s : kSignals)
        if (s.number == number) words = s.words;
      Line line;
      line.add("simarena ");
      line.add(guard->command_.c_str());
      line.add(": error: ");
      if (guard->in_controller_) {
        line.add("controller ");
        line.add(guard->name_buffer_);
        line.add(" crashed (");
      } else {
        line.add("crashed outside the controller's calls (");
      }
      line.add(words);
      if (guard->simulated_time_) {
        line.add(") at t = ");
        line.add_seconds(guard->simulated_time_());
        line.add(" s simulated");
      } else {
        line.add(") while loading");
      }
      if (!guard->replay_.empty()) {
        line.add("; the replay up to there is in ");
        line.add(guard->replay_.c_str());
      }
      line.add(guard->in_controller_ ? "; without --no-sandbox the sandbox stops the controller and the run goes on\n"
                                     : "; please report this as a simarena bug\n");
      ssize_t ignored = write(STDERR_FILENO, line.text, line.size);
      (void)ignored;
    }
    _exit(1);
  }

  inline static CrashGuard* active_ = nullptr;
  std::string command_;
  std::string replay_;
  std::string controller_name_;
  char name_buffer_[256] = "";
  volatile sig_atomic_t in_controller_ = 0;
  std::function<double()> simulated_time_;
  MatchRecorder* recorder_ = nullptr;
  std::vector<char> alternate_stack_;
  stack_t previous_stack_{};
  struct sigaction previous_[kSignals.size()]{};
};

}  // namespace simarena::cli
