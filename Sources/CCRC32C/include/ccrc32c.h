// SPDX-License-Identifier: Apache-2.0
#ifndef SLUICE_CCRC32C_H
#define SLUICE_CCRC32C_H

#include <stddef.h>
#include <stdint.h>

/// Extends a CRC32C (Castagnoli, as iSCSI, ext4 and Kafka's record batches use it) over `length` bytes.
/// Pass 0 as `crc` to start; chaining calls over consecutive pieces gives the CRC of their concatenation.
/// Uses the SSE4.2 `crc32` instruction when the CPU has it, otherwise a slicing-by-8 table.
uint32_t sluice_crc32c(uint32_t crc, const void *data, size_t length);

/// The table-driven implementation, whatever the CPU (for tests that compare both).
uint32_t sluice_crc32c_portable(uint32_t crc, const void *data, size_t length);

/// 1 when `sluice_crc32c` uses the hardware instruction.
int sluice_crc32c_uses_hardware(void);

#endif
