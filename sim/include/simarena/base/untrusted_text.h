// Text that a controller provides (its name, its error messages, its log
// lines) is untrusted bytes: it may be invalid UTF-8, hold control or
// terminal escape characters, or be huge. Every such text passes through
// untrusted_text() where it enters the host, so everything downstream (JSON
// writers, HTML, CSV, the terminal) only ever sees short, valid, printable
// UTF-8. Each publisher still escapes for its own format.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace simarena {

inline constexpr size_t kUntrustedTextMaxBytes = 400;

// Valid UTF-8 with every invalid byte replaced by U+FFFD, control
// characters (C0, DEL, C1) other than tab replaced by a space, and cut at a
// character boundary to at most `max_bytes` bytes (an ellipsis marks a cut).
std::string untrusted_text(std::string_view bytes, size_t max_bytes = kUntrustedTextMaxBytes);

}  // namespace simarena
