# Makes the fuzz seed corpora from the test fixtures and data/, at build time:
#   cmake -DSOURCE_DIR=<source> -DOUTPUT_DIR=<dir> -P make_seeds.cmake
# Whole files go to the reader targets' corpora by name (<OUTPUT_DIR>/uv_lock/, ...); values
# found in them (versions, specifiers, markers, requirements) seed the parser targets. Each seed
# is named by the SHA-1 of its content, so duplicates collapse. Nothing is written to the source
# tree.
cmake_minimum_required(VERSION 3.25)
if(NOT SOURCE_DIR OR NOT OUTPUT_DIR)
  message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=... -DOUTPUT_DIR=... -P make_seeds.cmake")
endif()

set(targets version specifier marker requirement poetry_lock uv_lock pdm_lock pipfile_lock pylock
            requirements_txt pyproject installed_env matrix fast_scanner)
file(REMOVE_RECURSE ${OUTPUT_DIR})
foreach(target ${targets})
  file(MAKE_DIRECTORY ${OUTPUT_DIR}/${target})
endforeach()

# CMake lists split at ';' (except inside [...]) and '\' escapes: text is carried with those
# characters replaced, and restored when written.
function(protect out text)
  string(REPLACE "\\" "@BSL@" text "${text}")
  string(REPLACE ";" "@SEMI@" text "${text}")
  string(REPLACE "[" "@LB@" text "${text}")
  string(REPLACE "]" "@RB@" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(add_seed target text)
  string(REPLACE "@BSL@" "\\" text "${text}")
  string(REPLACE "@SEMI@" ";" text "${text}")
  string(REPLACE "@LB@" "[" text "${text}")
  string(REPLACE "@RB@" "]" text "${text}")
  string(SHA1 hash "${text}")
  file(WRITE ${OUTPUT_DIR}/${target}/${hash} "${text}")
endfunction()

function(add_file target path)
  file(SHA1 ${path} hash)
  file(COPY_FILE ${path} ${OUTPUT_DIR}/${target}/${hash})
endfunction()

# --- Whole files, by path: tests/fixtures/<format>/..., data/examples/*/, data/matrix.json.
set(reader_patterns
    "poetry_lock=poetry"
    "uv_lock=(^|/)uv[_./-]|uv\\.lock"
    "fast_scanner=poetry|(^|/)uv[_./-]|uv\\.lock"
    "pdm_lock=pdm"
    "pipfile_lock=pipfile"
    "pylock=pylock"
    "requirements_txt=requirements|freeze|constraints|\\.txt$|\\.in$"
    "pyproject=pyproject"
    "installed_env=metadata|pkg-info|dist-info|egg-info|installed_env"
    "matrix=matrix.*\\.json$")
set(readers poetry_lock uv_lock pdm_lock pipfile_lock pylock requirements_txt pyproject)

file(GLOB_RECURSE fixtures RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/tests/fixtures/*
     ${SOURCE_DIR}/data/examples/* ${SOURCE_DIR}/data/matrix.json)
set(text_files "")
foreach(relative ${fixtures})
  set(path ${SOURCE_DIR}/${relative})
  if(IS_DIRECTORY ${path})
    continue()
  endif()
  file(SIZE ${path} size)
  if(size GREATER 1048576)  # a generated giant: too slow to be a seed
    continue()
  endif()
  string(TOLOWER "${relative}" lower)
  if(lower MATCHES "^tests/fixtures/bad_input/fuzz-open/")
    continue()  # known, unfixed crashes: a seed that crashes stops the fuzzer before it starts
  endif()
  if(lower MATCHES "^tests/fixtures/bad_input/")
    # Bad input of every kind is a seed for every reader (the file name picks no reader there).
    foreach(target ${readers} matrix)
      add_file(${target} ${path})
    endforeach()
  endif()
  foreach(entry ${reader_patterns})
    string(REGEX MATCH "^([a-z_]+)=(.*)$" _ "${entry}")
    set(target ${CMAKE_MATCH_1})
    set(pattern "${CMAKE_MATCH_2}")
    if(lower MATCHES "${pattern}")
      add_file(${target} ${path})
    endif()
  endforeach()
  if(size LESS 262144)
    list(APPEND text_files ${path})
  endif()
endforeach()

# --- Values inside the files, for the parser targets.
foreach(path ${text_files})
  file(READ ${path} content)
  if(content MATCHES "\r")
    string(REPLACE "\r" "" content "${content}")
  endif()
  protect(content "${content}")
  string(REPLACE "\n" ";" lines "${content}")
  get_filename_component(file_name ${path} NAME)
  set(is_requirements FALSE)
  if(file_name MATCHES "(requirements|constraints|freeze).*\\.(txt|in)$|\\.txt$")
    set(is_requirements TRUE)
  endif()
  foreach(line IN LISTS lines)
    # Versions: TOML `version = "1.0"`, JSON `"version": "==1.0"`, METADATA `Version: 1.0`, pins.
    if(line MATCHES "version\"? *[=:] *\"(==)?([^\"]+)\"")
      add_seed(version "${CMAKE_MATCH_2}")
    elseif(line MATCHES "^Version: *(.+)$")
      add_seed(version "${CMAKE_MATCH_1}")
    elseif(line MATCHES "===?([0-9][^ ,@;\"']*)")
      add_seed(version "${CMAKE_MATCH_1}")
    endif()
    # Specifier sets: matrix `versions`, python constraints; fuzzed as "SPECIFIERS\nVERSION".
    if(line MATCHES "(\"versions\"|python-versions|requires-python|requires_python|Requires-Python|python_version\")[ \"]*[=:] *\"?([^\"]*)\"?")
      add_seed(specifier "${CMAKE_MATCH_2}\n1.0")
      add_seed(specifier "${CMAKE_MATCH_2}\n3.12")
    endif()
    # Markers (quotes inside are escaped in TOML and JSON).
    if(line MATCHES "(markers?|resolution-markers)\"? *[=:] *\"((@BSL@\"|[^\"])+)\"")
      string(REPLACE "@BSL@\"" "\"" marker "${CMAKE_MATCH_2}")
      add_seed(marker "${marker}")
    elseif(line MATCHES "'(markers?)' *= *'([^']+)'")
      add_seed(marker "${CMAKE_MATCH_2}")
    endif()
    # Requirements: requirements lines, quoted PEP 508 strings, Requires-Dist headers.
    if(is_requirements AND NOT line MATCHES "^[ \t]*(#|-|$)")
      add_seed(requirement "${line}")
      if(line MATCHES "@SEMI@ *(.+)$")
        add_seed(marker "${CMAKE_MATCH_1}")
      endif()
    elseif(line MATCHES "^Requires-Dist: *(.+)$")
      add_seed(requirement "${CMAKE_MATCH_1}")
    elseif(line MATCHES "^[ \t]*\"([A-Za-z0-9][A-Za-z0-9._-]*( *@LB@[^\"]*@RB@)? *[<>=!~@(@SEMI@][^\"]*)\",?[ \t]*$")
      add_seed(requirement "${CMAKE_MATCH_1}")
    endif()
  endforeach()
endforeach()

# --- A few hand-written seeds, so that every corpus starts with the grammar's corners.
foreach(text "1.0" "v1.0-1" "1!2.0rc1.post2.dev3+ubuntu.1" "1.0.0.0a" "2026011512345678901234.0"
             "1.0-r1" "1.0c1" "1.0_PREVIEW-3" " 1.0 " "1.0+local-.1")
  add_seed(version "${text}")
endforeach()
foreach(text ">=1.0,<2\n1.5rc1" "~=1.4.2\n1.4.5" "==1.2.*\n1.2.3+local" "!=1.0.*,>1.0.post1\n1.0.post2"
             "===foo\nfoo" "<1.0\n1.0.dev0" ">1.0\n1.0+local" "<=2!1.0, >=0\n1!2" "\n1.0")
  add_seed(specifier "${text}")
endforeach()
foreach(text "python_version >= \"3.8\" and sys_platform == 'linux'"
             "(os_name == 'nt' or extra == \"Test_X\") and platform_machine in 'x86_64 aarch64'"
             "'3.8' <= python_full_version and implementation_name not in \"pypy\""
             "python_version ~= '3.8' or python_version === '3.9'" "os.name == 'posix'")
  add_seed(marker "${text}")
endforeach()
foreach(text "Foo_Bar[a,b] (>=1.0 ,<2); os_name=='nt'" "name @ https://example.com/x.whl ; python_version<'3.11'"
             "pkg==1.0" "pkg[extra]~=2.1; extra == 'x'" "a @ git+https://e.com/r.git@v1#egg=a")
  add_seed(requirement "${text}")
endforeach()
add_seed(installed_env "Metadata-Version: 2.1\nName: Foo_Bar\nVersion: 1.0\nRequires-Dist: baz>=1; extra == 'x'\nRequires-Python: >=3.8\n\nbody\n")
add_seed(installed_env "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\n\n")
