#pragma once
// The fast path of load_matrix(): one pass over the JSON text straight into Rules, without a
// document tree (nlohmann's tree of std::map nodes costs more than everything else in loading a
// large matrix). It takes only documents that load without any error or oddity; for anything
// else it gives up and load_matrix() reads the text with nlohmann, so that every error message
// and edge case stays exactly that path's.
#include <optional>
#include <string>
#include <string_view>

#include "depcheck/matrix.hpp"

namespace depcheck::matrix::detail {

// The matrix, or nullopt when the fast path gives up: not JSON it is sure nlohmann reads the
// same way (a \u escape, an exponent, a byte-order mark, a duplicate key), or anything the full
// loader would report (unknown field, wrong type, bad specifier, marker or version, duplicate
// id or package, ...). Never throws for bad input.
std::optional<Matrix> fast_load_matrix(std::string_view json_text, const std::string& origin);

// The full loader with nlohmann alone (what load_matrix() falls back to); for tests.
Matrix load_matrix_with_tree(std::string_view json_text, const std::string& origin);

}  // namespace depcheck::matrix::detail
