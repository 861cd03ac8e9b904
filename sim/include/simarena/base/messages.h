// Text the user reads (the terminal summaries and errors, the viewer's
// overlay, the leaderboard pages) goes through GNU gettext's catalogue
// "simarena" (sim/po/), so it shows in the user's language. Data stays
// English whatever the language: JSON, replays, CSV columns, score sheets.
#pragma once

#include <string>

namespace simarena {

// The translation of `english` in the language chosen by choose_language(),
// or `english` itself when there is none. xgettext finds the calls by the
// name `tr` (sim/po/CMakeLists.txt); the compiler checks printf arguments
// against `english`.
[[gnu::format_arg(1)]] const char* tr(const char* english);

// Marks `english` for the catalogue where tr() cannot be called (a constant
// table); tr() translates it where it is shown.
constexpr const char* tr_noop(const char* english) { return english; }

// Chooses the language of tr() once, at the start of a program: `lang` is
// "zh" or "en" (the --lang option), or empty for the locale's (LANGUAGE,
// LC_ALL, LC_MESSAGES, LANG, as gettext reads them). Only LC_MESSAGES is
// taken from the locale, so numbers keep their '.' everywhere. Works when
// the locale named by LANG is not generated on the machine (a fresh Debian
// without `locales`): gettext then reads the language from LANGUAGE under
// glibc's built-in C.UTF-8. Sets LANGUAGE for child processes to inherit.
void choose_language(const std::string& lang);

// Every translation in the catalogue tr() uses, joined (empty in English):
// the viewer's font must hold each character it may draw.
std::string all_translations();

// The language tr() translates into, as its catalogue names it ("zh_CN"),
// or "en" when messages are shown as written.
std::string language_in_use();

// The same as HTML names languages ("zh-CN", "en"), for a page's lang.
std::string html_language();

}  // namespace simarena
