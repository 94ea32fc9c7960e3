// PNG and JPEG sizes read from their headers; anything else refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/image_info.hpp"

using booklet::io::ImageInfo;
using booklet::io::read_image_info;

TEST(ImageInfo, PngAndJpeg) {
    auto png = read_image_info(BOOKLET_SOURCE_DIR "/input/logos/open-calendars.png");
    ASSERT_TRUE(png);
    EXPECT_EQ(png->kind, ImageInfo::Kind::Png);
    EXPECT_EQ(png->width, 240);
    EXPECT_EQ(png->height, 120);
    auto jpeg = read_image_info(BOOKLET_SOURCE_DIR "/tests/render/data/photo.jpg");
    ASSERT_TRUE(jpeg);
    EXPECT_EQ(jpeg->kind, ImageInfo::Kind::Jpeg);
    EXPECT_EQ(jpeg->width, 48);
    EXPECT_EQ(jpeg->height, 32);
}

TEST(ImageInfo, AnythingElseIsRefused) {
    const auto dir = std::filesystem::temp_directory_path() / ("booklet-img-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto write = [&](const char* name, const std::string& bytes) {
        std::ofstream(dir / name, std::ios::binary) << bytes;
        return (dir / name).string();
    };
    EXPECT_FALSE(read_image_info(write("text.png", "not an image at all")));
    EXPECT_FALSE(read_image_info(write("short.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10))));
    EXPECT_FALSE(read_image_info(write("cut.jpg", std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10))));
    EXPECT_FALSE(read_image_info((dir / "missing.png").string()));
    EXPECT_FALSE(read_image_info("/dev/null"));
    std::filesystem::remove_all(dir);
}
