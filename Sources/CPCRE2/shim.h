// PCRE2's 8-bit API, imported into Swift as `CPCRE2`. Only SluiceFunctions imports this module.
// pcre2.h names its functions through macros (`pcre2_compile` expands to `pcre2_compile_8`) and
// defines some constants as expressions, so Swift calls these inline wrappers instead.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

/// Compiles a UTF-8 pattern with `options` and CR, LF or CRLF as line terminators (what Java's `.`
/// and `$` treat as line ends, less the rare Unicode ones); on failure returns NULL and sets the
/// error code and offset.
static inline pcre2_code_8 *sluice_pcre2_compile(const uint8_t *pattern, size_t length, uint32_t options,
                                                 int *error_code, size_t *error_offset) {
    pcre2_compile_context_8 *context = pcre2_compile_context_create_8(NULL);
    if (context == NULL) {
        *error_code = PCRE2_ERROR_NOMEMORY;
        *error_offset = 0;
        return NULL;
    }
    pcre2_set_newline_8(context, PCRE2_NEWLINE_ANYCRLF);
    pcre2_code_8 *code = pcre2_compile_8(pattern, length, options, error_code, error_offset, context);
    pcre2_compile_context_free_8(context);
    return code;
}

static inline void sluice_pcre2_code_free(pcre2_code_8 *code) { pcre2_code_free_8(code); }

/// JIT-compiles a pattern for complete matches; returns 0 on success (a failure leaves the
/// interpreter in use).
static inline int sluice_pcre2_jit_compile(pcre2_code_8 *code) {
    return pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE);
}

/// The number of capturing groups of a compiled pattern.
static inline uint32_t sluice_pcre2_capture_count(const pcre2_code_8 *code) {
    uint32_t count = 0;
    pcre2_pattern_info_8(code, PCRE2_INFO_CAPTURECOUNT, &count);
    return count;
}

static inline pcre2_match_data_8 *sluice_pcre2_match_data_create(const pcre2_code_8 *code) {
    return pcre2_match_data_create_from_pattern_8(code, NULL);
}

static inline void sluice_pcre2_match_data_free(pcre2_match_data_8 *data) { pcre2_match_data_free_8(data); }

/// Matches from `start`; returns the number of groups set plus one, PCRE2_ERROR_NOMATCH (-1),
/// or another negative error code.
static inline int sluice_pcre2_match(const pcre2_code_8 *code, const uint8_t *subject, size_t length, size_t start,
                                     pcre2_match_data_8 *data) {
    return pcre2_match_8(code, subject, length, start, 0, data, NULL);
}

static inline size_t *sluice_pcre2_ovector(pcre2_match_data_8 *data) { return pcre2_get_ovector_pointer_8(data); }

/// The value an unset group has in the output vector.
static inline size_t sluice_pcre2_unset(void) { return PCRE2_UNSET; }

/// The message for an error code, written into `buffer`.
static inline int sluice_pcre2_error_message(int code, uint8_t *buffer, size_t size) {
    return pcre2_get_error_message_8(code, buffer, size);
}

/// Compile options: UTF-8 patterns and subjects; invalid UTF-8 in a subject never matches across
/// the bad bytes instead of failing the match.
static inline uint32_t sluice_pcre2_java_options(void) { return PCRE2_UTF | PCRE2_MATCH_INVALID_UTF; }

/// The number of the capturing group called `name` (NUL-terminated), or a negative error code.
static inline int sluice_pcre2_group_number(const pcre2_code_8 *code, const uint8_t *name) {
    return pcre2_substring_number_from_name_8(code, name);
}
