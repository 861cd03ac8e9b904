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
//
// The line is in the user's language: its words are translated when the
// guard is made (tr() allocates and reads files, which a signal handler must
// not), and the handler only copies them and fills in the names and the time.
#pragma once

#include <signal.h>
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "simarena/base/messages.h"
#include "simarena/base/untrusted_text.h"
#include "simarena/control/controller_interface.h"
#include "simarena/replay/replay_writer.h"

namespace simarena::cli {

class CrashGuard {
 public:
  // `command`: "run" or "view"; `replay`: the replay being written, or empty.
  CrashGuard(const std::string& command, const std::string& replay)
      : command_(command), replay_(replay), words_(translated_words()), alternate_stack_(1 << 16) {
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
  static constexpr std::array<NamedSignal, 5> kSignals{{{SIGSEGV, tr_noop("segmentation fault, SIGSEGV")},
                                                        {SIGBUS, tr_noop("bus error, SIGBUS")},
                                                        {SIGFPE, tr_noop("arithmetic exception, SIGFPE")},
                                                        {SIGILL, tr_noop("illegal instruction, SIGILL")},
                                                        {SIGABRT, tr_noop("aborted, SIGABRT")}}};

  // Every word of the crash line, translated before any crash.
  struct Words {
    std::array<std::string, kSignals.size()> signals;
    std::string fatal_signal, error, in_controller_at, in_controller_loading, outside_at, outside_loading, replay,
        advice_controller, advice_bug;
  };
  static Words translated_words() {
    Words w;
    for (size_t i = 0; i < kSignals.size(); ++i) w.signals[i] = tr(kSignals[i].words);
    w.fatal_signal = tr("a fatal signal");
    w.error = tr("error:");
    // TRANSLATORS: %1$s is the controller's name in quotes, %2$s how it crashed, %3$s the simulated seconds.
    w.in_controller_at = tr("controller %1$s crashed (%2$s) at t = %3$s s simulated");
    // TRANSLATORS: %1$s is the controller's name in quotes, %2$s how it crashed.
    w.in_controller_loading = tr("controller %1$s crashed (%2$s) while loading");
    // TRANSLATORS: %1$s is how it crashed, %2$s the simulated seconds.
    w.outside_at = tr("crashed outside the controller's calls (%1$s) at t = %2$s s simulated");
    w.outside_loading = tr("crashed outside the controller's calls (%s) while loading");
    w.replay = tr("; the replay up to there is in %s");
    w.advice_controller = tr("; without --no-sandbox the sandbox stops the controller and the run goes on");
    w.advice_bug = tr("; please report this as a simarena bug");
    return w;
  }

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
    // `format` with %s taking the next of `values`, %N$s the N-th (a translation may reorder them).
    void add_format(const char* format, std::initializer_list<const char*> values) {
      size_t next = 0;
      const auto value = [&](size_t index) { return index < values.size() ? values.begin()[index] : ""; };
      for (const char* p = format; *p && size + 1 < sizeof(text); ++p) {
        if (p[0] == '%' && p[1] == 's') {
          add(value(next++));
          ++p;
        } else if (p[0] == '%' && p[1] >= '1' && p[1] <= '9' && p[2] == '$' && p[3] == 's') {
          add(value(static_cast<size_t>(p[1] - '1')));
          p += 3;
        } else {
          text[size++] = *p;
        }
      }
    }
  };

  // t with 3 decimals, into `out` (at least 32 bytes).
  static void write_seconds(double t, char* out) {
    const auto millis = static_cast<unsigned long long>(t * 1000.0 + 0.5);
    char digits[24];
    int n = 0;
    unsigned long long whole = millis / 1000;
    do {
      digits[n++] = static_cast<char>('0' + whole % 10);
      whole /= 10;
    } while (whole > 0 && n < static_cast<int>(sizeof(digits)));
    size_t size = 0;
    while (n > 0) out[size++] = digits[--n];
    out[size++] = '.';
    out[size++] = static_cast<char>('0' + millis / 100 % 10);
    out[size++] = static_cast<char>('0' + millis / 10 % 10);
    out[size++] = static_cast<char>('0' + millis % 10);
    out[size] = '\0';
  }

  static void on_crash(int number, siginfo_t*, void*) {
    CrashGuard* guard = active_;
    if (guard != nullptr) {
      // A crash inside the controller happens between two records: the buffer is whole.
      if (guard->in_controller_ && guard->recorder_ != nullptr) guard->recorder_->write_buffered();
      const Words& w = guard->words_;
      const char* how = w.fatal_signal.c_str();
      for (size_t i = 0; i < kSignals.size(); ++i)
        if (kSignals[i].number == number) how = w.signals[i].c_str();
      Line line;
      line.add("simarena ");
      line.add(guard->command_.c_str());
      line.add(": ");
      line.add(w.error.c_str());
      line.add(" ");
      char seconds[32] = "";
      if (guard->simulated_time_) write_seconds(guard->simulated_time_(), seconds);
      const bool timed = static_cast<bool>(guard->simulated_time_);
      if (guard->in_controller_)
        line.add_format(timed ? w.in_controller_at.c_str() : w.in_controller_loading.c_str(),
                        {guard->name_buffer_, how, seconds});
      else
        line.add_format(timed ? w.outside_at.c_str() : w.outside_loading.c_str(), {how, seconds});
      if (!guard->replay_.empty()) line.add_format(w.replay.c_str(), {guard->replay_.c_str()});
      line.add(guard->in_controller_ ? w.advice_controller.c_str() : w.advice_bug.c_str());
      line.add("\n");
      ssize_t ignored = write(STDERR_FILENO, line.text, line.size);
      (void)ignored;
    }
    _exit(1);
  }

  inline static CrashGuard* active_ = nullptr;
  std::string command_;
  std::string replay_;
  Words words_;
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
