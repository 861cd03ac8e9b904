#include "imgui_layer.h"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "simarena/base/messages.h"

namespace simarena::gui {
namespace {

// Debian's fonts-dejavu-core; ImGui's built-in font when it is missing.
constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

// Debian's fonts-wqy-microhei: a TrueType collection, its first face the sans-serif one. $SIMARENA_CJK_FONT names
// another (a .ttf, or a .ttc whose first face has the glyphs), e.g. Noto Sans CJK.
std::string cjk_font_path() {
  const char* chosen = std::getenv("SIMARENA_CJK_FONT");
  return chosen && *chosen ? chosen : "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
}

ImFont* load_font(const char* file, float pixels) {
  ImGuiIO& io = ImGui::GetIO();
  const std::string path = std::string(kFontDir) + file;
  if (std::filesystem::exists(path)) return io.Fonts->AddFontFromFileTTF(path.c_str(), pixels);
  ImFontConfig config;
  config.SizePixels = pixels;
  return io.Fonts->AddFontDefault(&config);
}

// Adds the CJK glyphs of `ranges` to the font added just before, at the same size.
void merge_cjk(const std::string& file, float pixels, const ImVector<ImWchar>& ranges) {
  ImFontConfig config;
  config.MergeMode = true;
  config.FontNo = 0;
  config.OversampleH = 1;  // the glyphs are drawn at their size: oversampling would only grow the atlas
  config.PixelSnapH = true;
  ImGui::GetIO().Fonts->AddFontFromFileTTF(file.c_str(), pixels, &config, ranges.Data);
}

bool has_non_ascii(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

void apply_theme(ImGuiStyle& style) {
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 10;
  style.FrameRounding = 6;
  style.WindowBorderSize = 0;
  style.WindowPadding = {18, 14};
  style.ItemSpacing = {12, 8};
  style.Colors[ImGuiCol_WindowBg] = {0.06f, 0.07f, 0.10f, 0.78f};
  style.Colors[ImGuiCol_Button] = {0.20f, 0.34f, 0.55f, 1.0f};
  style.Colors[ImGuiCol_PlotLines] = {0.45f, 0.80f, 1.0f, 1.0f};
}

}  // namespace

ImGuiLayer::ImGuiLayer(GLFWwindow* window, const std::string& shown_names) : has_window_(window != nullptr) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is the viewer's, not a file in the working directory
  io.LogFilename = nullptr;
  // Sizes at 1080 pixels high; smaller screens scale down, which stays crisp.
  // Chinese glyphs cost a second of atlas building and 20 MB of texture: only when something Chinese is shown.
  const bool cjk = language_in_use().starts_with("zh") || has_non_ascii(shown_names);
  const std::string cjk_file = cjk_font_path();
  const bool cjk_font = cjk && std::filesystem::is_regular_file(cjk_file);
  if (cjk && !cjk_font)
    font_note_ = cjk_file + tr(" not found: Chinese text shows as '?' (install fonts-wqy-microhei)");
  if (cjk_font) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
    builder.AddText(shown_names.c_str());
    builder.AddText(all_translations().c_str());  // uncommon characters of the messages (髋, hip)
    builder.BuildRanges(&cjk_ranges_);
  }
  fonts_.body = load_font("DejaVuSans.ttf", 30);
  if (cjk_font) merge_cjk(cjk_file, 30, cjk_ranges_);
  fonts_.heading = load_font("DejaVuSans-Bold.ttf", 44);
  if (cjk_font) merge_cjk(cjk_file, 44, cjk_ranges_);
  fonts_.timer = load_font("DejaVuSansMono-Bold.ttf", 128);
  apply_theme(base_style_);
  if (window) ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");
}

ImGuiLayer::~ImGuiLayer() {
  ImGui_ImplOpenGL3_Shutdown();
  if (has_window_) ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
}

void ImGuiLayer::new_frame(int width, int height, double seconds) {
  const float scale = std::clamp(static_cast<float>(height) / 1080.0f, 0.4f, 3.0f);
  if (scale != scale_) {
    scale_ = scale;
    ImGui::GetStyle() = base_style_;
    ImGui::GetStyle().ScaleAllSizes(scale);
    ImGui::GetIO().FontGlobalScale = scale;
  }
  ImGui_ImplOpenGL3_NewFrame();
  if (has_window_) {
    ImGui_ImplGlfw_NewFrame();
  } else {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = {static_cast<float>(width), static_cast<float>(height)};
    io.DeltaTime = seconds > 0 ? static_cast<float>(seconds) : 1.0f / 60.0f;
  }
  ImGui::NewFrame();
}

void ImGuiLayer::render() {
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace simarena::gui
