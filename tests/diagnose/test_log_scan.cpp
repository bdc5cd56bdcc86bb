// The log matcher behind `depcheck diagnose` (src/diagnose/log_scan.cpp).
#include <catch2/catch.hpp>

#include "depcheck/diagnose.hpp"
#include "depcheck/matrix.hpp"

using namespace depcheck;

namespace {

matrix::Matrix two_rules() {
  return matrix::load_matrix(R"({"schema_version": 1, "rules": [
    {"id": "flask-login-werkzeug", "severity": "error", "summary": "s",
     "when": [{"package": "flask-login", "versions": "<0.6.0"}, {"package": "werkzeug", "versions": ">=2.1"}],
     "messages": ["cannot import name 'safe_str_cmp' from 'werkzeug.security'"]},
    {"id": "flask-wtf-werkzeug", "severity": "error", "summary": "s",
     "when": [{"package": "flask-wtf", "versions": "<1.0.1"}, {"package": "werkzeug", "versions": ">=2.1"}],
     "messages": ["cannot import name 'safe_str_cmp' from 'werkzeug.security'"]},
    {"id": "numpy-float", "severity": "error", "summary": "s",
     "when": [{"package": "shap", "versions": "<0.42"}, {"package": "numpy", "versions": ">=1.24"}],
     "messages": ["module 'numpy' has no attribute 'float'", "np.float was a deprecated alias"]},
    {"id": "no-messages", "severity": "error", "summary": "s",
     "when": [{"package": "six"}]}
  ]})",
                             "test.json");
}

}  // namespace

TEST_CASE("diagnose: a log line is cleaned of colour codes, CRs and runs of blanks", "[diagnose]") {
  CHECK(diagnose::clean_line("\x1b[31mE   ImportError:\x1b[0m  cannot\timport\r") ==
        "E ImportError: cannot import");
  CHECK(diagnose::clean_line("  \x1b]8;;https://x\x07link\x1b]8;;\x1b\\  ") == "link");
  CHECK(diagnose::clean_line("\x1b") == "");
  CHECK(diagnose::clean_line("\x1b[") == "");
}

TEST_CASE("diagnose: a message found anywhere in the log matches, with its line", "[diagnose]") {
  const auto m = two_rules();
  const std::string log =
      "Traceback (most recent call last):\n"
      "  File \"/venv/lib/python3.10/site-packages/flask_login/utils.py\", line 14\n"
      "\x1b[1mImportError: cannot import name 'safe_str_cmp' from "
      "'werkzeug.security'\x1b[0m (/venv/x.py)\n";
  const auto scan = diagnose::scan_log(log, m);
  CHECK(scan.lines == 3);
  CHECK(scan.rules_with_messages == 3);
  REQUIRE(scan.matches.size() == 2);
  // Both rules print the same error; the traceback's path names flask_login, so it ranks first.
  CHECK(scan.matches[0].rule->id == "flask-login-werkzeug");
  CHECK(scan.matches[0].mentioned == std::vector<std::string>{"flask-login", "werkzeug"});
  CHECK(scan.matches[1].rule->id == "flask-wtf-werkzeug");
  CHECK(scan.matches[1].mentioned == std::vector<std::string>{"werkzeug"});
  REQUIRE(scan.matches[0].evidence.size() == 1);
  CHECK(scan.matches[0].evidence[0].line == 3);
  CHECK(scan.matches[0].evidence[0].text.find('\x1b') == std::string::npos);
}

TEST_CASE("diagnose: more messages found rank higher; nothing found is no match", "[diagnose]") {
  const auto m = two_rules();
  const auto one = diagnose::scan_log("AttributeError: module 'numpy' has no attribute 'float'", m);
  REQUIRE(one.matches.size() == 1);
  CHECK(one.matches[0].evidence.size() == 1);
  const auto both = diagnose::scan_log(
      "DeprecationWarning: np.float was a deprecated alias for the builtin float\n"
      "AttributeError: module 'numpy' has no attribute 'float'\n",
      m);
  REQUIRE(both.matches.size() == 1);
  CHECK(both.matches[0].evidence.size() == 2);
  CHECK(both.matches[0].score > one.matches[0].score);
  CHECK(diagnose::scan_log("all 12 tests passed\n", m).matches.empty());
  CHECK(diagnose::scan_log("", m).lines == 0);
}

TEST_CASE("diagnose: package names count only as whole words", "[diagnose]") {
  const auto m = two_rules();
  // "numpy" inside "numpyro" is not numpy, nor "shap" inside "shapely".
  const auto scan =
      diagnose::scan_log("shapely/numpyro: module 'numpy' has no attribute 'float'\n", m);
  REQUIRE(scan.matches.size() == 1);
  CHECK(scan.matches[0].mentioned == std::vector<std::string>{"numpy"});
}

TEST_CASE("diagnose: a message split by blanks or colour still matches", "[diagnose]") {
  const auto m = two_rules();
  const auto scan = diagnose::scan_log(
      "E       AttributeError: module\x1b[0m  'numpy'   has no attribute 'float'\n", m);
  REQUIRE(scan.matches.size() == 1);
  CHECK(scan.matches[0].rule->id == "numpy-float");
}

TEST_CASE("diagnose: GCC's typographic quotes match the rules' ASCII ones", "[diagnose]") {
  CHECK(diagnose::clean_line(
            "error: \xe2\x80\x98_PyCFrame\xe2\x80\x99 has \xe2\x80\x9cno\xe2\x80\x9d") ==
        "error: '_PyCFrame' has \"no\"");
  // Other characters of that block stay as they are (an en dash, a truncated sequence).
  CHECK(diagnose::clean_line("a \xe2\x80\x93 b") == "a \xe2\x80\x93 b");
  CHECK(diagnose::clean_line("x\xe2\x80") == "x\xe2\x80");
}
