// Escaping for XML and HTML: the generated MJCF world and the published
// leaderboard page put names from files and entries into markup.
#pragma once

#include <string>
#include <string_view>

namespace simarena {

// `text` escaped for an XML/HTML attribute value or element text.
std::string xml_escaped(std::string_view text);

// Text from an entry, a controller or a file (untrusted_text: valid UTF-8,
// controls shown), escaped for XML/HTML.
std::string xml_escaped_untrusted(std::string_view raw);

}  // namespace simarena
