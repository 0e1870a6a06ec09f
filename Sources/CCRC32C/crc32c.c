// SPDX-License-Identifier: Apache-2.0
#include "ccrc32c.h"

#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <nmmintrin.h>
#define SLUICE_CRC32C_X86 1
#endif

// Reflected Castagnoli polynomial.
#define POLY 0x82F63B78u

// Stream length for the three interleaved hardware streams. The `crc32` instruction has a latency of
// three cycles and a throughput of one, so three independent streams keep the unit busy; the partial
// CRCs are then joined with a "shift by N zero bytes" operator applied through four byte tables.
// Short streams keep each step within 768 contiguous bytes, which the hardware prefetcher follows as
// one sequence: from memory (a batch read for the first time) that runs at ~19 GB/s here against
// ~12 GB/s for 4 KiB streams, for ~15% less speed on data already in cache (~22 against ~26 GB/s).
#define BLOCK 256

static uint32_t slicing[8][256];
static uint32_t shift_block[4][256];
static int has_hardware;

/// Applies a GF(2) 32x32 matrix (as 32 column images) to a vector.
static uint32_t matrix_times(const uint32_t *matrix, uint32_t vector) {
    uint32_t sum = 0;
    for (int bit = 0; vector != 0; bit++, vector >>= 1) {
        if (vector & 1) sum ^= matrix[bit];
    }
    return sum;
}

static void matrix_square(uint32_t *square, const uint32_t *matrix) {
    for (int n = 0; n < 32; n++) square[n] = matrix_times(matrix, matrix[n]);
}

/// Builds tables that advance a raw CRC register over `bytes` zero bytes.
static void build_shift_tables(uint32_t tables[4][256], size_t bytes) {
    // The operator for one zero bit, then squared up to whole powers of two bits.
    uint32_t power[32], scratch[32], result[32];
    power[0] = POLY;
    for (int n = 1; n < 32; n++) power[n] = 1u << (n - 1);
    for (int n = 0; n < 32; n++) result[n] = 1u << n;  // identity
    size_t bits = bytes * 8;
    while (bits != 0) {
        if (bits & 1) {
            for (int n = 0; n < 32; n++) scratch[n] = matrix_times(power, result[n]);
            memcpy(result, scratch, sizeof(result));
        }
        bits >>= 1;
        if (bits != 0) {
            matrix_square(scratch, power);
            memcpy(power, scratch, sizeof(power));
        }
    }
    for (int k = 0; k < 4; k++) {
        for (uint32_t b = 0; b < 256; b++) tables[k][b] = matrix_times(result, b << (8 * k));
    }
}

static inline uint32_t apply_shift(uint32_t tables[4][256], uint32_t crc) {
    return tables[0][crc & 0xff] ^ tables[1][(crc >> 8) & 0xff] ^ tables[2][(crc >> 16) & 0xff] ^
           tables[3][crc >> 24];
}

__attribute__((constructor)) static void sluice_crc32c_init(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t crc = n;
        for (int k = 0; k < 8; k++) crc = (crc & 1) ? (crc >> 1) ^ POLY : crc >> 1;
        slicing[0][n] = crc;
    }
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t crc = slicing[0][n];
        for (int k = 1; k < 8; k++) {
            crc = slicing[0][crc & 0xff] ^ (crc >> 8);
            slicing[k][n] = crc;
        }
    }
    build_shift_tables(shift_block, BLOCK);
#if SLUICE_CRC32C_X86
    __builtin_cpu_init();
    has_hardware = __builtin_cpu_supports("sse4.2");
#endif
}

static inline uint64_t load64(const uint8_t *p) {
    uint64_t value;
    memcpy(&value, p, 8);
    return value;
}

uint32_t sluice_crc32c_portable(uint32_t crc, const void *data, size_t length) {
    const uint8_t *p = data;
    uint32_t c = ~crc;
    while (length >= 8) {
        uint64_t word = load64(p) ^ c;
        c = slicing[7][word & 0xff] ^ slicing[6][(word >> 8) & 0xff] ^ slicing[5][(word >> 16) & 0xff] ^
            slicing[4][(word >> 24) & 0xff] ^ slicing[3][(word >> 32) & 0xff] ^
            slicing[2][(word >> 40) & 0xff] ^ slicing[1][(word >> 48) & 0xff] ^ slicing[0][word >> 56];
        p += 8;
        length -= 8;
    }
    while (length--) c = slicing[0][(c ^ *p++) & 0xff] ^ (c >> 8);
    return ~c;
}

#if SLUICE_CRC32C_X86
__attribute__((target("sse4.2"))) static uint32_t crc32c_hardware(uint32_t crc, const uint8_t *p, size_t length) {
    uint64_t c0 = (uint32_t)~crc;
    while (length >= 3 * BLOCK) {
        uint64_t c1 = 0, c2 = 0;
        for (size_t i = 0; i < BLOCK; i += 8) {
            c0 = _mm_crc32_u64(c0, load64(p + i));
            c1 = _mm_crc32_u64(c1, load64(p + BLOCK + i));
            c2 = _mm_crc32_u64(c2, load64(p + 2 * BLOCK + i));
        }
        c0 = apply_shift(shift_block, (uint32_t)c0) ^ (uint32_t)c1;
        c0 = apply_shift(shift_block, (uint32_t)c0) ^ (uint32_t)c2;
        p += 3 * BLOCK;
        length -= 3 * BLOCK;
    }
    while (length >= 8) {
        c0 = _mm_crc32_u64(c0, load64(p));
        p += 8;
        length -= 8;
    }
    uint32_t c = (uint32_t)c0;
    while (length--) c = _mm_crc32_u8(c, *p++);
    return ~c;
}
#endif

uint32_t sluice_crc32c(uint32_t crc, const void *data, size_t length) {
#if SLUICE_CRC32C_X86
    if (has_hardware) return crc32c_hardware(crc, data, length);
#endif
    return sluice_crc32c_portable(crc, data, length);
}

int sluice_crc32c_uses_hardware(void) { return has_hardware; }
