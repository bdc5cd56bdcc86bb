#pragma once
// The compatibility matrix (SPEC "Compatibility matrix", schema_version 1): rules loaded from
// JSON, indexed by package name.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "depcheck/diagnostic.hpp"
#include "depcheck/pep440/specifier.hpp"
#include "depcheck/pep508/marker.hpp"

namespace depcheck::matrix {

struct Constraint {
  std::string package;        // PEP 503-normalized
  std::string versions_text;  // as written
  pep440::SpecifierSet versions;
};

// A version set of an example: package -> version.
using ExampleSet = std::map<std::string, std::string>;

struct Rule {
  std::string id;
  Severity severity = Severity::error;
  std::string symptom;  // "import-error" | "runtime-error" | "deprecation-warning" | ...
  std::string summary;
  std::string details;
  std::vector<Constraint> when;  // all must hold
  std::string markers_text;
  std::optional<pep508::Marker> markers;
  std::vector<Constraint> fixes;  // each one constraint change that removes the problem
  std::vector<std::string> references;
  // Text the breakage prints (an ImportError, an AttributeError, a warning), matched
  // literally by `depcheck diagnose`.
  std::vector<std::string> messages;
  std::string added;
  std::string reviewed;
  std::vector<ExampleSet> bad_examples;
  std::vector<ExampleSet> good_examples;
  std::string origin;  // the matrix file it came from ("<bundled>" for the built-in one)

  // The conditions as one line for people: "flask-login >=0.2.3,<0.6.0 + werkzeug >=2.1".
  std::string when_text() const;
};

struct Matrix {
  std::string matrix_version;
  std::vector<Rule> rules;
  // normalized package name -> indexes into `rules` of every rule with a `when` on it.
  std::unordered_map<std::string, std::vector<std::size_t>> by_package;
  // rule id -> index into `rules`, for find().
  std::unordered_map<std::string, std::size_t> by_id;

  // Adds `other`'s rules; a duplicate id is a FatalError.
  void merge(Matrix other);
  const Rule* find(std::string_view id) const;
  void reindex();
};

// Parses and validates one matrix document. Anything that does not load (bad JSON, missing
// field, wrong type, bad specifier or marker, duplicate id) is a FatalError naming the rule id,
// e.g. "matrix.json: rule 'alpha-beta-3': invalid specifier '>=1..2' in when[0].versions".
Matrix load_matrix(std::string_view json_text, const std::string& origin);

// The bundled matrix document (data/matrix.json compiled in).
std::string_view bundled_matrix_json();
Matrix bundled_matrix();

}  // namespace depcheck::matrix
