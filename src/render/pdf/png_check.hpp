#pragma once
// Decoding a PNG fully before libharu sees it: libharu 2.3.0 installs a
// libpng error callback that returns, which makes libpng abort() the whole
// process on a corrupt or truncated PNG.
#include <optional>
#include <string>
#include <string_view>

namespace booklet::render::pdf {

// nullopt when libpng decodes `png` without error, else libpng's message.
std::optional<std::string> png_problem(std::string_view png);

}  // namespace booklet::render::pdf
