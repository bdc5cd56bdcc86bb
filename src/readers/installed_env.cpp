// An installed environment: every distribution in a virtualenv's site-packages (or in a
// site-packages folder given directly), read from its metadata as pip and importlib.metadata
// find it:
//   *.dist-info/METADATA             (core metadata: RFC 822 headers, then a blank line, the body)
//   *.egg-info/PKG-INFO (+ requires.txt), a *.egg-info file (distutils), *.egg/EGG-INFO/PKG-INFO
//   *.dist-info/direct_url.json      (PEP 610: editable, VCS, URL or path installs)
// Packages are sorted by path. One name installed twice is an error naming both paths.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "depcheck/pep440/version.hpp"
#include "depcheck/pep508/requirement.hpp"
#include "depcheck/readers/reader.hpp"
#include "depcheck/util/files.hpp"
#include "depcheck/util/text.hpp"

namespace depcheck::readers {
namespace {

namespace fs = std::filesystem;

struct Header {
  std::string name;  // lower case
  std::string value;
  int line = 0;
  int column = 0;  // of the value on its first line
};

// RFC 822 headers as the email parser reads core metadata: "Name: value"; a line starting with
// a space or tab continues the previous header; a blank line (or a line that is no header)
// starts the body.
std::vector<Header> parse_headers(std::string_view text) {
  std::vector<Header> headers;
  int number = 0;
  for (auto line : util::split(text, '\n')) {
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (util::trim(line).empty()) break;
    if ((line.front() == ' ' || line.front() == '\t')) {
      if (headers.empty()) break;
      headers.back().value += ' ';
      headers.back().value += util::trim(line);
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) break;
    auto value_start = colon + 1;
    while (value_start < line.size() && (line[value_start] == ' ' || line[value_start] == '\t'))
      ++value_start;
    headers.push_back({util::to_lower(util::trim(line.substr(0, colon))),
                       std::string(util::trim(line.substr(colon + 1))), number,
                       static_cast<int>(value_start) + 1});
  }
  return headers;
}

class EnvironmentReader {
 public:
  EnvironmentReader(Input& out, Diagnostics& diags) : m_out(out), m_diags(diags) {}

  void read_site_packages(const fs::path& folder) {
    std::error_code ec;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
      entries.push_back(it->path());
    if (ec) {
      error(Location{folder.string()}, "cannot read '" + folder.string() + "': " + ec.message());
      return;
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& entry : entries) {
      const auto name = entry.filename().string();
      const bool is_dir = fs::is_directory(entry, ec);
      if (name.ends_with(".dist-info") && is_dir) {
        read_distribution(entry / "METADATA", {}, entry / "direct_url.json");
      } else if (name.ends_with(".egg-info")) {
        if (is_dir)
          read_distribution(entry / "PKG-INFO", entry / "requires.txt", {});
        else
          read_distribution(entry, {}, {});  // distutils wrote PKG-INFO as a file
      } else if (name.ends_with(".egg") && is_dir) {
        read_distribution(entry / "EGG-INFO" / "PKG-INFO", entry / "EGG-INFO" / "requires.txt", {});
      }
    }
  }

  // Sort by path, then report each name installed more than once.
  void finish() {
    const auto by_path = [](const Package& a, const Package& b) {
      return a.where.path < b.where.path;
    };
    std::stable_sort(m_out.packages.begin(), m_out.packages.end(), by_path);
    std::stable_sort(m_out.unversioned.begin(), m_out.unversioned.end(), by_path);
    // Debian ships some packages with both a .dist-info and an .egg-info of the same version in
    // one folder: one install, recorded twice. It is read once.
    std::vector<Package> kept;
    kept.reserve(m_out.packages.size());
    std::map<std::string, std::size_t> seen;
    for (auto& package : m_out.packages) {
      const auto found = seen.find(package.name);
      if (found != seen.end()) {
        const auto& other = kept[found->second];
        if (other.version_text == package.version_text &&
            fs::path(other.where.path).parent_path().parent_path() ==
                fs::path(package.where.path).parent_path().parent_path())
          continue;
      } else {
        seen.emplace(package.name, kept.size());
      }
      kept.push_back(std::move(package));
    }
    m_out.packages = std::move(kept);
    std::map<std::string, const Package*> first;
    for (const auto& package : m_out.packages) {
      const auto [it, inserted] = first.emplace(package.name, &package);
      if (inserted) continue;
      error(package.where, "'" + package.name + "' is installed twice: '" + it->second->where.path +
                               "' (" + it->second->version_text + ") and '" + package.where.path +
                               "' (" + package.version_text + ")");
    }
  }

 private:
  void error(Location where, std::string message, std::string source_line = {}) {
    m_diags.push_back(
        {Severity::error, std::move(message), std::move(where), std::move(source_line)});
  }

  std::optional<std::string> read_text(const fs::path& path) {
    try {
      return util::read_file(path.string());
    } catch (const std::exception& e) {
      error(Location{path.string()}, e.what());
      return std::nullopt;
    }
  }

  Dependency make_dependency(const pep508::Requirement& requirement, std::string marker_text,
                             Location where) {
    Dependency dependency;
    dependency.name = pep508::normalize_name(requirement.name);
    dependency.specifier_text = requirement.specifiers.str();
    dependency.specifiers = requirement.specifiers;
    dependency.extras = requirement.extras;
    dependency.url = requirement.url;
    if (!marker_text.empty()) {
      if (auto marker = pep508::parse_marker(marker_text)) dependency.marker = *marker;
      dependency.group = pep508::extra_named(marker_text);
      dependency.optional = marker_text.find("extra") != std::string::npos;
    }
    dependency.marker_text = std::move(marker_text);
    dependency.where = std::move(where);
    return dependency;
  }

  // A Requires-Dist value: a PEP 508 requirement, its marker after the first ';'.
  void add_requires_dist(Package& package, const Header& header, const std::string& path,
                         std::string_view text) {
    const auto where = Location{path, header.line, 0};
    pep508::SyntaxErrorDetail detail;
    auto parsed = pep508::parse_requirement(header.value, &detail);
    if (!parsed) {
      const auto source_line = util::line_at(text, header.line);
      // packaging's caret, when the value is on one line
      const int column = header.column + static_cast<int>(detail.end);
      error(Location{path, header.line,
                     column <= static_cast<int>(source_line.size()) + 1 ? column : 0},
            "invalid Requires-Dist: " + parsed.error(), std::string(source_line));
      return;
    }
    std::string marker_text;
    if (parsed->marker) {
      const auto semicolon = parsed->url.empty() ? header.value.find(';') : header.value.rfind(';');
      if (semicolon != std::string::npos)
        marker_text = std::string(util::trim(std::string_view(header.value).substr(semicolon + 1)));
    }
    package.dependencies.push_back(make_dependency(*parsed, std::move(marker_text), where));
  }

  // setuptools' requires.txt: requirement lines in sections "[extra]", "[:marker]" or
  // "[extra:marker]" (pkg_resources.split_sections).
  void add_requires_txt(Package& package, const fs::path& path) {
    std::error_code ec;
    if (path.empty() || !fs::exists(path, ec)) return;
    const auto text = read_text(path);
    if (!text) return;
    std::string extra, section_marker;
    int number = 0;
    for (auto line : util::split(*text, '\n')) {
      ++number;
      line = util::trim(line);
      if (line.empty() || line.starts_with('#')) continue;
      const auto where = Location{path.string(), number, 0};
      if (line.starts_with('[')) {
        if (!line.ends_with(']')) {
          error(where, "invalid section header '" + std::string(line) + "' in requires.txt",
                std::string(line));
          extra = section_marker = "";
          continue;
        }
        const auto section = line.substr(1, line.size() - 2);
        const auto colon = section.find(':');
        extra = pep508::normalize_name(util::trim(section.substr(0, colon)));
        section_marker = colon == std::string_view::npos
                             ? ""
                             : std::string(util::trim(section.substr(colon + 1)));
        continue;
      }
      auto parsed = pep508::parse_requirement(line);
      if (!parsed) {
        error(where, "invalid requirement in requires.txt: " + parsed.error(), std::string(line));
        continue;
      }
      std::vector<std::string> parts;
      if (const auto semicolon = line.find(';'); semicolon != std::string_view::npos)
        parts.emplace_back(util::trim(line.substr(semicolon + 1)));
      if (!section_marker.empty()) parts.push_back(section_marker);
      if (!extra.empty()) parts.push_back("extra == \"" + extra + "\"");
      std::string marker_text;
      for (const auto& part : parts)
        marker_text +=
            (marker_text.empty() ? "" : " and ") +
            (parts.size() > 1 && part.find(" or ") != std::string::npos ? "(" + part + ")" : part);
      package.dependencies.push_back(make_dependency(*parsed, marker_text, where));
    }
  }

  // PEP 610: how the distribution was installed, when not from an index.
  static std::string source_of(const fs::path& direct_url) {
    std::error_code ec;
    if (direct_url.empty() || !fs::exists(direct_url, ec)) return "registry";
    try {
      const auto json = nlohmann::json::parse(util::read_file(direct_url.string()));
      const auto url = json.value("url", std::string());
      if (json.contains("dir_info"))
        return json["dir_info"].value("editable", false) ? "editable" : "directory";
      if (json.contains("vcs_info"))
        return json["vcs_info"].value("vcs", std::string()) == "git" ? "git" : "url";
      return url.starts_with("file:") ? "path" : "url";
    } catch (const std::exception&) {
      return "registry";  // an unreadable direct_url.json does not hide the version
    }
  }

  void read_distribution(const fs::path& metadata, const fs::path& requires_txt,
                         const fs::path& direct_url) {
    std::error_code ec;
    const std::string path = metadata.string();
    if (!fs::exists(metadata, ec)) {
      error(Location{metadata.parent_path().string()},
            "no " + metadata.filename().string() + " in '" + metadata.parent_path().string() + "'");
      return;
    }
    const auto text = read_text(metadata);
    if (!text) return;
    Package package;
    package.where.path = path;
    const Header* name = nullptr;
    const Header* version = nullptr;
    const auto headers = parse_headers(*text);
    bool has_requires_dist = false;
    for (const auto& header : headers) {
      if (header.name == "name" && !name) {
        name = &header;
      } else if (header.name == "version" && !version) {
        version = &header;
      } else if (header.name == "requires-python") {
        package.requires_python = header.value;
      } else if (header.name == "requires-dist") {
        has_requires_dist = true;
        add_requires_dist(package, header, path, *text);
      }
    }
    if (!name || name->value.empty()) {
      error(Location{path, name ? name->line : 0, 0}, "no Name in '" + path + "'");
      return;
    }
    package.display_name = name->value;
    package.name = pep508::normalize_name(name->value);
    if (!version || version->value.empty()) {
      error(Location{path, version ? version->line : 0, 0},
            "no Version for '" + package.display_name + "' in '" + path + "'");
      return;
    }
    package.where.line = version->line;
    package.version_text = version->value;
    package.source = source_of(direct_url);
    if (!has_requires_dist) add_requires_txt(package, requires_txt);
    auto parsed = pep440::parse_version(version->value);
    if (!parsed) {
      // Listed without a version to check, so the name is not lost.
      error(Location{path, version->line, version->column}, parsed.error(),
            std::string(util::line_at(*text, version->line)));
      package.version_text.clear();
      m_out.unversioned.push_back(std::move(package));
      return;
    }
    package.version = *parsed;
    m_out.packages.push_back(std::move(package));
  }

  Input& m_out;
  Diagnostics& m_diags;
};

bool holds_distributions(const fs::path& folder) {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.ends_with(".dist-info") || name.ends_with(".egg-info")) return true;
  }
  return false;
}

// The site-packages folders of a virtualenv root: lib/python3.X/site-packages (also lib64 and
// PyPy's lib/pypy3.X), Windows' Lib/site-packages; or `dir` itself when it is one.
std::vector<fs::path> site_packages_of(const fs::path& dir) {
  std::error_code ec;
  const auto name = dir.filename().string();
  if (name == "site-packages" || name == "dist-packages" || holds_distributions(dir)) return {dir};
  std::vector<fs::path> found;
  for (const char* lib : {"lib", "lib64", "Lib"}) {
    const auto lib_dir = dir / lib;
    if (!fs::is_directory(lib_dir, ec)) continue;
    if (fs::is_directory(lib_dir / "site-packages", ec)) found.push_back(lib_dir / "site-packages");
    for (fs::directory_iterator it(lib_dir, ec), end; !ec && it != end; it.increment(ec)) {
      const auto version_dir = it->path().filename().string();
      if ((version_dir.starts_with("python") || version_dir.starts_with("pypy")) &&
          fs::is_directory(it->path() / "site-packages", ec))
        found.push_back(it->path() / "site-packages");
    }
  }
  // lib64 is often a symlink to lib: read each folder once.
  std::vector<fs::path> unique;
  std::vector<fs::path> seen;
  std::sort(found.begin(), found.end());
  for (const auto& folder : found) {
    const auto canonical = fs::weakly_canonical(folder, ec);
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
    seen.push_back(canonical);
    unique.push_back(folder);
  }
  return unique;
}

// pyvenv.cfg's `key = value` lines as (key, value) pairs, trimmed; none without the file.
std::vector<std::pair<std::string, std::string>> pyvenv_cfg(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> values;
  std::error_code ec;
  if (!fs::is_regular_file(dir / "pyvenv.cfg", ec)) return values;
  const auto text = util::read_file((dir / "pyvenv.cfg").string());
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto end = std::min(rest.find('\n'), rest.size());
    const auto line = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    values.emplace_back(util::trim(line.substr(0, equals)), util::trim(line.substr(equals + 1)));
  }
  return values;
}

// The environment's own interpreter: pyvenv.cfg's `version` (venv, virtualenv) or
// `version_info` (uv, "3.12.1.final.0"), else the lib/pythonX.Y folder it keeps packages in.
std::string python_of(const std::vector<std::pair<std::string, std::string>>& cfg,
                      const std::vector<fs::path>& folders) {
  for (const auto& [key, value] : cfg) {
    if (key != "version" && key != "version_info") continue;
    // The numeric release: "3.12.1" of "3.12.1.final.0".
    std::string release;
    int parts = 0;
    for (const char c : value) {
      if (c == '.') {
        if (++parts == 3) break;
      } else if (c < '0' || c > '9') {
        break;
      }
      release += c;
    }
    while (!release.empty() && release.back() == '.') release.pop_back();
    if (release.find('.') != std::string::npos) return release;
  }
  for (const auto& folder : folders) {
    const auto version_dir = folder.parent_path().filename().string();
    if (version_dir.starts_with("python3.")) return version_dir.substr(6);
  }
  return "";
}

}  // namespace

void read_installed_env(const std::string& dir, Input& out, Diagnostics& diags) {
  if (out.path.empty()) out.path = dir;
  if (out.format.empty()) out.format = "environment";
  std::error_code ec;
  if (!fs::exists(dir, ec))
    throw FatalError("cannot read '" + dir + "': No such file or directory", Location{dir});
  if (!fs::is_directory(dir, ec))
    throw FatalError("cannot read '" + dir + "': Not a directory", Location{dir});
  const auto folders = site_packages_of(fs::path(dir));
  if (folders.empty())
    throw FatalError("'" + dir +
                         "' is neither a virtual environment nor a site-packages folder (found no "
                         "lib/pythonX.Y/site-packages, Lib/site-packages or *.dist-info)",
                     Location{dir});
  const auto cfg = pyvenv_cfg(fs::path(dir));
  out.python = python_of(cfg, folders);
  for (const auto& [key, value] : cfg)
    if (key == "include-system-site-packages") out.sees_system_packages = value == "true";
  EnvironmentReader reader(out, diags);
  for (const auto& folder : folders) reader.read_site_packages(folder);
  reader.finish();
}

}  // namespace depcheck::readers
