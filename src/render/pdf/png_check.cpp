#include "render/pdf/png_check.hpp"

#include <png.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace booklet::render::pdf {

std::optional<std::string> png_problem(std::string_view png) {
    // libpng's simplified API keeps its error handling (setjmp) inside
    // libpng and reports through image.message; it prints nothing.
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, png.data(), png.size()))
        return std::string("invalid PNG: ") + image.message;
    struct Free {
        png_image* image;
        ~Free() { png_image_free(image); }
    } free_image{&image};
    constexpr std::uint64_t kMaxPixels = 100'000'000;
    if (std::uint64_t{image.width} * image.height > kMaxPixels)
        return "PNG too large (" + std::to_string(image.width) + " x " + std::to_string(image.height) + " pixels)";
    image.format = PNG_FORMAT_GRAY;  // smallest buffer; every row is still decoded
    std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr))
        return std::string("invalid PNG: ") + image.message;
    return std::nullopt;
}

}  // namespace booklet::render::pdf
