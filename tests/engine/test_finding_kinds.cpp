// The finding kinds table: every kind the checks emit is in it, and the report schema lists the
// same kinds.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "depcheck/finding_kinds.hpp"

using namespace depcheck;

TEST_CASE("finding kinds: the report schema lists exactly the table's kinds", "[engine][kinds]") {
  std::ifstream file(std::string(DEPCHECK_SOURCE_DIR) + "/data/report.schema.json");
  REQUIRE(file);
  const auto schema = nlohmann::json::parse(file);
  // The enum of findings[].kind, wherever the schema keeps it.
  std::set<std::string> in_schema;
  const auto find_enum = [&](const nlohmann::json& node, const auto& self) -> void {
    if (node.is_object()) {
      if (node.contains("kind") && node["kind"].is_object() && node["kind"].contains("enum"))
        for (const auto& kind : node["kind"]["enum"]) in_schema.insert(kind.get<std::string>());
      for (const auto& [key, child] : node.items()) self(child, self);
    } else if (node.is_array()) {
      for (const auto& child : node) self(child, self);
    }
  };
  find_enum(schema, find_enum);
  std::set<std::string> in_table;
  for (const auto& kind : engine::finding_kinds()) in_table.insert(std::string(kind.id));
  CHECK(in_schema == in_table);
}

TEST_CASE("finding kinds: every kind is described and fixable as the planner reads it",
          "[engine][kinds]") {
  for (const auto& kind : engine::finding_kinds()) {
    CAPTURE(kind.id);
    CHECK(engine::find_finding_kind(kind.id) == &kind);
    CHECK_FALSE(kind.title.empty());
    CHECK(kind.help.size() > kind.title.size());
    // Only matrix findings take their references from the rule.
    CHECK(kind.help_uri.empty() == (kind.check == engine::CheckStage::matrix));
  }
  CHECK(engine::find_finding_kind("stale-lock")->fix == engine::FixStyle::relock);
  CHECK(engine::find_finding_kind("missing-requirement")->fix ==
        engine::FixStyle::into_requirement);
  CHECK(engine::find_finding_kind("no-such-kind") == nullptr);
}
