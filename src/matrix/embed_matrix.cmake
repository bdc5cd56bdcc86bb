# Writes OUTPUT, a .cpp holding INPUT's bytes, for depcheck::matrix::bundled_matrix_json().
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT}
  "// Generated from data/matrix.json at build time. Do not edit.\n"
  "#include <string_view>\n"
  "namespace depcheck::matrix {\n"
  "static const unsigned char k_bundled_matrix[] = {${bytes} 0};\n"
  "std::string_view bundled_matrix_json() {\n"
  "  return {reinterpret_cast<const char*>(k_bundled_matrix), ${byte_count}};\n"
  "}\n"
  "}  // namespace depcheck::matrix\n")
