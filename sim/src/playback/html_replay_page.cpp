#include "html_replay_page.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string_view>

#include "html_replay_assets.h"
#include "simarena/base/input_error.h"
#include "simarena/base/messages.h"
#include "simarena/base/xml_escape.h"

namespace simarena {
namespace {

// True when `text` holds "</script" or "<!--" (any case): either would end
// or confuse the script element that embeds it.
bool breaks_script_element(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("</script") != std::string::npos || lower.find("<!--") != std::string::npos;
}

// Replaces the one occurrence of `marker` in `page`.
void fill(std::string& page, std::string_view marker, std::string_view text) {
  const size_t at = page.find(marker);
  if (at == std::string::npos || page.find(marker, at + 1) != std::string::npos)
    throw std::logic_error("sim/web/replay_page.html must hold " + std::string(marker) + " exactly once");
  page.replace(at, marker.size(), text);
}

// `text` with {controller} and {arena} replaced, in one pass over the
// template: a name that holds "{arena}" stays as written.
std::string with_names(std::string_view text, std::string_view controller, std::string_view arena) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text.substr(i).starts_with("{controller}")) {
      out += controller;
      i += 12;
    } else if (text.substr(i).starts_with("{arena}")) {
      out += arena;
      i += 7;
    } else {
      out += text[i++];
    }
  }
  return out;
}

}  // namespace

void require_html_replay_assets(const std::string& file) {
  if (html_replay_assets().three_js.empty())
    throw InputError(file,
                     "cannot export HTML: this simarena was built without three.js; run scripts/setup (it runs "
                     "`npm ci` in sim/web), then rebuild");
}

std::string script_safe_json(const nlohmann::json& data) {
  const std::string json = data.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(json.size());
  for (const char c : json) {
    // Outside strings JSON has none of these characters, so escaping them keeps the value the same.
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else if (c == '/')
      out += "\\/";  // a URL in guest text ("http://...") stays text, never a reference the file seems to hold
    else
      out += c;
  }
  return out;
}

std::string assemble_html_replay_page(const nlohmann::json& data) {
  const HtmlReplayAssets& assets = html_replay_assets();
  if (breaks_script_element(assets.three_js) || breaks_script_element(assets.page_js))
    throw std::logic_error("three.js or sim/web/replay_page.js holds </script or <!--; it cannot be embedded as is");
  std::string page(assets.page_html);
  const std::string title = with_names(tr("simarena replay: {controller} on {arena}"),
                                       data.value("controller", std::string()), data.value("arena", std::string()));
  fill(page, "<html lang=\"en\">", "<html lang=\"" + xml_escaped(html_language()) + "\">");
  // A slash as a character reference too: no URL in a name appears in the file as one.
  std::string escaped_title;
  for (const char c : xml_escaped(title)) escaped_title += c == '/' ? std::string("&#47;") : std::string(1, c);
  fill(page, "<!--simarena:title-->", escaped_title);
  fill(page, "<!--simarena:three-version-->", xml_escaped(assets.three_version));
  fill(page, "<!--simarena:data-->", script_safe_json(data));
  fill(page, "<!--simarena:three-->", assets.three_js);
  fill(page, "<!--simarena:player-->", assets.page_js);
  return page;
}

}  // namespace simarena
