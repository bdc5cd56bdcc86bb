// The JSON report of SPEC.md, schema_version 1 (data/report.schema.json). Written as it goes,
// without a document tree: the bytes are those of nlohmann's dump(2, ' ', false,
// error_handler_t::replace) of the same document (two-space indent, "{}" / "[]" when empty,
// UTF-8 kept, invalid UTF-8 replaced), and a 20k-package lock costs no tree of 20k objects.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "depcheck/report.hpp"

namespace depcheck::report {
namespace {

class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : m_out(out) {}
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  JsonWriter& key(std::string_view name) {
    next_item();
    string(name);
    m_buffer += ": ";
    m_after_key = true;
    return *this;
  }
  void value(std::string_view text) {
    before_value();
    string(text);
  }
  void value(const char* text) { value(std::string_view(text)); }
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(bool flag) {
    before_value();
    m_buffer += flag ? "true" : "false";
  }
  void value(long long number) {
    before_value();
    m_buffer += std::to_string(number);
  }
  void value(int number) { value(static_cast<long long>(number)); }
  void strings(const std::vector<std::string>& list) {
    begin_array();
    for (const auto& item : list) value(item);
    end_array();
  }

  void line_end() { m_buffer += '\n'; }

  void flush() {
    m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_buffer.clear();
  }

 private:
  void before_value() {
    if (m_after_key) {
      m_after_key = false;
    } else {
      next_item();
    }
  }
  // A line break and the indent before each member or element; ",\n" after the first.
  void next_item() {
    if (m_empty.empty()) return;
    m_buffer += m_empty.back() ? "\n" : ",\n";
    m_empty.back() = false;
    m_buffer.append(2 * m_empty.size(), ' ');
  }
  void open(char bracket) {
    before_value();
    m_buffer += bracket;
    m_empty.push_back(true);
  }
  void close(char bracket) {
    const bool empty = m_empty.back();
    m_empty.pop_back();
    if (!empty) {
      m_buffer += '\n';
      m_buffer.append(2 * m_empty.size(), ' ');
    }
    m_buffer += bracket;
    if (m_buffer.size() >= 1 << 16) flush();
  }
  // Printable ASCII here; anything else (escapes, UTF-8 checks) as nlohmann writes it.
  void string(std::string_view text) {
    const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
      return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    });
    if (plain) {
      m_buffer += '"';
      m_buffer += text;
      m_buffer += '"';
    } else {
      m_buffer += nlohmann::json(std::string(text))
                      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }

  std::ostream& m_out;
  std::string m_buffer;
  std::vector<bool> m_empty;  // per open object or array: nothing written in it yet
  bool m_after_key = false;
};

void location(JsonWriter& w, const Location& where) {
  w.key("path").value(where.path);
  if (where.line > 0) w.key("line").value(where.line);
  if (where.column > 0) w.key("column").value(where.column);
}

void package(JsonWriter& w, std::string_view name, std::string_view version,
             const Location& where) {
  w.begin_object();
  w.key("name").value(name);
  w.key("version").value(version);
  if (where.line > 0) w.key("line").value(where.line);
  w.end_object();
}

void diagnostics(JsonWriter& w, const Diagnostics& list) {
  w.begin_array();
  for (const auto& d : list) {
    w.begin_object();
    location(w, d.where);
    w.key("message").value(d.message);
    w.end_object();
  }
  w.end_array();
}

void target(JsonWriter& w, const engine::Target& t) {
  w.begin_object();
  w.key("python").value(t.python);
  w.key("platform").value(t.platform);
  if (!t.assumed.empty()) w.key("assumed").value(t.assumed);
  w.end_object();
}

void input(JsonWriter& w, const Input& in, const engine::Target& t) {
  w.begin_object();
  w.key("path").value(in.path);
  w.key("format").value(in.format);
  w.key("target");
  target(w, t);
  w.key("packages").begin_array();
  for (const auto& p : in.packages) package(w, p.name, p.version_text, p.where);
  w.end_array();
  w.key("unversioned").begin_array();
  for (const auto& p : in.unversioned) {
    w.begin_object();
    w.key("name").value(p.name);
    w.key("source").value(p.source);
    if (p.where.line > 0) w.key("line").value(p.where.line);
    w.end_object();
  }
  w.end_array();
  w.key("unpinned").begin_array();
  for (const auto& d : in.unpinned) {
    w.begin_object();
    w.key("name").value(d.name);
    w.key("specifier").value(d.specifier_text);
    if (d.where.line > 0) w.key("line").value(d.where.line);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void finding(JsonWriter& w, const engine::Finding& f) {
  w.begin_object();
  w.key("rule").value(f.rule);
  w.key("kind").value(f.kind);
  w.key("severity").value(to_string(f.severity));
  w.key("summary").value(f.summary);
  if (!f.details.empty()) w.key("details").value(f.details);
  if (!f.symptom.empty()) w.key("symptom").value(f.symptom);
  if (!f.condition.empty()) w.key("condition").value(f.condition);
  w.key("input").value(f.input);
  w.key("packages").begin_array();
  for (const auto& p : f.packages) package(w, p.name, p.version, p.where);
  w.end_array();
  w.key("references").strings(f.references);
  w.key("fixes").begin_array();
  for (const auto& fix : f.fixes) {
    w.begin_object();
    w.key("package").value(fix.package);
    w.key("versions").value(fix.versions);
    w.key("consistent").value(fix.consistent);
    if (!fix.reason.empty()) w.key("reason").value(fix.reason);
    w.key("command").value(fix.command);
    if (!fix.note.empty()) w.key("note").value(fix.note);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void plan(JsonWriter& w, const engine::Plan& p) {
  w.begin_object();
  w.key("input").value(p.input);
  w.key("resolves_all").value(p.resolves_all);
  w.key("changes").begin_array();
  for (const auto& change : p.changes) {
    w.begin_object();
    if (!change.package.empty()) w.key("package").value(change.package);
    if (!change.versions.empty()) w.key("versions").value(change.versions);
    w.key("consistent").value(change.consistent);
    if (!change.reason.empty()) w.key("reason").value(change.reason);
    w.key("command").value(change.command);
    if (!change.note.empty()) w.key("note").value(change.note);
    w.end_object();
  }
  w.end_array();
  w.key("unresolved").strings(p.unresolved);
  w.key("note").value(k_plan_caveat);
  w.end_object();
}

}  // namespace

void render_json(const Report& report, std::ostream& out) {
  JsonWriter w(out);
  w.begin_object();
  w.key("schema_version").value(1);
  w.key("tool").begin_object();
  w.key("name").value("depcheck");
  w.key("version").value(report.tool_version);
  w.key("matrix_version").value(report.matrix_version);
  w.end_object();
  w.key("target");
  target(w, report.target);
  w.key("inputs").begin_array();
  for (std::size_t i = 0; i < report.inputs.size(); ++i)
    input(w, *report.inputs[i], report.target_of(i));
  w.end_array();
  w.key("findings").begin_array();
  for (const auto& f : report.findings) finding(w, f);
  w.end_array();
  w.key("plans").begin_array();
  for (const auto& p : report.plans) plan(w, p);
  w.end_array();
  w.key("summary").begin_object();
  w.key("error").value(report.count(Severity::error));
  w.key("warning").value(report.count(Severity::warning));
  w.key("info").value(report.count(Severity::info));
  w.end_object();
  w.key("errors");
  diagnostics(w, report.errors);
  w.key("warnings");
  diagnostics(w, report.warnings);
  w.end_object();
  w.line_end();
}

}  // namespace depcheck::report
