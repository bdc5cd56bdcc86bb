#include <catch2/catch.hpp>

#include "depcheck/readers/reader.hpp"

using namespace depcheck::readers;

TEST_CASE("registry: detection by file name", "[readers][registry]") {
  auto [name, expected] = GENERATE(table<std::string, std::string>({
      {"poetry.lock", "poetry.lock"},
      {"uv.lock", "uv.lock"},
      {"pdm.lock", "pdm.lock"},
      {"Pipfile.lock", "Pipfile.lock"},
      {"pylock.toml", "pylock.toml"},
      {"pylock.dev.toml", "pylock.toml"},  // PEP 751: pylock.<name>.toml
      {"pylock.a.b.toml", ""},             // the name may not contain a dot
      {"requirements.txt", "requirements.txt"},
      {"requirements-dev.txt", "requirements.txt"},
      {"requirements.in", "requirements.txt"},
      {"pyproject.toml", "pyproject.toml"},
      {"setup.py", ""},
      {"Pipfile", ""},
  }));
  CAPTURE(name);
  const auto* reader = detect_reader(name);
  CHECK((reader ? std::string(reader->id) : std::string()) == expected);
}

TEST_CASE("registry: standard input is recognised by its content", "[readers][registry]") {
  auto [text, expected] = GENERATE(table<std::string, std::string>({
      {"{\n  \"_meta\": {\"hash\": {}},\n  \"default\": {}\n}", "Pipfile.lock"},
      {"[[package]]\nname = \"a\"\nversion = \"1\"\npython-versions = "
       "\"*\"\n\n[metadata]\nlock-version = \"2.0\"\n",
       "poetry.lock"},
      {"version = 1\nrequires-python = \">=3.9\"\n\n[[package]]\nname = \"a\"\n", "uv.lock"},
      {"[metadata]\ngroups = [\"default\"]\nlock_version = \"4.4\"\n", "pdm.lock"},
      {"lock-version = \"1.0\"\ncreated-by = \"pip\"\n\n[[packages]]\nname = \"a\"\n",
       "pylock.toml"},
      {"[project]\nname = \"x\"\ndependencies = []\n", "pyproject.toml"},
      {"requests==2.31.0\nidna==3.6\n", "requirements.txt"},
  }));
  CAPTURE(text);
  CHECK(std::string(sniff_reader(text)->id) == expected);
}
