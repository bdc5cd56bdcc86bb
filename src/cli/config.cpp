#include "cli/config.hpp"

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "depcheck/environment.hpp"
#include "depcheck/util/files.hpp"
#include "depcheck/util/text.hpp"
#include "readers/toml_support.hpp"

namespace depcheck::cli {
namespace fs = std::filesystem;

namespace {

using readers::key_path;
using readers::TomlDocument;

constexpr std::string_view k_pyproject = "pyproject.toml";
constexpr std::string_view k_config_file = ".depcheck.toml";

// Reads one configuration document into a Config. Every problem with a value is fatal (exit 2,
// at the value's file:line:col); unknown keys are warnings.
class ConfigReader {
 public:
  ConfigReader(std::string_view text, const std::string& path, Config& config)
      : m_text(text), m_path(path), m_doc(text, path, m_parse_diags), m_config(config) {}

  TomlDocument& doc() { return m_doc; }
  Config& config() { return m_config; }
  const std::string& path() const { return m_path; }

  Location where(const toml::node& node) const { return m_doc.where(node); }

  [[noreturn]] void fail(const toml::node& node, const std::string& message) const {
    m_doc.fatal(node, message);
  }

  void expect(const toml::node& node, std::string_view type, const std::string& at) const {
    const bool ok = type == "string"  ? node.is_string()
                    : type == "array" ? node.is_array()
                    : type == "table" ? node.is_table()
                                      : false;
    if (!ok) fail(node, TomlDocument::type_message(node, type, at));
  }

  const std::string& string_at(const toml::node& node, const std::string& at) const {
    expect(node, "string", at);
    return node.as_string()->get();
  }

  // One of `names`, else fatal: "unknown platform 'linx' in 'platform' (did you mean 'linux'?)".
  const std::string& one_of(const toml::node& node, const std::string& at, std::string_view what,
                            const std::vector<std::string_view>& names) const {
    const auto& value = string_at(node, at);
    if (std::find(names.begin(), names.end(), value) != names.end()) return value;
    const auto guess = util::did_you_mean(value, names);
    std::string known;
    for (auto n : names) known += (known.empty() ? "" : ", ") + std::string(n);
    fail(node, "unknown " + std::string(what) + " '" + value + "' in '" + at + "'" +
                   (guess.empty() ? " (expected one of: " + known + ")"
                                  : " (did you mean '" + guess + "'?)"));
  }

  void warn_unknown_key(const toml::key& key, std::string_view in,
                        const std::vector<std::string_view>& names) {
    const auto guess = util::did_you_mean(key.str(), names);
    std::string known;
    for (auto n : names) known += (known.empty() ? "" : ", ") + std::string(n);
    const auto& begin = key.source().begin;
    Location location{m_path, static_cast<int>(begin.line), static_cast<int>(begin.column)};
    m_config.warnings.push_back(
        {Severity::warning,
         "unknown key '" + std::string(key.str()) + "' in " + std::string(in) +
             (guess.empty() ? " (known keys: " + known + ")" : " (did you mean '" + guess + "'?)"),
         location, std::string(util::line_at(m_text, location.line))});
  }

  std::string source_line(const Location& location) const {
    return std::string(util::line_at(m_text, location.line));
  }

  // Relative paths in the file are relative to the file's folder.
  std::string resolve(const std::string& relative) const {
    const fs::path p(relative);
    if (p.is_absolute()) return p.lexically_normal().string();
    return (fs::path(m_path).parent_path() / p).lexically_normal().string();
  }

 private:
  std::string_view m_text;
  std::string m_path;
  Diagnostics m_parse_diags;
  TomlDocument m_doc;
  Config& m_config;
};

using KeyHandler = void (*)(ConfigReader&, const toml::node&, const std::string& at);

const std::vector<std::string_view> k_severities = {"error", "warning", "info"};
const std::vector<std::string_view> k_fail_on = {"error", "warning", "info", "never"};
const std::vector<std::string_view> k_platforms = {"linux", "darwin", "win32"};
const std::vector<std::string_view> k_ignore_fields = {"id", "reason", "expires"};

void read_ignore_entry(ConfigReader& r, const toml::node& node, const std::string& at) {
  IgnoreEntry entry;
  if (const auto* id = node.as_string()) {
    entry.id = id->get();
  } else if (const auto* table = node.as_table()) {
    for (const auto& [key, value] : *table)
      if (std::find(k_ignore_fields.begin(), k_ignore_fields.end(), key.str()) ==
          k_ignore_fields.end())
        r.warn_unknown_key(key, "'" + at + "'", k_ignore_fields);
    const auto* id = table->get("id");
    if (id == nullptr) r.fail(node, "missing 'id' in '" + at + "'");
    entry.id = r.string_at(*id, key_path(at, "id"));
    const auto* reason = table->get("reason");
    if (reason == nullptr)
      r.fail(node,
             "missing 'reason' in '" + at + "' (an ignore written as a table needs a reason)");
    entry.reason = r.string_at(*reason, key_path(at, "reason"));
    if (util::trim(entry.reason).empty()) r.fail(*reason, "empty 'reason' in '" + at + "'");
    if (const auto* expires = table->get("expires")) {
      const auto expires_at = key_path(at, "expires");
      if (const auto* date = expires->as_date()) {  // expires = 2026-06-30 (a TOML date)
        char text[16];
        std::snprintf(
            text, sizeof text, "%04d-%02d-%02d", static_cast<int>(date->get().year) % 10000,
            static_cast<int>(date->get().month) % 100, static_cast<int>(date->get().day) % 100);
        entry.expires = text;
      } else if (expires->is_string()) {
        entry.expires = expires->as_string()->get();
      } else {
        r.fail(*expires, TomlDocument::type_message(*expires, "date or string", expires_at));
      }
      if (!is_iso_date(entry.expires))
        r.fail(*expires, "invalid date '" + entry.expires + "' in '" + expires_at +
                             "' (expected YYYY-MM-DD)");
    }
  } else {
    r.fail(node, TomlDocument::type_message(node, "string or table", at));
  }
  if (entry.id.empty()) r.fail(node, "empty rule id in '" + at + "'");
  entry.where = r.where(node);
  entry.source_line = r.source_line(entry.where);
  r.config().ignore.push_back(std::move(entry));
}

void read_ignore(ConfigReader& r, const toml::node& node, const std::string& at) {
  const auto& array = *node.as_array();
  for (std::size_t i = 0; i < array.size(); ++i)
    read_ignore_entry(r, *array.get(i), key_path(at, i));
}

void read_severity(ConfigReader& r, const toml::node& node, const std::string& at) {
  for (const auto& [key, value] : *node.as_table()) {
    const auto value_at = key_path(at, key.str());
    Severity severity = Severity::error;
    parse_severity(r.one_of(value, value_at, "severity", k_severities), severity);
    r.config().severity[std::string(key.str())] = severity;
  }
}

void read_matrix(ConfigReader& r, const toml::node& node, const std::string& at) {
  const auto& array = *node.as_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    const auto& element = *array.get(i);
    const auto& relative = r.string_at(element, key_path(at, i));
    const auto path = r.resolve(relative);
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
      r.fail(element, "cannot read matrix '" + relative + "' (" + path + "): No such file");
    r.config().matrices.push_back(path);
  }
}

void read_fail_on(ConfigReader& r, const toml::node& node, const std::string& at) {
  r.config().fail_on = r.one_of(node, at, "fail-on value", k_fail_on);
}

void read_python(ConfigReader& r, const toml::node& node, const std::string& at) {
  const auto& value = r.string_at(node, at);
  if (const auto problem = environment::python_target_problem(value); !problem.empty())
    r.fail(node, "invalid python version '" + value + "' in '" + at + "' (" + problem + ")");
  r.config().python = value;
}

void read_platform(ConfigReader& r, const toml::node& node, const std::string& at) {
  r.config().platform = r.one_of(node, at, "platform", k_platforms);
}

struct KeySpec {
  ConfigKey key;
  KeyHandler read;
};

// The one table of configuration keys: it drives parsing, type checks, "did you mean" and
// config_keys(). Only check settings belong here (not format, output or color).
const std::vector<KeySpec>& key_specs() {
  static const std::vector<KeySpec> specs = {
      {{"fail-on", "string", "exit 1 on findings at or above: error, warning, info or never"},
       read_fail_on},
      {{"ignore", "array", "rule ids, or {id, reason, expires} tables"}, read_ignore},
      {{"severity", "table", "rule id -> error | warning | info"}, read_severity},
      {{"matrix", "array", "extra matrix files, relative to this file"}, read_matrix},
      {{"python", "string", "target Python, X.Y or X.Y.Z"}, read_python},
      {{"platform", "string", "target platform: linux, darwin or win32"}, read_platform},
  };
  return specs;
}

void read_settings(ConfigReader& r, const toml::table& settings, const std::string& prefix,
                   std::string_view where_name) {
  std::vector<std::string_view> names;
  for (const auto& spec : key_specs()) names.push_back(spec.key.name);
  for (const auto& [key, value] : settings) {
    const std::string_view name = key.str();  // clang: structured bindings cannot be captured
    const auto it = std::find_if(key_specs().begin(), key_specs().end(),
                                 [&](const KeySpec& s) { return s.key.name == name; });
    if (it == key_specs().end()) {
      r.warn_unknown_key(key, where_name, names);
      continue;
    }
    const auto at = key_path(prefix, key.str());
    r.expect(value, it->key.type, at);
    it->read(r, value, at);
  }
}

}  // namespace

const std::vector<ConfigKey>& config_keys() {
  static const std::vector<ConfigKey> keys = [] {
    std::vector<ConfigKey> result;
    for (const auto& spec : key_specs()) result.push_back(spec.key);
    return result;
  }();
  return keys;
}

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (text[i] < '0' || text[i] > '9') return false;
  const auto number = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= k_days[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::string today_iso_date() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &local);
  return text;
}

bool parse_config(std::string_view text, const std::string& path, bool pyproject, Config& config) {
  ConfigReader reader(text, path, config);
  const auto& root = reader.doc().root();
  if (pyproject) {
    const auto* tool = root.get("tool");
    if (tool == nullptr) return false;
    reader.expect(*tool, "table", "tool");
    const auto* settings = tool->as_table()->get("depcheck");
    if (settings == nullptr) return false;
    reader.expect(*settings, "table", "tool.depcheck");
    read_settings(reader, *settings->as_table(), "tool.depcheck", "[tool.depcheck]");
  } else {
    read_settings(reader, root, "", std::string(fs::path(path).filename().string()));
  }
  config.files.push_back(path);
  return true;
}

Config load_config(const Options& options) {
  Config config;
  config.today = today_iso_date();
  fs::path folder;
  std::error_code ec;
  if (!options.paths.empty() && options.paths.front() != "-") {
    const fs::path first(options.paths.front());
    folder = fs::is_directory(first, ec) ? first : first.parent_path();
  }
  const auto read_from = [&](const fs::path& dir) {
    bool found = false;
    for (const auto& [name, pyproject] :
         {std::pair{k_pyproject, true}, std::pair{k_config_file, false}}) {
      const auto path = (dir / name).lexically_normal();
      if (!fs::is_regular_file(path, ec)) continue;
      const auto display = path.string();
      std::string text;
      try {
        text = util::read_file(display);
      } catch (const std::exception& e) {
        throw FatalError(e.what(), Location{display});
      }
      found = parse_config(text, display, pyproject, config) || found;
    }
    return found;
  };
  const fs::path here(".");
  if (!read_from(folder.empty() ? here : folder) && !folder.empty() &&
      !fs::equivalent(folder, here, ec))
    read_from(here);
  return config;
}

void apply_config(const Config& config, Options& options) {
  if (!options.fail_on_given && config.fail_on) options.fail_on = *config.fail_on;
  if (options.python.empty() && config.python) options.python = *config.python;
  if (options.platform.empty() && config.platform) options.platform = *config.platform;

  const auto add_unique = [](std::vector<std::string>& list, const std::string& item) {
    if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
  };
  for (const auto& entry : config.ignore) {
    // The ignore holds through its expiry date; from the next day on the rule applies again.
    if (!entry.expires.empty() && !config.today.empty() && config.today > entry.expires) {
      options.config_warnings.push_back(
          {Severity::warning,
           "the ignore of '" + entry.id + "' expired on " + entry.expires + " (reason: " +
               entry.reason + "): the rule is checked again; renew or remove the entry",
           entry.where, entry.source_line});
      continue;
    }
    add_unique(options.ignore, entry.id);
    options.config_ignore.emplace_back(entry.id, entry.where);
  }
  for (const auto& [id, severity] : config.severity)
    options.severity_overrides.emplace(id, severity);

  std::vector<std::string> matrices;
  for (const auto& path : config.matrices) add_unique(matrices, path);
  for (const auto& path : options.matrices) add_unique(matrices, path);
  options.matrices = std::move(matrices);

  options.config_warnings.insert(options.config_warnings.end(), config.warnings.begin(),
                                 config.warnings.end());
}

void configure(Options& options) {
  if (options.no_config) return;
  apply_config(load_config(options), options);
}

void apply_severity_overrides(std::vector<engine::Finding>& findings, const Options& options) {
  if (options.severity_overrides.empty()) return;
  for (auto& finding : findings) {
    const auto it = options.severity_overrides.find(finding.rule);
    if (it != options.severity_overrides.end()) finding.severity = it->second;
  }
}

}  // namespace depcheck::cli
