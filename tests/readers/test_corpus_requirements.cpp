// The shared corpus's requirements-style files against pip's own verdicts
// (corpus/expected/<file>.json, made with pip's requirements-file parser): each file is read in
// its original layout, so that -r/-c includes resolve as they did upstream.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "depcheck/readers/reader.hpp"
#include "depcheck/util/files.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using depcheck::Diagnostics;
using depcheck::FatalError;
using depcheck::Input;
using depcheck::Severity;
using nlohmann::json;

namespace {

using Pair = std::pair<std::string, std::string>;  // (name, version or specifier)

std::vector<Pair> sorted(std::vector<Pair> pairs) {
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

std::vector<Pair> expected_pairs(const json& expected, const char* key, const char* second) {
  std::vector<Pair> pairs;
  if (expected.contains(key))
    for (const auto& entry : expected[key])
      pairs.emplace_back(entry["name"].get<std::string>(), entry[second].get<std::string>());
  return sorted(pairs);
}

// packaging prints a SpecifierSet with its specifiers sorted as strings.
std::string sorted_specifier(const std::string& text) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : text + ",") {
    if (c == ',') {
      if (!part.empty()) parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  std::sort(parts.begin(), parts.end());
  std::string joined;
  for (const auto& p : parts) joined += (joined.empty() ? "" : ",") + p;
  return joined;
}

// A fresh folder with every corpus file of `repo` at `commit` put back at its original path.
fs::path rebuild_layout(const fs::path& corpus, const json& manifest, const std::string& repo,
                        const std::string& commit, int index) {
  const auto root = fs::temp_directory_path() /
                    ("depcheck-corpus-" + std::to_string(::getpid()) + "-" + std::to_string(index));
  fs::remove_all(root);
  for (const auto& other : manifest) {
    if (other["repo"] != repo || other["commit"] != commit) continue;
    const auto target = root / other["path"].get<std::string>();
    fs::create_directories(target.parent_path());
    fs::copy_file(corpus / other["file"].get<std::string>(), target,
                  fs::copy_options::overwrite_existing);
  }
  return root;
}

}  // namespace

TEST_CASE("corpus: requirements files read as pip reads them", "[readers][requirements][corpus]") {
  const auto shared = depcheck::test::shared_dir();
  if (shared.empty()) {
    WARN("shared corpus not found: skipped");
    return;
  }
  const fs::path corpus = fs::path(shared) / "corpus";
  const auto manifest = json::parse(depcheck::util::read_file((corpus / "MANIFEST.json").string()));
  int index = 0, total = 0;
  std::vector<std::string> mismatched;
  for (const auto& entry : manifest) {
    if (entry["format"] != "requirements.txt") continue;
    const auto file = entry["file"].get<std::string>();
    const auto expected = json::parse(
        depcheck::util::read_file((corpus / entry["expected"].get<std::string>()).string()));
    ++total;
    {
      CAPTURE(file);
      const auto root = rebuild_layout(corpus, manifest, entry["repo"], entry["commit"], index++);
      const auto path = (root / entry["path"].get<std::string>()).string();
      Input input;
      Diagnostics diags;
      bool fatal = false;
      try {
        depcheck::readers::read_requirements(depcheck::util::read_file(path), path, input, diags);
      } catch (const FatalError&) {
        fatal = true;
      }
      fs::remove_all(root);
      const bool failed = fatal || std::any_of(diags.begin(), diags.end(), [](const auto& d) {
                            return d.severity == Severity::error;
                          });
      std::string first_error;
      for (const auto& d : diags) first_error += d.where.str() + ": " + d.message + "\n";
      CAPTURE(first_error);

      bool ok = true;
      const auto check = [&](bool condition) {
        CHECK(condition);
        ok = ok && condition;
      };
      if (expected.contains("error")) {
        CAPTURE(expected["error"].get<std::string>());
        check(failed);
      } else {
        check(!failed);
        std::vector<Pair> packages, unpinned, constraints;
        for (const auto& p : input.packages) packages.emplace_back(p.name, p.version_text);
        for (const auto& d : input.unpinned)
          unpinned.emplace_back(d.name, sorted_specifier(d.specifier_text));
        // pip's reference lists exact pins from -c files only.
        for (const auto& d : input.constraints) {
          const auto& specs = d.specifiers.specifiers;
          if (specs.size() == 1 && !specs[0].wildcard &&
              (specs[0].op == depcheck::pep440::Operator::equal ||
               specs[0].op == depcheck::pep440::Operator::arbitrary))
            constraints.emplace_back(d.name, specs[0].version_text);
        }
        const auto expected_packages = expected_pairs(expected, "packages", "version");
        const auto expected_constraints = expected_pairs(expected, "constraints", "version");
        auto expected_unpinned = expected_pairs(expected, "unpinned", "specifier");
        for (auto& [name, specifier] : expected_unpinned) specifier = sorted_specifier(specifier);
        check(sorted(packages) == expected_packages);
        check(sorted(unpinned) == sorted(expected_unpinned));
        check(sorted(constraints) == expected_constraints);
        // Unversioned entries: the same number; the names pip knows must be ours too.
        const auto& expected_unversioned = expected["unversioned"];
        check(input.unversioned.size() == expected_unversioned.size());
        for (const auto& e : expected_unversioned) {
          if (e["name"].is_null()) continue;
          const auto name = e["name"].get<std::string>();
          CAPTURE(name);
          check(std::any_of(input.unversioned.begin(), input.unversioned.end(),
                            [&](const auto& p) { return p.name == name; }));
        }
      }
      if (!ok) mismatched.push_back(file);
    }
  }
  std::string list;
  for (const auto& file : mismatched) list += "  " + file + "\n";
  INFO(total - static_cast<int>(mismatched.size()) << "/" << total << " files match; mismatched:\n"
                                                   << list);
  CHECK(total > 0);
  CHECK(mismatched.empty());
}
